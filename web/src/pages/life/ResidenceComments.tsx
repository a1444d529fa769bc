// The residence cells' yearly comments (QĐ 213-QĐ/TW, HD 33-HD/BTCTW). A residence cell sees
// the comments asked of it and answers each on the form; the work place asks for the year's
// comments (members in HD 33's categories are not asked) and reads the answers.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Form, Input, List, Radio, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { usePermission } from '../../auth/session.ts';
import { ActionModal } from '../../components/ActionModal.tsx';
import { DateItem } from '../../components/DateInput.tsx';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showDate, todayIso } from '../../lib/dates.ts';
import { showSuccess } from '../../lib/notify.ts';
import { lifeKeys, type ResidenceComment } from './life-api.ts';

export function ResidenceComments({ unitId }: { unitId: number }) {
  const t = useT();
  const may = usePermission();
  const queryClient = useQueryClient();
  const [year, setYear] = useState(Number(todayIso().slice(0, 4)));
  const [side, setSide] = useState<'residence' | 'work'>('residence');
  const [answering, setAnswering] = useState<ResidenceComment | null>(null);
  const comments = useQuery({
    queryKey: lifeKeys.comments(unitId, year, side),
    queryFn: () => api<{ items: ResidenceComment[] }>('/residence-comments', { query: { unitId, year, side } }),
  });
  const ask = useMutation({
    mutationFn: () =>
      api<{ requested: number; alreadyAsked: number; notAsked: number }>('/residence-comments/requests', {
        method: 'POST',
        body: { unitId, year, requestedOn: todayIso() },
      }),
    onSuccess: async (r) => {
      await queryClient.invalidateQueries({ queryKey: ['life', 'comments'] });
      showSuccess(t('life.residence.asked', r));
    },
  });
  const years = Array.from({ length: 5 }, (_, i) => Number(todayIso().slice(0, 4)) - i);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <Segmented<'residence' | 'work'>
            value={side}
            onChange={setSide}
            data-testid="residence-side"
            options={(['residence', 'work'] as const).map((v) => ({
              value: v,
              label: (
                <span style={{ display: 'block', whiteSpace: 'normal', fontSize: 16, lineHeight: '20px', padding: '12px 0' }}>
                  {t(v === 'residence' ? 'life.residence.toAnswer' : 'life.residence.asked_tab')}
                </span>
              ),
            }))}
          />
          <Select
            value={year}
            onChange={setYear}
            options={years.map((y) => ({ value: y, label: t('life.residence.year', { year: y }) }))}
            style={{ minWidth: 120 }}
          />
        </Space>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t(side === 'residence' ? 'life.residence.introResidence' : 'life.residence.introWork')}
        </Typography.Paragraph>
        {side === 'work' && may('write_members') && (
          <Button type="primary" style={{ marginTop: 8, minHeight: 44 }} loading={ask.isPending} onClick={() => ask.mutate()} data-testid="residence-ask">
            {t('life.residence.ask', { year })}
          </Button>
        )}
      </Card>
      <Card size="small" styles={{ body: { padding: 0 } }} data-testid="residence-comments">
        {comments.isPending ? (
          <PageLoading />
        ) : comments.isError ? (
          <QueryError error={comments.error} onRetry={() => void comments.refetch()} />
        ) : (
          <List
            dataSource={comments.data.items}
            locale={{ emptyText: <Empty description={t('life.residence.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            renderItem={(c) => (
              <List.Item data-testid="residence-comment" style={{ padding: 12, display: 'block' }}>
                <div style={{ fontSize: 16, fontWeight: 600 }}>
                  {c.fullName} {c.answeredOn ? <Tag color="green">{t('life.residence.answered')}</Tag> : <Tag color="gold">{t('life.residence.waiting')}</Tag>}
                </div>
                <div>
                  {side === 'residence'
                    ? t('life.residence.workPlace', { unit: c.workUnitName })
                    : t('life.residence.residenceCell', { unit: c.residenceUnitName })}
                </div>
                <Typography.Text type="secondary">{t('life.residence.requestedOn', { date: showDate(c.requestedOn) })}</Typography.Text>
                {c.answeredOn && (
                  <div style={{ marginTop: 6, fontSize: 16 }}>
                    <div>
                      {t(c.keepsContact ? 'life.residence.keepsContactYes' : 'life.residence.keepsContactNo')} ·{' '}
                      {t(c.fulfilsCitizenDuties ? 'life.residence.dutiesYes' : 'life.residence.dutiesNo')}
                    </div>
                    <div>{c.comment}</div>
                    <Typography.Text type="secondary">{t('life.residence.answeredOn', { date: showDate(c.answeredOn) })}</Typography.Text>
                  </div>
                )}
                {c.canAnswer && (
                  <Button
                    style={{ marginTop: 8, minHeight: 44 }}
                    type={c.answeredOn ? 'default' : 'primary'}
                    onClick={() => setAnswering(c)}
                    data-testid="residence-answer"
                  >
                    {t(c.answeredOn ? 'life.residence.edit' : 'life.residence.answer')}
                  </Button>
                )}
              </List.Item>
            )}
          />
        )}
      </Card>
      <AnswerDialog comment={answering} onClose={() => setAnswering(null)} />
    </Space>
  );
}

