// One meeting: its plan (agenda, focal issues, guests, documents, the committee's
// pre-meeting), then the tabs of the day — check-in and roll call, the minutes, the
// quality grade. The tab is kept in the address (?tab=) so a link opens it.

import { EditOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Descriptions, Form, Input, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { usePermission } from '../../auth/session.ts';
import { ActionModal } from '../../components/ActionModal.tsx';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showDate } from '../../lib/dates.ts';
import { showSuccess } from '../../lib/notify.ts';
import { usePhone } from '../../lib/use-phone.ts';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { AttendanceTab } from './AttendanceTab.tsx';
import { MeetingDetails } from './MeetingDetails.tsx';
import { MeetingTags } from './MeetingsPage.tsx';
import { MinutesTab } from './MinutesTab.tsx';
import { kindLabel } from './meeting-labels.ts';
import { type Meeting, meetingKeys, useMeeting } from './meetings-api.ts';
import { QualityTab } from './QualityTab.tsx';

const TABS = ['details', 'attendance', 'minutes', 'quality'] as const;
type Tab = (typeof TABS)[number];

export default function MeetingPage() {
  const t = useT();
  const phone = usePhone();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const meeting = useMeeting(Number.isInteger(id) ? id : 0);
  const [cancelling, setCancelling] = useState(false);
  const may = usePermission();
  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  if (meeting.isPending) return <PageLoading />;
  if (meeting.isError) return <QueryError error={meeting.error} onRetry={() => void meeting.refetch()} />;
  const m = meeting.data;
  const asked = params.get('tab') as Tab | null;
  const tab: Tab = asked && TABS.includes(asked) ? asked : 'details';
  const cancelled = m.status === 'cancelled';
  // A cancelled meeting has no roll call, minutes or grade.
  const dayTabs = !cancelled;

  const items = [
    { key: 'details', label: <span data-testid="meeting-tab-details">{t('meetings.tabs.details')}</span>, children: <MeetingDetails meeting={m} /> },
    ...(dayTabs
      ? [
          {
            key: 'attendance',
            label: <span data-testid="meeting-tab-attendance">{t('meetings.tabs.attendance')}</span>,
            children: <AttendanceTab meeting={m} />,
          },
          { key: 'minutes', label: <span data-testid="meeting-tab-minutes">{t('meetings.tabs.minutes')}</span>, children: <MinutesTab meeting={m} /> },
          { key: 'quality', label: <span data-testid="meeting-tab-quality">{t('meetings.tabs.quality')}</span>, children: <QualityTab meeting={m} /> },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="meeting-page" data-meeting-id={m.id}>
      {/* A plain member, who reads no unit, goes back to their own meetings, not to a cell's list. */}
      <Breadcrumb
        items={[
          {
            title: may('read') ? (
              <Link to={`/meetings?unitId=${m.unitId}`}>{t('meetings.list.title')}</Link>
            ) : (
              <Link to="/my-meetings">{t('meetings.nav.myMeetings')}</Link>
            ),
          },
          { title: `${showDate(m.heldOn)}` },
        ]}
      />
      <Card>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap' }}>
          <div style={{ minWidth: 0 }}>
            <Typography.Text type="secondary" data-testid="meeting-kind">
              {kindLabel(t, m.kind)}
              {m.partyGroupName ? ` · ${m.partyGroupName}` : ''}
            </Typography.Text>
            <Typography.Title level={3} style={{ margin: '2px 0 4px' }} data-testid="meeting-topic">
              {m.topic}
            </Typography.Title>
            <MeetingTags m={{ status: m.status, minutesStatus: m.minutesStatus, grade: m.quality?.grade ?? null }} />
          </div>
          {m.canManage && !cancelled && (
            <Space wrap>
              {m.minutesStatus !== 'adopted' && (
                <Button icon={<EditOutlined />} onClick={() => navigate(`/meetings/${m.id}/edit`)} data-testid="meeting-edit">
                  {t('meetings.page.edit')}
                </Button>
              )}
              {/* Once its end has passed the meeting has happened: it is recorded, not cancelled. */}
              {m.minutesStatus === 'none' && Date.now() <= Date.parse(m.endsAt) && (
                <Button danger icon={<StopOutlined />} onClick={() => setCancelling(true)} data-testid="meeting-cancel">
                  {t('meetings.page.cancel')}
                </Button>
              )}
            </Space>
          )}
        </div>
        <Descriptions size="small" column={phone ? 1 : 3} style={{ marginTop: 12 }} data-testid="meeting-facts">
          <Descriptions.Item label={t('meetings.fields.date')}>
            <span data-testid="meeting-when">
              {showDate(m.heldOn)} · {m.startTime}–{m.endTime}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('meetings.fields.place')}>{m.place}</Descriptions.Item>
          <Descriptions.Item label={t('meetings.fields.unit')}>
            {may('read') ? (
              <Link to={`/units/${m.unitId}`} data-testid="meeting-unit">
                {m.unitName}
              </Link>
            ) : (
              <span data-testid="meeting-unit">{m.unitName}</span>
            )}
          </Descriptions.Item>
        </Descriptions>
        {cancelled && (
          <Alert type="warning" showIcon title={t('meetings.page.cancelledNote', { reason: m.cancelReason ?? '' })} data-testid="meeting-cancelled-note" />
        )}
      </Card>
      <Card size="small" styles={{ body: { padding: phone ? '0 8px 8px' : undefined } }}>
        <Tabs
          tabBarGutter={phone ? 18 : undefined}
          activeKey={tab}
          onChange={(key) => {
            const next = new URLSearchParams(params);
            if (key === 'details') next.delete('tab');
            else next.set('tab', key);
            setParams(next, { replace: true });
          }}
          items={items}
          size={phone ? 'small' : 'middle'}
          destroyOnHidden
        />
      </Card>
      <CancelDialog meeting={m} open={cancelling} onClose={() => setCancelling(false)} />
    </Space>
  );
}

function CancelDialog({ meeting, open, onClose }: { meeting: Meeting; open: boolean; onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: (v: { reason: string }) => api<Meeting>(`/meetings/${meeting.id}/cancel`, { method: 'POST', body: { reason: v.reason.trim() } }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(meetingKeys.detail(meeting.id), saved);
      await queryClient.invalidateQueries({ queryKey: meetingKeys.all });
      showSuccess(t('common.saved'));
    },
  });
  return (
    <ActionModal<{ reason: string }>
      open={open}
      onClose={onClose}
      title={t('meetings.page.cancelTitle')}
      testId="meeting-cancel-form"
      danger
      okText={t('meetings.page.cancel')}
      closeText={t('meetings.page.keepMeeting')}
      confirmOkText={t('meetings.page.confirmCancelOk')}
      backText={t('meetings.page.goBack')}
      confirmText={() => t('meetings.page.confirmCancel', { date: showDate(meeting.heldOn), topic: meeting.topic })}
      submit={(v) => cancel.mutateAsync(v)}
    >
      <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, message: t('validation.required') }, { max: 1000 }]}>
        <Input.TextArea rows={3} data-testid="meeting-cancel-reason" />
      </Form.Item>
      {/* A long topic wraps inside the dialog instead of running off a phone's screen. */}
      <Tag
        style={{ whiteSpace: 'normal', overflowWrap: 'anywhere', maxWidth: '100%', height: 'auto', lineHeight: 1.5, padding: '2px 8px' }}
        data-testid="meeting-cancel-topic"
      >
        {meeting.topic}
      </Tag>
    </ActionModal>
  );
}
