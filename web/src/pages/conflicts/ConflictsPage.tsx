// The organisation board's queue (issue 6): card and citizen ID numbers a unit submitted
// that a member outside that unit's scope already holds. The unit was told only "cần Ban
// tổ chức xử lý"; the board sees both sides, sorts it out with them and records how.

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Form, Input, List, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { ActionModal } from '../../components/ActionModal.tsx';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showDateTime } from '../../lib/dates.ts';
import { showSuccess } from '../../lib/notify.ts';

/** GET /identifier-conflicts */
export interface IdentifierConflict {
  id: number;
  kind: 'party_card_number' | 'citizen_id';
  value: string;
  source: 'import' | 'member.create' | 'member.update';
  status: 'open' | 'resolved';
  createdAt: string;
  submittedBy: string | null;
  fromUnitId: number;
  fromUnitName: string;
  existingMemberId: number;
  existingMemberName: string;
  existingUnitId: number;
  existingUnitName: string;
  resolutionNote: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
}

const KEY = ['identifier-conflicts'] as const;
const SOURCE_LABEL = {
  import: 'conflicts.source.import',
  'member.create': 'conflicts.source.member_create',
  'member.update': 'conflicts.source.member_update',
} as const;

export default function ConflictsPage() {
  const t = useT();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const [resolving, setResolving] = useState<IdentifierConflict | null>(null);
  const list = useQuery({ queryKey: [...KEY, status], queryFn: () => api<{ items: IdentifierConflict[] }>('/identifier-conflicts', { query: { status } }) });
  const resolve = useMutation({
    mutationFn: ({ id, note }: { id: number; note: string }) => api(`/identifier-conflicts/${id}/resolve`, { method: 'POST', body: { note } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: KEY });
      showSuccess(t('common.saved'));
    },
  });
  const items = list.data?.items ?? [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="conflicts-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('conflicts.title')}
      </Typography.Title>
      <Card size="small">
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('conflicts.intro')}
        </Typography.Paragraph>
        <Segmented<'open' | 'resolved'>
          value={status}
          onChange={setStatus}
          data-testid="conflicts-status"
          options={[
            { value: 'open', label: t('conflicts.open') },
            { value: 'resolved', label: t('conflicts.resolved') },
          ]}
        />
      </Card>
      {list.isPending ? (
        <PageLoading />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <List
            dataSource={items}
            locale={{
              emptyText: <Empty description={t(status === 'open' ? 'conflicts.emptyOpen' : 'conflicts.emptyResolved')} image={Empty.PRESENTED_IMAGE_SIMPLE} />,
            }}
            renderItem={(c) => (
              <List.Item data-testid="conflict-row" style={{ padding: '10px 12px', flexWrap: 'wrap', gap: 8 }}>
                <List.Item.Meta
                  title={
                    <>
                      {t(c.kind === 'party_card_number' ? 'conflicts.card' : 'conflicts.citizenId', { value: c.value })}
                      <Tag style={{ marginLeft: 8 }}>{t(SOURCE_LABEL[c.source])}</Tag>
                    </>
                  }
                  description={
                    <>
                      <div>{t('conflicts.submitted', { unit: c.fromUnitName, who: c.submittedBy ?? '—', at: showDateTime(c.createdAt) })}</div>
                      <div>
                        {t('conflicts.heldBy')} <Link to={`/members/${c.existingMemberId}`}>{c.existingMemberName}</Link> — {c.existingUnitName}
                      </div>
                      {c.status === 'resolved' && (
                        <div data-testid="conflict-resolution">
                          {t('conflicts.resolvedBy', { who: c.resolvedBy ?? '—', at: showDateTime(c.resolvedAt) })}: {c.resolutionNote}
                        </div>
                      )}
                    </>
                  }
                />
                {c.status === 'open' && (
                  <Button size="small" type="primary" onClick={() => setResolving(c)} data-testid="conflict-resolve">
                    {t('conflicts.resolve')}
                  </Button>
                )}
              </List.Item>
            )}
          />
        </Card>
      )}
      <ActionModal<{ note: string }>
        open={resolving !== null}
        onClose={() => setResolving(null)}
        title={t('conflicts.resolveTitle')}
        testId="conflict-resolve-form"
        confirmText={(v) => t('conflicts.confirmResolve', { value: resolving?.value ?? '', note: v.note.trim() })}
        submit={(v) => resolve.mutateAsync({ id: resolving!.id, note: v.note.trim() })}
      >
        <Form.Item
          name="note"
          label={t('conflicts.note')}
          extra={t('conflicts.noteHint')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 2000, message: t('validation.tooLong', { max: 2000 }) },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="conflict-note" />
        </Form.Item>
      </ActionModal>
    </Space>
  );
}
