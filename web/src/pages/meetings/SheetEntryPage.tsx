// Attendance from the signed sheet, in one screen: the roll in the sheet's order (the
// same numbering as the printed list), one tap per member — có mặt / vắng có lý do /
// vắng không lý do, đi làm nhiệm vụ — and one save. Members who checked in by phone come already marked.

import { CheckOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Input, Radio, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showDate } from '../../lib/dates.ts';
import { showSuccess } from '../../lib/notify.ts';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { attendanceLabel } from './meeting-labels.ts';
import { type Attendance, type AttendanceEntry, type AttendanceStatus, meetingKeys, useAttendance, useMeeting } from './meetings-api.ts';

const STATUSES: AttendanceStatus[] = ['present', 'absent_excused', 'absent_unexcused', 'on_duty'];
// A chosen mark in its own colour, white text at 4.5:1 or more: red only for "absent without reason".
const MARKED: Record<AttendanceStatus, { background: string; borderColor: string; color: string }> = {
  present: { background: '#237804', borderColor: '#237804', color: '#fff' },
  absent_excused: { background: '#874d00', borderColor: '#874d00', color: '#fff' },
  absent_unexcused: { background: '#a8071a', borderColor: '#a8071a', color: '#fff' },
  on_duty: { background: '#0050b3', borderColor: '#0050b3', color: '#fff' },
};

interface Mark {
  status: AttendanceStatus;
  reason: string;
}

export default function SheetEntryPage() {
  const id = Number(useParams().id);
  const meeting = useMeeting(Number.isInteger(id) ? id : 0);
  const attendance = useAttendance(Number.isInteger(id) ? id : 0);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  if (meeting.isPending || attendance.isPending) return <PageLoading />;
  if (meeting.isError) return <QueryError error={meeting.error} onRetry={() => void meeting.refetch()} />;
  if (attendance.isError) return <QueryError error={attendance.error} onRetry={() => void attendance.refetch()} />;
  return <SheetEntry meetingId={id} title={`${meeting.data.unitName} · ${showDate(meeting.data.heldOn)}`} roll={attendance.data} />;
}

