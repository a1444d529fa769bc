// Where the meeting's notice stands, for the secretary: "Đã thông báo N đảng viên lúc …",
// who has seen it (a member opening the notice or the meeting), and sending it again —
// to those who have not seen it, or to everyone.

import { NotificationOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Collapse, Progress, Space, Tag, Typography } from 'antd';
import type { z } from 'zod';
import type { noticeStatusOut } from '../../../../src/modules/notifications/notice-status.ts';
import { api } from '../../api/client.ts';
import { useConfirm } from '../../components/confirm.ts';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showSuccess } from '../../lib/notify.ts';
import { vnDateTime } from './meeting-labels.ts';
import type { Meeting } from './meetings-api.ts';

type NoticeStatus = z.infer<typeof noticeStatusOut>;
const TAP = { minHeight: 44 };

export function NoticeStatusCard({ meeting: m }: { meeting: Meeting }) {
  const t = useT();
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const key = ['meetings', 'notice-status', m.id];
  const status = useQuery({ queryKey: key, queryFn: () => api<NoticeStatus>(`/meetings/${m.id}/notice-status`), refetchInterval: 60_000 });
  const resend = useMutation({
    mutationFn: (to: 'all' | 'unseen') => api<NoticeStatus>(`/meetings/${m.id}/notices/resend`, { method: 'POST', body: { to } }),
    onSuccess: (saved) => {
      queryClient.setQueryData(key, saved);
      showSuccess(t('meetings.noticeStatus.resent', { n: saved.batches.at(-1)?.recipients ?? 0 }));
    },
  });
  if (status.isPending) return <PageLoading />;
  if (status.isError) return <QueryError error={status.error} onRetry={() => void status.refetch()} />;
  const s = status.data;
  const first = s.batches[0];
  const resends = s.batches.filter((b) => b.kind === 'meeting_resend');
  const unseen = s.members.filter((x) => x.seenAt === null);
  // A notice after the meeting has ended tells nobody anything: no resend buttons then.
  const ended = new Date(m.endsAt).getTime() < Date.now();
  return (
    <Card size="small" title={t('meetings.noticeStatus.title')} data-testid="notice-status">
      <Space orientation="vertical" size="small" style={{ width: '100%' }}>
        {first ? (
          <Typography.Text strong data-testid="notice-status-sent">
            {t('meetings.noticeStatus.sent', { n: Math.max(s.notified, first.recipients), at: vnDateTime(first.sentAt) })}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary" data-testid="notice-status-none">
            {t('meetings.noticeStatus.none')}
          </Typography.Text>
        )}
        {s.notified > 0 && (
          <div data-testid="notice-status-seen">
            {t('meetings.noticeStatus.seen', { seen: s.seen, n: s.notified })}
            <Progress
              percent={Math.round((s.seen / s.notified) * 100)}
              showInfo={false}
              size="small"
              aria-label={t('meetings.noticeStatus.seen', { seen: s.seen, n: s.notified })}
            />
          </div>
        )}
        {resends.length > 0 && (
          <Typography.Text type="secondary">
            {t('meetings.noticeStatus.lastResend', { at: vnDateTime(resends.at(-1)!.sentAt), n: resends.at(-1)!.recipients })}
          </Typography.Text>
        )}
        {s.members.length > 0 && (
          <Collapse
            items={[
              {
                key: 'who',
                label: t('meetings.noticeStatus.who'),
                children: (
                  <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="notice-status-members">
                    {s.members.map((x) => (
                      <li key={x.memberId} style={{ padding: '4px 0' }}>
                        {x.fullName}{' '}
                        {x.seenAt ? (
                          <Tag color="green">{t('meetings.noticeStatus.seenAt', { at: vnDateTime(x.seenAt) })}</Tag>
                        ) : (
                          <Tag>{t('meetings.noticeStatus.notSeen')}</Tag>
                        )}
                      </li>
                    ))}
                  </ul>
                ),
              },
            ]}
          />
        )}
        {!ended && (
          <Space wrap>
            <Button
              type="primary"
              icon={<NotificationOutlined />}
              style={TAP}
              loading={resend.isPending}
              disabled={first !== undefined && unseen.length === 0}
              onClick={() => resend.mutate('unseen')}
              data-testid="notice-resend-unseen"
            >
              {first ? t('meetings.noticeStatus.resendUnseen', { n: unseen.length }) : t('meetings.noticeStatus.sendNow')}
            </Button>
            {first && (
              <Button
                style={TAP}
                loading={resend.isPending}
                onClick={() => confirm({ title: t('meetings.noticeStatus.resendAllConfirm'), onOk: () => resend.mutateAsync('all') })}
                data-testid="notice-resend-all"
              >
                {t('meetings.noticeStatus.resendAll')}
              </Button>
            )}
          </Space>
        )}
      </Space>
    </Card>
  );
}
