// "Lịch sinh hoạt của tôi": the member's upcoming meetings (their cell, their residence cell,
// meetings they are a guest of, committee meetings), with a check-in button while the
// window is open, and the link for their phone's calendar (iCalendar feed).

import { CalendarOutlined, CheckOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { useMe } from '../../auth/session.ts';
import { useConfirm } from '../../components/confirm.ts';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showDate, todayIso } from '../../lib/dates.ts';
import { showError } from '../../lib/notify.ts';
import { kindLabel, vnTime } from './meeting-labels.ts';
import { type MyMeeting, useMyMeetings } from './meetings-api.ts';

/** The list itself; on the member's own record page and on /my-meetings. */
export function MyMeetingsList({ limit }: { limit?: number }) {
  const t = useT();
  const navigate = useNavigate();
  const mine = useMyMeetings();
  if (mine.isPending) return <PageLoading />;
  if (mine.isError) return <QueryError error={mine.error} onRetry={() => void mine.refetch()} />;
  const items = limit ? mine.data.items.slice(0, limit) : mine.data.items;
  const today = todayIso();
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meetings.my.empty')} />;
  return (
    <List
      dataSource={items}
      data-testid="my-meetings"
      renderItem={(m: MyMeeting) => (
        <List.Item data-testid="my-meeting" data-meeting-id={m.id} style={{ display: 'block' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
            <div style={{ minWidth: 0 }}>
              <Link to={`/meetings/${m.id}`} style={{ fontWeight: 600 }}>
                {m.heldOn === today ? t('meetings.my.today') : showDate(m.heldOn)} · {m.startTime}–{m.endTime}
              </Link>
              <div>
                {kindLabel(t, m.kind)} · {m.unitName}
              </div>
              <Typography.Text type="secondary">
                {m.topic} — {m.place}
              </Typography.Text>
              <div style={{ marginTop: 4 }}>
                {m.status === 'cancelled' && <Tag>{t('meetings.status.cancelled')}</Tag>}
                {m.role !== 'member' && <Tag color="blue">{t(`meetings.my.roles.${m.role}`)}</Tag>}
                {m.checkedIn && (
                  <Tag color="green" icon={<CheckOutlined />} data-testid="my-meeting-checked-in">
                    {t('meetings.my.checkedIn')}
                  </Tag>
                )}
              </div>
            </div>
            {m.status === 'planned' && m.checkIn.state === 'open' && !m.checkedIn && (
              <Button type="primary" size="large" icon={<QrcodeOutlined />} onClick={() => navigate('/check-in')} data-testid="my-meeting-check-in">
                {t('meetings.my.checkIn')}
              </Button>
            )}
            {m.status === 'planned' && m.checkIn.state === 'not_open' && m.heldOn === today && (
              <Typography.Text type="secondary" data-testid="my-meeting-opens-at">
                {t('meetings.my.opensAt', { time: vnTime(m.checkIn.opensAt) })}
              </Typography.Text>
            )}
          </div>
        </List.Item>
      )}
    />
  );
}

/** The card on the member's start page (their own record); nothing for someone else's record. */
export function MyMeetingsCard({ memberId }: { memberId: number }) {
  const t = useT();
  const { data: me } = useMe();
  if (!me || me.memberId !== memberId) return null;
  return (
    <Card size="small" title={t('meetings.my.title')} data-testid="my-meetings-card" extra={<Link to="/my-meetings">{t('meetings.my.all')}</Link>}>
      <MyMeetingsList limit={5} />
      <div style={{ marginTop: 8 }}>
        <CalendarButton />
      </div>
    </Card>
  );
}

export default function MyMeetingsPage() {
  const t = useT();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="my-meetings-page">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('meetings.my.title')}
        </Typography.Title>
        <Space wrap>
          <Link to="/check-in">
            <Button icon={<QrcodeOutlined />} data-testid="my-check-in-page">
              {t('meetings.checkInPage.title')}
            </Button>
          </Link>
          <CalendarButton />
        </Space>
      </div>
      <Card size="small">
        <MyMeetingsList />
      </Card>
    </Space>
  );
}

/** Makes the member's calendar link (a new one retires the old) and shows it to copy or open. */
export function CalendarButton() {
  const t = useT();
  const confirm = useConfirm();
  const [url, setUrl] = useState<string | null>(null);
  function create() {
    confirm({
      title: t('meetings.calendar.confirm'),
      content: t('meetings.calendar.confirmText'),
      okText: t('meetings.calendar.create'),
      onOk: async () => {
        try {
          setUrl((await api<{ token: string; url: string }>('/me/calendar-token', { method: 'POST' })).url);
        } catch (error) {
          showError(error);
        }
      },
    });
  }
  const webcal = url?.replace(/^https?:/, 'webcal:');
  return (
    <>
      <Button icon={<CalendarOutlined />} onClick={create} data-testid="calendar-link">
        {t('meetings.calendar.button')}
      </Button>
      <Modal open={url !== null} onCancel={() => setUrl(null)} footer={null} title={t('meetings.calendar.title')} data-testid="calendar-dialog">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>{t('meetings.calendar.howTo')}</Typography.Paragraph>
          <Input readOnly value={url ?? ''} data-testid="calendar-url" onFocus={(e) => e.target.select()} />
          <Space wrap>
            <Typography.Text copyable={{ text: url ?? '' }}>{t('meetings.calendar.copy')}</Typography.Text>
            {webcal && (
              <a href={webcal}>
                <Button type="primary" icon={<CalendarOutlined />}>
                  {t('meetings.calendar.open')}
                </Button>
              </a>
            )}
          </Space>
          <Alert type="warning" showIcon title={t('meetings.calendar.secret')} />
        </Space>
      </Modal>
    </>
  );
}
