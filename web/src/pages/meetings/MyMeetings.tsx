// "Lịch sinh hoạt của tôi", the page: the member's upcoming meetings and those of the past
// year with their own marks (MyMeetingsList.tsx),
// the check-in page and the link for their phone's calendar (iCalendar feed).

import { QrcodeOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../i18n/i18n.ts';
import { CalendarButton, MyMeetingsList, MyPastMeetingsList } from './MyMeetingsList.tsx';

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
      <Card size="small" title={t('meetings.my.upcoming')}>
        <MyMeetingsList />
      </Card>
      <Card size="small" title={t('meetings.my.past')} data-testid="my-past-meetings-card">
        <MyPastMeetingsList />
      </Card>
    </Space>
  );
}