interface AnswerValues {
  keepsContact: boolean;
  fulfilsCitizenDuties: boolean;
  comment: string;
  answeredOn: string;
}

function AnswerDialog({ comment, onClose }: { comment: ResidenceComment | null; onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const answer = useMutation({
    mutationFn: (v: AnswerValues) => api(`/residence-comments/${comment!.id}`, { method: 'PUT', body: { ...v, comment: v.comment.trim() } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['life', 'comments'] });
      showSuccess(t('common.saved'));
    },
  });
  const required = { required: true, message: t('validation.required') };
  const yesNo = (yes: string, no: string) => (
    <Radio.Group optionType="button">
      <Radio.Button value={true} style={{ minHeight: 44, lineHeight: '42px' }}>
        {yes}
      </Radio.Button>
      <Radio.Button value={false} style={{ minHeight: 44, lineHeight: '42px' }}>
        {no}
      </Radio.Button>
    </Radio.Group>
  );
  return (
    <ActionModal<AnswerValues>
      open={comment !== null}
      onClose={onClose}
      title={t('life.residence.formTitle', { name: comment?.fullName ?? '', year: comment?.year ?? '' })}
      testId="residence-answer-form"
      initialValues={{
        answeredOn: comment?.answeredOn ?? todayIso(),
        keepsContact: comment?.keepsContact ?? undefined,
        fulfilsCitizenDuties: comment?.fulfilsCitizenDuties ?? undefined,
        comment: comment?.comment ?? undefined,
      }}
      confirmText={() => t('life.residence.confirm', { name: comment?.fullName ?? '', unit: comment?.workUnitName ?? '' })}
      submit={(v) => answer.mutateAsync(v)}
    >
      <Form.Item name="keepsContact" label={t('life.residence.keepsContact')} rules={[required]}>
        {yesNo(t('life.residence.yes'), t('life.residence.no'))}
      </Form.Item>
      <Form.Item name="fulfilsCitizenDuties" label={t('life.residence.duties')} rules={[required]}>
        {yesNo(t('life.residence.yes'), t('life.residence.no'))}
      </Form.Item>
      <Form.Item name="comment" label={t('life.residence.comment')} rules={[required, { max: 2000 }]}>
        <Input.TextArea rows={4} data-testid="residence-comment-text" placeholder={t('life.residence.commentPlaceholder')} />
      </Form.Item>
      <DateItem name="answeredOn" label={t('life.residence.answeredOnLabel')} rules={[required]} testId="residence-answered-on" notFuture />
    </ActionModal>
  );
}
