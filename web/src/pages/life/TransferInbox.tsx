// The transfer inbox: transfers sent to the cells under the unit, each with the record that
// travels with the member, to accept (on the day received) or return with a reason; and the
// transfers the unit has sent, with where they stand.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Form, Input, List, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { usePermission } from '../../auth/session.ts';
import { ActionModal } from '../../components/ActionModal.tsx';
import { DateItem } from '../../components/DateInput.tsx';
import { statusLabel } from '../../components/labels.ts';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showDate, todayIso } from '../../lib/dates.ts';
import { showSuccess } from '../../lib/notify.ts';
import { lifeKeys, type Transfer, type TransferRecord } from './life-api.ts';

const statusColor = { sent: 'gold', accepted: 'green', returned: 'default' } as const;

export function TransferInbox({ unitId }: { unitId: number }) {
  const t = useT();
  const may = usePermission();
  const [viewing, setViewing] = useState<Transfer | null>(null);
  const [accepting, setAccepting] = useState<Transfer | null>(null);
  const [returning, setReturning] = useState<Transfer | null>(null);
  const list = (direction: 'incoming' | 'outgoing') => ({
    queryKey: lifeKeys.transfers(unitId, direction),
    queryFn: () => api<{ items: Transfer[] }>('/transfers', { query: { unitId, direction } }),
  });
  const incoming = useQuery(list('incoming'));
  const outgoing = useQuery(list('outgoing'));
  const canWrite = may('write_members');

  const from = (x: Transfer) => x.fromUnitName ?? x.origin ?? '';
  const to = (x: Transfer) => x.toUnitName ?? x.destination ?? '';
  const decision = (x: Transfer) => t('life.transfer.decision', { number: x.decisionNumber, date: showDate(x.decisionOn), body: x.issuedBy });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('life.transfer.incoming')} styles={{ body: { padding: 0 } }} data-testid="transfer-inbox">
        {incoming.isPending ? (
          <PageLoading />
        ) : incoming.isError ? (
          <QueryError error={incoming.error} onRetry={() => void incoming.refetch()} />
        ) : (
          <List
            dataSource={incoming.data.items}
            locale={{ emptyText: <Empty description={t('life.transfer.noIncoming')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            renderItem={(x) => (
              <List.Item data-testid="transfer-row" style={{ padding: '12px', display: 'block' }}>
                <div style={{ fontSize: 16, fontWeight: 600 }}>
                  {x.fullName} <Tag color={statusColor[x.status]}>{t(`life.transfer.status.${x.status}`)}</Tag>
                </div>
                <div style={{ fontSize: 16 }}>{t('life.transfer.fromTo', { from: from(x), to: to(x) })}</div>
                <Typography.Text type="secondary">{decision(x)}</Typography.Text>
                {x.receivedOn && <div>{t('life.transfer.receivedOn', { date: showDate(x.receivedOn) })}</div>}
                {x.returnReason && <div>{t('life.transfer.returnedFor', { reason: x.returnReason })}</div>}
                <Space wrap style={{ marginTop: 8 }}>
                  {x.fromUnitId !== null && (
                    <Button style={{ minHeight: 44 }} onClick={() => setViewing(x)} data-testid="transfer-view">
                      {t('life.transfer.viewRecord')}
                    </Button>
                  )}
                  {canWrite && x.status === 'sent' && (
                    <>
                      <Button type="primary" style={{ minHeight: 44 }} onClick={() => setAccepting(x)} data-testid="transfer-accept">
                        {t('life.transfer.accept')}
                      </Button>
                      <Button danger style={{ minHeight: 44 }} onClick={() => setReturning(x)} data-testid="transfer-return">
                        {t('life.transfer.return')}
                      </Button>
                    </>
                  )}
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card size="small" title={t('life.transfer.outgoing')} styles={{ body: { padding: 0 } }}>
        {outgoing.isPending ? (
          <PageLoading />
        ) : outgoing.isError ? (
          <QueryError error={outgoing.error} onRetry={() => void outgoing.refetch()} />
        ) : (
          <List
            dataSource={outgoing.data.items}
            locale={{ emptyText: <Empty description={t('life.transfer.noOutgoing')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            renderItem={(x) => (
              <List.Item style={{ padding: '12px', display: 'block' }}>
                <div style={{ fontSize: 16, fontWeight: 600 }}>
                  {x.fullName} <Tag color={statusColor[x.status]}>{t(`life.transfer.status.${x.status}`)}</Tag>
                </div>
                <div style={{ fontSize: 16 }}>{t('life.transfer.fromTo', { from: from(x), to: to(x) })}</div>
                <Typography.Text type="secondary">{decision(x)}</Typography.Text>
                {x.returnReason && <div>{t('life.transfer.returnedFor', { reason: x.returnReason })}</div>}
              </List.Item>
            )}
          />
        )}
      </Card>
      <RecordDialog transfer={viewing} onClose={() => setViewing(null)} />
      <AcceptDialog unitId={unitId} transfer={accepting} onClose={() => setAccepting(null)} />
      <ReturnDialog unitId={unitId} transfer={returning} onClose={() => setReturning(null)} />
    </Space>
  );
}

function RecordDialog({ transfer, onClose }: { transfer: Transfer | null; onClose: () => void }) {
  const t = useT();
  const record = useQuery({
    queryKey: ['life', 'transfer-record', transfer?.id ?? 0],
    queryFn: () => api<TransferRecord>(`/transfers/${transfer!.id}/record`),
    enabled: transfer !== null,
  });
  return (
    <Modal open={transfer !== null} onCancel={onClose} footer={null} title={transfer?.fullName} width={720} data-testid="transfer-record">
      {record.isPending ? (
        <PageLoading />
      ) : record.isError ? (
        <QueryError error={record.error} onRetry={() => void record.refetch()} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('life.record.dateOfBirth')}>{showDate(record.data.member.dateOfBirth)}</Descriptions.Item>
            <Descriptions.Item label={t('life.record.card')}>{record.data.member.partyCardNumber ?? ''}</Descriptions.Item>
            <Descriptions.Item label={t('life.record.admittedOn')}>
              {record.data.member.admittedOn ? showDate(record.data.member.admittedOn) : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('life.record.fullMemberOn')}>
              {record.data.member.fullMemberOn ? showDate(record.data.member.fullMemberOn) : ''}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>{t('life.record.placements')}</Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey={(r) => `${r.unitName}-${r.validFrom}`}
            dataSource={record.data.placements}
            scroll={{ x: 360 }}
            columns={[
              { title: t('life.record.unit'), key: 'unit', render: (_, r) => r.unitName },
              { title: t('life.record.period'), key: 'period', render: (_, r) => `${showDate(r.validFrom)} – ${r.validTo ? showDate(r.validTo) : ''}` },
            ]}
          />
          <Typography.Title level={5}>{t('life.record.statuses')}</Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey={(r) => `${r.status}-${r.validFrom}`}
            dataSource={record.data.statuses}
            scroll={{ x: 360 }}
            columns={[
              { title: t('life.record.status'), key: 'status', render: (_, r) => statusLabel(t, r.status as Parameters<typeof statusLabel>[1]) },
              { title: t('life.record.from'), key: 'from', render: (_, r) => showDate(r.validFrom) },
              { title: t('life.record.decision'), key: 'decision', render: (_, r) => [r.decisionNumber, r.issuedBy].filter(Boolean).join(', ') },
            ]}
          />
        </Space>
      )}
    </Modal>
  );
}

function AcceptDialog({ unitId, transfer, onClose }: { unitId: number; transfer: Transfer | null; onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const accept = useMutation({
    mutationFn: (v: { receivedOn: string }) => api(`/transfers/${transfer!.id}/accept`, { method: 'POST', body: v }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: lifeKeys.transfers(unitId, 'incoming') });
      await queryClient.invalidateQueries({ queryKey: ['members'] });
      showSuccess(t('common.saved'));
    },
  });
  return (
    <ActionModal<{ receivedOn: string }>
      open={transfer !== null}
      onClose={onClose}
      title={t('life.transfer.acceptTitle', { name: transfer?.fullName ?? '' })}
      testId="transfer-accept-form"
      initialValues={{ receivedOn: todayIso() }}
      confirmText={(v) => t('life.transfer.confirmAccept', { name: transfer?.fullName ?? '', date: showDate(v.receivedOn), to: transfer?.toUnitName ?? '' })}
      submit={(v) => accept.mutateAsync(v)}
    >
      <Typography.Paragraph>{t('life.transfer.acceptHelp')}</Typography.Paragraph>
      <DateItem
        name="receivedOn"
        label={t('life.transfer.receivedOnLabel')}
        rules={[{ required: true, message: t('validation.required') }]}
        testId="transfer-received-on"
        notFuture
      />
    </ActionModal>
  );
}

function ReturnDialog({ unitId, transfer, onClose }: { unitId: number; transfer: Transfer | null; onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const back = useMutation({
    mutationFn: (v: { reason: string }) => api(`/transfers/${transfer!.id}/return`, { method: 'POST', body: { reason: v.reason.trim() } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: lifeKeys.transfers(unitId, 'incoming') });
      showSuccess(t('common.saved'));
    },
  });
  return (
    <ActionModal<{ reason: string }>
      open={transfer !== null}
      onClose={onClose}
      danger
      title={t('life.transfer.returnTitle', { name: transfer?.fullName ?? '' })}
      testId="transfer-return-form"
      confirmText={(v) => t('life.transfer.confirmReturn', { name: transfer?.fullName ?? '', reason: v.reason })}
      submit={(v) => back.mutateAsync(v)}
    >
      <Form.Item name="reason" label={t('life.transfer.reason')} rules={[{ required: true, message: t('validation.required') }, { max: 1000 }]}>
        <Input.TextArea rows={3} data-testid="transfer-return-reason" />
      </Form.Item>
    </ActionModal>
  );
}
