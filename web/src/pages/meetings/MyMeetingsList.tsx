// "Lịch sinh hoạt của tôi", the list: the member's upcoming meetings (their cell, their
// residence cell, meetings they are a guest of, committee meetings), with a check-in button
// while the window is open; on the home page, the member's record and /my-meetings. Plain
// list markup (components/Plain.tsx): it is on the secretary's first screen, where every
// kilobyte counts on a slow line. The calendar link's dialog loads when it is asked for.

import { CalendarOutlined, CheckOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Button, Tag } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { useMe } from '../../auth/session.ts';
import { useConfirm } from '../../components/confirm.ts';
import { Muted, Panel, PlainItem, PlainList } from '../../components/Plain.tsx';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showDate, todayIso } from '../../lib/dates.ts';
import { showError } from '../../lib/notify.ts';
import { kindLabel, vnTime } from './meeting-labels.ts';
import { type AttendanceStatus, type MyMeeting, useMyMeetings, useMyPastMeetings } from './meetings-api.ts';

const CalendarDialog = lazy(() => import('./CalendarDialog.tsx'));

/** The list itself; on the member's own record page and on /my-meetings. */
export function MyMeetingsList({ limit }: { limit?: number }) {
  const t = useT();
  const navigate = useNavigate();
  const mine = useMyMeetings();
  if (mine.isPending) return <PageLoading />;
  if (mine.isError) return <QueryError error={mine.error} onRetry={() => void mine.refetch()} />;
  const items = limit ? mine.data.items.slice(0, limit) : mine.data.items;
  const today = todayIso();
  if (!items.length) return <Muted>{t('meetings.my.empty')}</Muted>;
  return (
    <PlainList data-testid="my-meetings">
      {items.map((m: MyMeeting) => (
        <PlainItem key={m.id} data-testid="my-meeting" data-meeting-id={m.id}>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
            <div style={{ minWidth: 0 }}>
              <Link to={`/meetings/${m.id}`} style={{ fontWeight: 600 }}>
                {m.heldOn === today ? t('meetings.my.today') : showDate(m.heldOn)} · {m.startTime}–{m.endTime}
              </Link>
              <div>
                {kindLabel(t, m.kind)} · {m.unitName}
              </div>
              <Muted>
                {m.topic} — {m.place}
              </Muted>
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
              <Muted data-testid="my-meeting-opens-at">{t('meetings.my.opensAt', { time: vnTime(m.checkIn.opensAt) })}</Muted>
            )}
          </div>
        </PlainItem>
      ))}
    </PlainList>
  );
}

const MARK_COLORS: Record<AttendanceStatus, string> = { present: 'green', absent_excused: 'gold', absent_unexcused: 'red', on_duty: 'cyan' };

/**
 * The meetings the member was called to in the twelve months before today, newest first,
 * each with their own mark in the roll call (or that none was taken): what a member is
 * asked about at the year's grading.
 */
export function MyPastMeetingsList() {
  const t = useT();
  const today = dayjs(todayIso());
  const past = useMyPastMeetings(today.subtract(1, 'year').format('YYYY-MM-DD'), today.subtract(1, 'day').format('YYYY-MM-DD'));
  if (past.isPending) return <PageLoading />;
  if (past.isError) return <QueryError error={past.error} onRetry={() => void past.refetch()} />;
  const items = [...past.data.items].reverse();
  if (!items.length) return <Muted>{t('meetings.my.pastEmpty')}</Muted>;
  // The yearly review asks about the member's own cell: residence and guest meetings are listed, not counted.
  const marked = items.filter((m) => m.role === 'member' && m.status !== 'cancelled' && m.attendance !== null);
  return (
    <PlainList data-testid="my-past-meetings">
      {marked.length > 0 && (
        <PlainItem data-testid="my-past-summary">
          {t('meetings.my.pastSummary', { present: marked.filter((m) => m.attendance === 'present').length, marked: marked.length })}
        </PlainItem>
      )}
      {items.map((m) => (
        <PlainItem key={m.id} data-testid="my-past-meeting" data-meeting-id={m.id}>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
            <div style={{ minWidth: 0 }}>
              <Link to={`/meetings/${m.id}`} style={{ fontWeight: 600 }}>
                {showDate(m.heldOn)} · {kindLabel(t, m.kind)}
              </Link>
              <div>{m.unitName}</div>
              <Muted>{m.topic}</Muted>
            </div>
            <div data-testid="my-past-meeting-mark">
              {m.status === 'cancelled' ? (
                <Tag>{t('meetings.status.cancelled')}</Tag>
              ) : m.attendance ? (
                <Tag color={MARK_COLORS[m.attendance]}>{t(`meetings.attendance.${m.attendance}`)}</Tag>
              ) : m.role === 'member' ? (
                <Muted>{t('meetings.attendance.unmarked')}</Muted>
              ) : (
                <Tag color="blue">{t(`meetings.my.roles.${m.role}`)}</Tag>
              )}
            </div>
          </div>
        </PlainItem>
      ))}
    </PlainList>
  );
}

/** The card on the member's start page (their own record); nothing for someone else's record. */
export function MyMeetingsCard({ memberId }: { memberId: number }) {
  const t = useT();
  const { data: me } = useMe();
  if (!me || me.memberId !== memberId) return null;
  return (
    <Panel small title={t('meetings.my.title')} data-testid="my-meetings-card" extra={<Link to="/my-meetings">{t('meetings.my.all')}</Link>}>
      <MyMeetingsList limit={5} />
      <div style={{ marginTop: 8 }}>
        <CalendarButton />
      </div>
    </Panel>
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
  return (
    <>
      <Button icon={<CalendarOutlined />} onClick={create} data-testid="calendar-link">
        {t('meetings.calendar.button')}
      </Button>
      {url !== null && (
        <Suspense fallback={null}>
          <CalendarDialog url={url} onClose={() => setUrl(null)} />
        </Suspense>
      )}
    </>
  );
}
