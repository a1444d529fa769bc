// The committee's pre-meeting record (họp chi ủy trước khi sinh hoạt): each member's
// strengths and shortcomings this month, the content agreed for the cell meeting and the
// draft resolution. The members are those of the meeting it prepares (or of the cell).

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Collapse, Form, Input, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client.ts';
import { useMemberList } from '../../api/members.ts';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showSuccess } from '../../lib/notify.ts';
import { vnDateTime } from './meeting-labels.ts';
import { type Meeting, meetingKeys, type Preparation, useAttendance } from './meetings-api.ts';

interface Review {
  strengths?: string | null;
  shortcomings?: string | null;
}
interface PrepValues {
  reviews: Record<string, Review>;
  agreedContent?: string | null;
  draftResolution?: string | null;
}

export function PreparationCard({ meeting: m, editable }: { meeting: Meeting; editable: boolean }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PrepValues>();
  const prep = useQuery({ queryKey: meetingKeys.preparation(m.id), queryFn: () => api<Preparation>(`/meetings/${m.id}/preparation`) });
  const prepared = useAttendance(m.preparesMeetingId ?? 0, m.preparesMeetingId !== null);
  const cell = useMemberList({ unitId: m.unitId, pageSize: 200 }, m.preparesMeetingId === null);
  const roll =
    m.preparesMeetingId !== null
      ? [...(prepared.data?.members ?? []), ...(prepared.data?.apart ?? [])].map((e) => ({ id: e.memberId, fullName: e.fullName }))
      : (cell.data?.items ?? []).map((x) => ({ id: x.id, fullName: x.fullName }));

  useEffect(() => {
    if (!prep.data) return;
    form.setFieldsValue({
      reviews: Object.fromEntries(
        prep.data.memberReviews.map((r) => [String(r.memberId), { strengths: r.strengths ?? '', shortcomings: r.shortcomings ?? '' }]),
      ),
      agreedContent: prep.data.agreedContent ?? '',
      draftResolution: prep.data.draftResolution ?? '',
    });
  }, [prep.data, form]);

  const save = useMutation({
    mutationFn: (v: PrepValues) =>
      api<Preparation>(`/meetings/${m.id}/preparation`, {
        method: 'PUT',
        body: {
          memberReviews: Object.entries(v.reviews ?? {})
            .filter(([, r]) => r?.strengths?.trim() || r?.shortcomings?.trim())
            .map(([memberId, r]) => ({ memberId: Number(memberId), strengths: r.strengths?.trim() || null, shortcomings: r.shortcomings?.trim() || null })),
          agreedContent: v.agreedContent?.trim() || null,
          draftResolution: v.draftResolution?.trim() || null,
        },
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(meetingKeys.preparation(m.id), saved);
      showSuccess(t('common.saved'));
    },
  });

  if (prep.isPending) return <PageLoading />;
  if (prep.isError) return <QueryError error={prep.error} onRetry={() => void prep.refetch()} />;
  const reviewed = new Set(prep.data.memberReviews.map((r) => r.memberId));

  return (
    <Card
      size="small"
      title={t('meetings.prep.recordTitle')}
      data-testid="prep-card"
      extra={
        prep.data.updatedAt ? (
          <Typography.Text type="secondary">{t('meetings.prep.updatedAt', { at: vnDateTime(prep.data.updatedAt) })}</Typography.Text>
        ) : undefined
      }
    >
      <Form<PrepValues> form={form} layout="vertical" disabled={!editable} onFinish={(v) => save.mutate(v)} data-testid="prep-form">
        <Typography.Title level={5}>{t('meetings.prep.reviews')}</Typography.Title>
        {/* The default size: its headers (one per member) are 44 px tap targets, the small ones 40 px. */}
        <Collapse
          style={{ marginBottom: 16 }}
          items={roll.map((r) => ({
            key: String(r.id),
            label: (
              <span data-testid="prep-member">
                {r.fullName}
                {reviewed.has(r.id) ? ' ✓' : ''}
              </span>
            ),
            forceRender: true,
            children: (
              <>
                <Form.Item name={['reviews', String(r.id), 'strengths']} label={t('meetings.prep.strengths')} rules={[{ max: 5000 }]}>
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} data-testid="prep-strengths" />
                </Form.Item>
                <Form.Item
                  name={['reviews', String(r.id), 'shortcomings']}
                  label={t('meetings.prep.shortcomings')}
                  rules={[{ max: 5000 }]}
                  style={{ marginBottom: 0 }}
                >
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} data-testid="prep-shortcomings" />
                </Form.Item>
              </>
            ),
          }))}
        />
        <Form.Item name="agreedContent" label={t('meetings.prep.agreedContent')} rules={[{ max: 20000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} data-testid="prep-agreed" />
        </Form.Item>
        <Form.Item name="draftResolution" label={t('meetings.prep.draftResolution')} rules={[{ max: 20000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} data-testid="prep-draft" />
        </Form.Item>
        {editable && (
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="prep-save">
              {t('common.save')}
            </Button>
          </Space>
        )}
      </Form>
    </Card>
  );
}