function SheetEntry({ meetingId, title, roll }: { meetingId: number; title: string; roll: Attendance }) {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [marks, setMarks] = useState<Map<number, Mark>>(
    () => new Map(roll.members.filter((e) => e.attendance).map((e) => [e.memberId, { status: e.attendance!, reason: e.reason ?? '' }])),
  );
  const set = (e: AttendanceEntry, change: Partial<Mark>) =>
    setMarks((old) => new Map(old).set(e.memberId, { status: 'present', reason: '', ...old.get(e.memberId), ...change }));
  const unmarked = roll.members.filter((e) => !marks.has(e.memberId));
  const missingReason = [...marks.values()].some((m) => m.status === 'absent_excused' && !m.reason.trim());
  const save = useMutation({
    mutationFn: () =>
      api<Attendance>(`/meetings/${meetingId}/attendance`, {
        method: 'PUT',
        body: {
          // Only what differs from what the server has, so a phone check-in is not overwritten by the same mark.
          entries: roll.members
            .filter((e) => {
              const m = marks.get(e.memberId);
              return m && (m.status !== e.attendance || (m.status === 'absent_excused' && m.reason.trim() !== (e.reason ?? '')));
            })
            .map((e) => {
              const m = marks.get(e.memberId)!;
              return { memberId: e.memberId, status: m.status, reason: m.status === 'absent_excused' ? m.reason.trim() : null };
            }),
          note: t('meetings.sheetEntry.note'),
        },
      }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(meetingKeys.attendance(meetingId), saved);
      await queryClient.invalidateQueries({ queryKey: meetingKeys.detail(meetingId) });
      showSuccess(t('meetings.sheetEntry.saved', { present: saved.summary.present, expected: saved.summary.expected }));
      navigate(`/meetings/${meetingId}?tab=attendance`);
    },
  });

  return (
    // A plain column, not antd's Space: Space boxes each child, and the sticky save bar would
    // stick inside its own box only, at the end of a 5,000 px list on a phone.
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16, width: '100%', paddingBottom: 96 }} data-testid="sheet-entry-page">
      <Breadcrumb items={[{ title: <Link to={`/meetings/${meetingId}`}>{title}</Link> }, { title: t('meetings.sheetEntry.title') }]} />
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('meetings.sheetEntry.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('meetings.sheetEntry.hint')}</Typography.Text>
      </div>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <ol style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="sheet-entry-roll">
          {roll.members.map((e, i) => {
            const mark = marks.get(e.memberId);
            return (
              <li
                key={e.memberId}
                data-testid="sheet-entry-row"
                data-member-id={e.memberId}
                style={{ padding: '10px 12px', borderTop: i ? '1px solid #f0f0f0' : undefined }}
              >
                <div style={{ fontSize: 17, fontWeight: 600, marginBottom: 6 }}>
                  {i + 1}. {e.fullName}
                  {e.checkedInAt && (
                    <Typography.Text type="secondary" style={{ fontWeight: 400, marginLeft: 8 }}>
                      <CheckOutlined /> {t('meetings.sheetEntry.byPhone')}
                    </Typography.Text>
                  )}
                </div>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  value={mark?.status ?? null}
                  onChange={(ev) => set(e, { status: ev.target.value as AttendanceStatus })}
                  aria-label={e.fullName}
                  style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}
                >
                  {STATUSES.map((s) => (
                    <Radio.Button
                      key={s}
                      value={s}
                      style={{ minHeight: 44, lineHeight: '42px', fontSize: 16, padding: '0 10px', ...(mark?.status === s ? MARKED[s] : {}) }}
                    >
                      <span data-testid={`sheet-mark-${s}`}>{attendanceLabel(t, s)}</span>
                    </Radio.Button>
                  ))}
                </Radio.Group>
                {mark?.status === 'absent_excused' && (
                  <Input
                    style={{ marginTop: 6, minHeight: 44 }}
                    value={mark.reason}
                    onChange={(ev) => set(e, { reason: ev.target.value })}
                    placeholder={t('meetings.roll.reasonPlaceholder')}
                    aria-label={t('meetings.roll.reasonPlaceholder')}
                    status={mark.reason.trim() ? undefined : 'warning'}
                    data-testid="sheet-entry-reason"
                  />
                )}
              </li>
            );
          })}
        </ol>
      </Card>
      {roll.apart.length > 0 && (
        <Card size="small" title={t('meetings.sheetEntry.apart')}>
          {roll.apart.map((e) => e.fullName).join('; ')}
        </Card>
      )}
      <div
        style={{
          position: 'sticky',
          bottom: 0,
          background: '#fff',
          padding: '10px 0',
          borderTop: '1px solid #d9d9d9',
          display: 'flex',
          gap: 8,
          flexWrap: 'wrap',
          alignItems: 'center',
        }}
      >
        {missingReason && <Alert type="warning" showIcon title={t('meetings.roll.reasonMissing')} style={{ width: '100%' }} />}
        {unmarked.length > 0 && (
          <Button
            size="large"
            style={{ minHeight: 44 }}
            onClick={() => setMarks((old) => new Map([...old, ...unmarked.map((e): [number, Mark] => [e.memberId, { status: 'present', reason: '' }])]))}
            data-testid="sheet-entry-rest-present"
          >
            {t('meetings.sheetEntry.restPresent', { n: unmarked.length })}
          </Button>
        )}
        <Button
          type="primary"
          size="large"
          style={{ minHeight: 44 }}
          disabled={missingReason || marks.size === 0}
          loading={save.isPending}
          onClick={() => save.mutate()}
          data-testid="sheet-entry-save"
        >
          {t('meetings.sheetEntry.save', { marked: marks.size, total: roll.members.length })}
        </Button>
      </div>
    </div>
  );
}
