// Sinh hoạt nơi cư trú (QĐ 213-QĐ/TW): the working members a residence cell keeps in
// contact with. The secretary adds one from the party card the member shows, and ends the
// link when the member moves; the linked members then see the cell's meetings. A card of
// a member the secretary may not read becomes a request the member's own cell accepts:
// until then this page shows only the card number typed (ResidenceRequests.tsx).

import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Empty, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { usePermission } from '../../auth/session.ts';
import { ActionModal } from '../../components/ActionModal.tsx';
import { DateItem } from '../../components/DateInput.tsx';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showDate, todayIso } from '../../lib/dates.ts';
import { showSuccess } from '../../lib/notify.ts';
import { useMeetingUnit } from './MeetingsPage.tsx';
import { IncomingRequests, OutgoingRequests, residenceRequestsKey } from './ResidenceRequests.tsx';

/** GET /residence-links: memberId and the work cell are null outside the reader's scope. */
export interface ResidenceLink {
  id: number;
  memberId: number | null;
  fullName: string;
  workUnitId: number | null;
  workUnitName: string | null;
  validFrom: string;
  validTo: string | null;
  note: string | null;
}
interface AddValues {
  partyCardNumber: string;
  validFrom: string;
  note?: string;
}

const residenceKey = (unitId: number) => ['meetings', 'residence', unitId] as const;

export default function ResidenceLinksPage() {
  const t = useT();
  const may = usePermission();
  const queryClient = useQueryClient();
  const [unitId, setUnitId] = useMeetingUnit();
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<ResidenceLink | null>(null);
  const links = useQuery({
    queryKey: residenceKey(unitId ?? 0),
    queryFn: () => api<{ items: ResidenceLink[] }>('/residence-links', { query: { unitId } }),
    enabled: unitId !== null,
  });
  const add = useMutation({
    // 201 with the links (a member this user may read), or 202 with a message (a request).
    mutationFn: (v: AddValues) =>
      api<{ items: ResidenceLink[] } | { outcome: 'requested'; message: string }>('/residence-links', {
        method: 'POST',
        body: { unitId, partyCardNumber: v.partyCardNumber.trim(), validFrom: v.validFrom, note: v.note?.trim() || null },
      }),
    onSuccess: async (saved) => {
      if ('items' in saved) {
        queryClient.setQueryData(residenceKey(unitId!), saved);
        showSuccess(t('common.saved'));
        return;
      }
      await queryClient.invalidateQueries({ queryKey: residenceRequestsKey(unitId!) });
      showSuccess(saved.message);
    },
  });
  const end = useMutation({
    mutationFn: ({ id, validTo }: { id: number; validTo: string }) => api(`/residence-links/${id}/end`, { method: 'POST', body: { validTo } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: residenceKey(unitId!) });
      showSuccess(t('common.saved'));
    },
  });
  const manage = may('manage_meetings') && unitId !== null;
  const items = links.data?.items ?? [];
  // Current links first; ended ones stay listed below as the record of who kept contact.
  const shown = [...items.filter((l) => !l.validTo), ...items.filter((l) => l.validTo)];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="residence-page">
      <Breadcrumb
        items={[
          { title: <Link to={`/meetings${unitId ? `?unitId=${unitId}` : ''}`}>{t('meetings.list.title')}</Link> },
          { title: t('meetings.residence.title') },
        ]}
      />
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('meetings.residence.title')}
        </Typography.Title>
        {manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="residence-add">
            {t('meetings.residence.add')}
          </Button>
        )}
      </div>
      <Card size="small">
        <UnitSelect value={unitId} onChange={setUnitId} testId="residence-unit" allowClear={false} />
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('meetings.residence.intro')}
        </Typography.Paragraph>
      </Card>
      {unitId !== null && manage && <IncomingRequests unitId={unitId} />}
      {unitId !== null && <OutgoingRequests unitId={unitId} manage={manage} />}
      {!unitId ? (
        <Empty description={t('meetings.list.pickUnit')} />
      ) : links.isPending ? (
        <PageLoading />
      ) : links.isError ? (
        <QueryError error={links.error} onRetry={() => void links.refetch()} />
      ) : (
        <Card size="small" title={t('meetings.residence.count', { count: items.filter((l) => !l.validTo).length })} styles={{ body: { padding: 0 } }}>
          <List
            dataSource={shown}
            locale={{ emptyText: <Empty description={t('meetings.residence.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            renderItem={(l) => (
              <List.Item
                data-testid="residence-row"
                data-link-id={l.id}
                style={{ padding: '10px 12px' }}
                extra={
                  manage && !l.validTo ? (
                    <Button size="small" danger onClick={() => setEnding(l)} data-testid="residence-end">
                      {t('meetings.residence.end')}
                    </Button>
                  ) : undefined
                }
              >
                <List.Item.Meta
                  title={
                    <>
                      {l.memberId ? <Link to={`/members/${l.memberId}`}>{l.fullName}</Link> : <span>{l.fullName}</span>}
                      {l.validTo && <Tag style={{ marginLeft: 8 }}>{t('meetings.residence.ended')}</Tag>}
                    </>
                  }
                  description={
                    <>
                      <div data-testid="residence-period">
                        {l.validTo
                          ? t('meetings.residence.period', { from: showDate(l.validFrom), to: showDate(l.validTo) })
                          : t('common.since', { date: showDate(l.validFrom) })}
                      </div>
                      {l.workUnitName && <div>{t('meetings.residence.workUnit', { unit: l.workUnitName })}</div>}
                      {l.note && <div style={{ whiteSpace: 'pre-wrap' }}>{l.note}</div>}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      )}
      <ActionModal<AddValues>
        open={adding}
        onClose={() => setAdding(false)}
        title={t('meetings.residence.add')}
        testId="residence-form"
        initialValues={{ validFrom: todayIso() }}
        confirmText={(v) => t('meetings.residence.confirmAdd', { card: v.partyCardNumber.trim(), date: showDate(v.validFrom) })}
        submit={(v) => add.mutateAsync(v)}
      >
        <Form.Item
          name="partyCardNumber"
          label={t('meetings.residence.card')}
          extra={t('meetings.residence.cardHint')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 20, message: t('validation.tooLong', { max: 20 }) },
          ]}
        >
          <Input autoComplete="off" data-testid="residence-card" />
        </Form.Item>
        <DateItem
          name="validFrom"
          label={t('meetings.residence.from')}
          rules={[{ required: true, message: t('validation.required') }]}
          testId="residence-from"
          allowClear={false}
        />
        <Form.Item name="note" label={t('common.note')} rules={[{ max: 1000, message: t('validation.tooLong', { max: 1000 }) }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="residence-note" />
        </Form.Item>
      </ActionModal>
      <ActionModal<{ validTo: string }>
        open={ending !== null}
        onClose={() => setEnding(null)}
        title={t('meetings.residence.endTitle', { name: ending?.fullName ?? '' })}
        testId="residence-end-form"
        initialValues={{ validTo: todayIso() }}
        danger
        confirmText={(v) => t('meetings.residence.confirmEnd', { name: ending?.fullName ?? '', date: showDate(v.validTo) })}
        submit={(v) => end.mutateAsync({ id: ending!.id, validTo: v.validTo })}
      >
        <DateItem
          name="validTo"
          label={t('meetings.residence.to')}
          rules={[{ required: true, message: t('validation.required') }]}
          testId="residence-to"
          allowClear={false}
        />
      </ActionModal>
    </Space>
  );
}
