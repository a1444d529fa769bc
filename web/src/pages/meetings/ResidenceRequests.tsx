// Residence-link requests (QĐ 213; issue 6): a residence cell's requests for cards of
// members it may not read — shown by the card number typed, never a name — and the
// requests the member's own cell is asked to accept or decline.

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { useConfirm } from '../../components/confirm.ts';
import { useT } from '../../i18n/i18n.ts';
import { showDate } from '../../lib/dates.ts';
import { showSuccess } from '../../lib/notify.ts';

/** GET /residence-link-requests/outgoing: only what the residence cell typed. */
interface OutgoingRequest {
  id: number;
  partyCardNumber: string;
  validFrom: string;
  note: string | null;
  status: 'pending' | 'closed';
  requestedAt: string;
}
/** GET /residence-link-requests/incoming: for the member's own cell, which may read them. */
interface IncomingRequest {
  id: number;
  memberId: number;
  fullName: string;
  memberUnitName: string;
  residenceUnitId: number;
  residenceUnitName: string;
  validFrom: string;
  note: string | null;
  requestedAt: string;
  requestedBy: string | null;
}

export const residenceRequestsKey = (unitId: number) => ['meetings', 'residence', unitId, 'requests'] as const;

function useRequestAction() {
  const queryClient = useQueryClient();
  const t = useT();
  return useMutation({
    mutationFn: ({ id, action }: { id: number; action: 'accept' | 'decline' | 'withdraw' }) =>
      api(`/residence-link-requests/${id}/${action}`, { method: 'POST' }),
    // Accepting adds a link to the residence cell's list too: refresh the whole area.
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['meetings', 'residence'] });
      showSuccess(t('common.saved'));
    },
  });
}

export function OutgoingRequests({ unitId, manage }: { unitId: number; manage: boolean }) {
  const t = useT();
  const confirm = useConfirm();
  const act = useRequestAction();
  const requests = useQuery({
    queryKey: [...residenceRequestsKey(unitId), 'outgoing'],
    queryFn: () => api<{ items: OutgoingRequest[] }>('/residence-link-requests/outgoing', { query: { unitId } }),
  });
  const items = requests.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card
      size="small"
      title={t('meetings.residence.requests.outgoingTitle', { count: items.filter((r) => r.status === 'pending').length })}
      styles={{ body: { padding: 0 } }}
      data-testid="residence-outgoing"
    >
      <Typography.Paragraph type="secondary" style={{ margin: '8px 12px 0' }}>
        {t('meetings.residence.requests.outgoingIntro')}
      </Typography.Paragraph>
      <List
        dataSource={items}
        renderItem={(r) => (
          <List.Item
            data-testid="residence-outgoing-row"
            style={{ padding: '10px 12px' }}
            extra={
              manage ? (
                <Button
                  size="small"
                  data-testid="residence-withdraw"
                  onClick={() =>
                    confirm({
                      title: t('meetings.residence.requests.withdrawTitle'),
                      content: t('meetings.residence.requests.confirmWithdraw', { card: r.partyCardNumber }),
                      danger: true,
                      onOk: () => act.mutateAsync({ id: r.id, action: 'withdraw' }),
                    })
                  }
                >
                  {t('meetings.residence.requests.withdraw')}
                </Button>
              ) : undefined
            }
          >
            <List.Item.Meta
              title={
                <>
                  {t('meetings.residence.requests.byCard', { card: r.partyCardNumber })}
                  {r.status === 'pending' ? (
                    <Tag color="gold" style={{ marginLeft: 8 }}>
                      {t('meetings.residence.requests.pending')}
                    </Tag>
                  ) : (
                    <Tag style={{ marginLeft: 8 }}>{t('meetings.residence.requests.declined')}</Tag>
                  )}
                </>
              }
              description={
                <>
                  <div>{t('meetings.residence.requests.sentOn', { date: showDate(r.requestedAt.slice(0, 10)), from: showDate(r.validFrom) })}</div>
                  {r.note && <div style={{ whiteSpace: 'pre-wrap' }}>{r.note}</div>}
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

export function IncomingRequests({ unitId }: { unitId: number }) {
  const t = useT();
  const confirm = useConfirm();
  const act = useRequestAction();
  const requests = useQuery({
    queryKey: [...residenceRequestsKey(unitId), 'incoming'],
    queryFn: () => api<{ items: IncomingRequest[] }>('/residence-link-requests/incoming', { query: { unitId } }),
  });
  const items = requests.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card
      size="small"
      title={t('meetings.residence.requests.incomingTitle', { count: items.length })}
      styles={{ body: { padding: 0 } }}
      data-testid="residence-incoming"
    >
      <Typography.Paragraph type="secondary" style={{ margin: '8px 12px 0' }}>
        {t('meetings.residence.requests.incomingIntro')}
      </Typography.Paragraph>
      <List
        dataSource={items}
        renderItem={(r) => (
          <List.Item data-testid="residence-incoming-row" style={{ padding: '10px 12px' }}>
            <List.Item.Meta
              title={<Link to={`/members/${r.memberId}`}>{r.fullName}</Link>}
              description={
                <>
                  <div>{t('meetings.residence.requests.asks', { unit: r.residenceUnitName, date: showDate(r.validFrom) })}</div>
                  <div>{t('meetings.residence.workUnit', { unit: r.memberUnitName })}</div>
                  {r.note && <div style={{ whiteSpace: 'pre-wrap' }}>{r.note}</div>}
                  {/* Below the text, so a phone keeps the whole line for it. */}
                  <Space wrap style={{ marginTop: 8 }}>
                    <Button
                      type="primary"
                      size="small"
                      data-testid="residence-accept"
                      onClick={() =>
                        confirm({
                          title: t('meetings.residence.requests.acceptTitle'),
                          content: t('meetings.residence.requests.confirmAccept', { name: r.fullName, unit: r.residenceUnitName, date: showDate(r.validFrom) }),
                          onOk: () => act.mutateAsync({ id: r.id, action: 'accept' }),
                        })
                      }
                    >
                      {t('meetings.residence.requests.accept')}
                    </Button>
                    <Button
                      size="small"
                      danger
                      data-testid="residence-decline"
                      onClick={() =>
                        confirm({
                          title: t('meetings.residence.requests.declineTitle'),
                          content: t('meetings.residence.requests.confirmDecline', { name: r.fullName, unit: r.residenceUnitName }),
                          danger: true,
                          onOk: () => act.mutateAsync({ id: r.id, action: 'decline' }),
                        })
                      }
                    >
                      {t('meetings.residence.requests.decline')}
                    </Button>
                  </Space>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
