// The member's in-app notices (meeting planned, reminder, cancelled, assigned as guest):
// unread ones first in bold; opening one marks it read and goes to its meeting.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Empty, List, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/i18n.ts';
import { vnDateTime } from '../meetings/meeting-labels.ts';
import { meetingKeys, type Notice, useNotices } from '../meetings/meetings-api.ts';

export default function NoticesPage() {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const notices = useNotices();
  const refresh = () => queryClient.invalidateQueries({ queryKey: meetingKeys.notices });
  const readOne = useMutation({ mutationFn: (id: number) => api(`/me/notices/${id}/read`, { method: 'POST' }), onSuccess: refresh });
  const readAll = useMutation({ mutationFn: () => api('/me/notices/read-all', { method: 'POST' }), onSuccess: refresh });

  function open(n: Notice) {
    if (!n.readAt) readOne.mutate(n.id);
    if (n.link) navigate(n.link);
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="notices-page">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('meetings.notices.title')}
        </Typography.Title>
        {(notices.data?.unread ?? 0) > 0 && (
          <Button onClick={() => readAll.mutate()} loading={readAll.isPending} data-testid="notices-read-all">
            {t('meetings.notices.readAll')}
          </Button>
        )}
      </div>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        {notices.isPending ? (
          <PageLoading />
        ) : notices.isError ? (
          <QueryError error={notices.error} onRetry={() => void notices.refetch()} />
        ) : (
          <List
            dataSource={notices.data.items}
            locale={{ emptyText: <Empty description={t('meetings.notices.empty')} /> }}
            renderItem={(n) => (
              <List.Item
                data-testid="notice-row"
                data-read={Boolean(n.readAt)}
                onClick={() => open(n)}
                style={{ cursor: n.link ? 'pointer' : undefined, padding: '10px 12px', background: n.readAt ? undefined : '#fff7e6' }}
              >
                <List.Item.Meta
                  avatar={<Badge status={n.readAt ? 'default' : 'processing'} />}
                  title={<Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>}
                  description={
                    <>
                      <div>{n.body}</div>
                      <Typography.Text type="secondary">{vnDateTime(n.createdAt)}</Typography.Text>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </Space>
  );
}
