// The day of the meeting: the check-in panel the secretary shows in the room (the 6-digit
// code, the QR code, the window) and the roll call — present, absent with reason (and the
// reason), absent without reason, member by member; exempted and suspended members apart;
// a live summary with the attendance ratio (the same arithmetic as the server's).

import { CheckOutlined, ExpandOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, Empty, Input, List, Modal, Radio, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { summariseAttendance } from '../../../../src/domain/meeting-attendance.ts';
import { api, apiUrl } from '../../api/client.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { useConfirm } from '../../components/confirm.ts';
import { statusLabel } from '../../components/labels.ts';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { useLang, useT } from '../../i18n/i18n.ts';
import { showDate, vietnamDayOf } from '../../lib/dates.ts';
import { showSuccess } from '../../lib/notify.ts';
import { usePhone } from '../../lib/use-phone.ts';
import { useStoredDraft } from '../../lib/use-stored-draft.ts';
import { CheckInWindowControls } from './CheckInWindowControls.tsx';
import { ATTENDANCE_COLORS, attendanceLabel, percent, vnTime } from './meeting-labels.ts';
import { type Attendance, type AttendanceEntry, type AttendanceStatus, type CheckInCode, type Meeting, meetingKeys, useAttendance } from './meetings-api.ts';
import { SheetEntryLink } from './PapersCard.tsx';

/** What a member can notify before the meeting's day: an absence with its reason, or duty elsewhere. */
const NOTIFIED_IN_ADVANCE = new Set<string>(['absent_excused', 'on_duty']);

export function AttendanceTab({ meeting }: { meeting: Meeting }) {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {meeting.canManage && meeting.minutesStatus !== 'adopted' && <CheckInPanel meeting={meeting} />}
      {meeting.canManage && meeting.minutesStatus !== 'adopted' && <SheetEntryLink meetingId={meeting.id} />}
      <RollCall meeting={meeting} />
    </Space>
  );
}

/** Re-renders every 30 s, so "open" and "closed" follow the clock. */
function useNow(ms = 30_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

function CheckInPanel({ meeting: m }: { meeting: Meeting }) {
  const t = useT();
  const phone = usePhone();
  const [big, setBig] = useState(false);
  // The state comes from the server, asked again every 30 s so "open" and "closed" follow the clock.
  const code = useQuery({
    queryKey: meetingKeys.code(m.id),
    queryFn: () => api<CheckInCode>(`/meetings/${m.id}/check-in-code`),
    refetchInterval: 30_000,
  });
  // When the window opens or closes, the meeting (whose state the roll call follows) is read again.
  const seen = code.data?.window.state;
  const queryClient = useQueryClient();
  const previous = useRef(seen);
  useEffect(() => {
    if (seen && previous.current && seen !== previous.current) void queryClient.invalidateQueries({ queryKey: meetingKeys.detail(m.id) });
    previous.current = seen;
  }, [seen, queryClient, m.id]);
  if (code.isPending) return <PageLoading />;
  if (code.isError) return <QueryError error={code.error} onRetry={() => void code.refetch()} />;
  const c = code.data;
  const state = c.window.state;
  const stateTag = {
    not_open: <Tag color="default">{t('meetings.checkIn.notOpen')}</Tag>,
    open: <Tag color="green">{t('meetings.checkIn.open')}</Tag>,
    closed: <Tag>{t('meetings.checkIn.closed')}</Tag>,
  }[state];
  const windowText = t('meetings.checkIn.window', { from: vnTime(c.window.opensAt), to: vnTime(c.window.closesAt), date: showDate(m.heldOn) });
  const qr = apiUrl(`/meetings/${m.id}/check-in-qr`);
  const codeText = (size: number) => (
    <div
      style={{ fontSize: size, fontWeight: 700, letterSpacing: size / 6, fontVariantNumeric: 'tabular-nums', lineHeight: 1.1 }}
      data-testid={size > 60 ? 'check-in-code-big' : 'check-in-code'}
    >
      {c.code}
    </div>
  );
  return (
    <Card
      size="small"
      title={
        <Space>
          {t('meetings.checkIn.title')}
          {stateTag}
        </Space>
      }
      data-testid="check-in-panel"
      data-state={state}
      extra={
        <Button size="small" icon={<ExpandOutlined />} onClick={() => setBig(true)} aria-label={t('meetings.checkIn.show')} data-testid="check-in-fullscreen">
          {phone ? null : t('meetings.checkIn.show')}
        </Button>
      }
    >
      <Row gutter={[16, 16]} align="middle">
        <Col xs={24} md={12} style={{ textAlign: 'center' }}>
          <Typography.Text type="secondary">{t('meetings.checkIn.codeLabel')}</Typography.Text>
          {codeText(phone ? 44 : 56)}
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} data-testid="check-in-window">
            {windowText}
          </Typography.Paragraph>
          <CheckInWindowControls meetingId={m.id} window={c.window} />
        </Col>
        <Col xs={24} md={12} style={{ textAlign: 'center' }}>
          <img
            src={qr}
            alt={t('meetings.checkIn.qrAlt')}
            width={phone ? 200 : 220}
            height={phone ? 200 : 220}
            data-testid="check-in-qr"
            style={{ background: '#fff' }}
          />
          <div>
            <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }} data-testid="check-in-link">
              {c.qrUrl}
            </Typography.Text>
          </div>
          <div style={{ marginTop: 8 }}>
            <CopyButton text={c.qrUrl} label={t('meetings.checkIn.copyLink')} testId="check-in-copy" />
          </div>
        </Col>
      </Row>
      <Modal open={big} onCancel={() => setBig(false)} footer={null} width="min(900px, 100vw)" centered title={`${m.unitName} · ${showDate(m.heldOn)}`}>
        <div style={{ textAlign: 'center' }}>
          <img src={qr} alt={t('meetings.checkIn.qrAlt')} style={{ width: 'min(60vh, 80vw)', height: 'min(60vh, 80vw)' }} />
          {codeText(phone ? 56 : 96)}
          <Typography.Paragraph>{t('meetings.checkIn.howTo')}</Typography.Paragraph>
        </div>
      </Modal>
    </Card>
  );
}

interface Edit {
  status: AttendanceStatus | null;
  reason: string;
}

function RollCall({ meeting: m }: { meeting: Meeting }) {
  const t = useT();
  const [lang] = useLang();
  const phone = usePhone();
  const now = useNow();
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  // Marks not yet saved survive a tab switch, going back and a reload (kept in the browser).
  const [editList, setEditList, restored] = useStoredDraft<[number, Edit][]>(`chibo.roll.${m.id}.members`, [], (v) => v.length === 0);
  const [guestList, setGuestList] = useStoredDraft<[number, boolean | null][]>(`chibo.roll.${m.id}.guests`, [], (v) => v.length === 0);
  const edits = useMemo(() => new Map(editList), [editList]);
  const guestEdits = useMemo(() => new Map(guestList), [guestList]);
  const setEdits = (next: Map<number, Edit> | ((old: Map<number, Edit>) => Map<number, Edit>)) =>
    setEditList([...(typeof next === 'function' ? next(edits) : next)]);
  const setGuestEdits = (next: Map<number, boolean | null> | ((old: Map<number, boolean | null>) => Map<number, boolean | null>)) =>
    setGuestList([...(typeof next === 'function' ? next(guestEdits) : next)]);
  const [note, setNote] = useState('');
  // A reason box shows its error only once the secretary left it empty or tried to save,
  // not the moment "vắng có lý do" is chosen and nothing could have been typed yet.
  const [reasonTouched, setReasonTouched] = useState<ReadonlySet<number>>(new Set());
  const [triedSave, setTriedSave] = useState(false);
  const dirty = edits.size > 0 || guestEdits.size > 0;
  const attendance = useAttendance(m.id);
  // While members check in, the list follows them (not while the secretary is editing).
  const live = m.checkIn.state === 'open';
  const { refetch } = attendance;
  useEffect(() => {
    if (!live || dirty) return;
    const timer = setInterval(() => void refetch(), 15_000);
    return () => clearInterval(timer);
  }, [live, dirty, refetch]);

  const save = useMutation({
    mutationFn: () =>
      api<Attendance>(`/meetings/${m.id}/attendance`, {
        method: 'PUT',
        body: {
          entries: [...edits].map(([memberId, e]) => ({ memberId, status: e.status, reason: e.status === 'absent_excused' ? e.reason.trim() : null })),
          guests: [...guestEdits].map(([guestId, attended]) => ({ guestId, attended })),
          note: note.trim() || null,
        },
      }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(meetingKeys.attendance(m.id), saved);
      setEdits(new Map());
      setGuestEdits(new Map());
      setNote('');
      setReasonTouched(new Set());
      setTriedSave(false);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: meetingKeys.minutes(m.id) }),
        queryClient.invalidateQueries({ queryKey: meetingKeys.quality(m.id) }),
        queryClient.invalidateQueries({ queryKey: meetingKeys.detail(m.id) }),
      ]);
      showSuccess(saved.late ? t('meetings.roll.savedLate') : t('meetings.roll.saved'));
    },
  });

  const data = attendance.data;
  const effective = (e: AttendanceEntry): Edit => edits.get(e.memberId) ?? { status: e.attendance, reason: e.reason ?? '' };
  const summary = useMemo(() => {
    if (!data) return null;
    return summariseAttendance(
      [...data.members, ...data.apart].map((e) => ({ memberStatus: e.memberStatus, attendance: edits.get(e.memberId)?.status ?? e.attendance })),
    );
  }, [data, edits]);

  if (attendance.isPending) return <PageLoading />;
  if (attendance.isError) return <QueryError error={attendance.error} onRetry={() => void attendance.refetch()} />;
  const s = summary!;
  // Adopted minutes froze the roll: a change is an amendment of the minutes, not a roll call.
  const adopted = m.minutesStatus === 'adopted';
  const editable = m.canManage && !adopted;
  const late = now > Date.parse(m.endsAt) || m.minutesStatus === 'adopted';
  // Before the meeting's day there is nobody present yet: a "0%" and a green "Có mặt 0" would
  // read as a failed meeting, so the summary says it has not happened instead of a ratio.
  const notYet = vietnamDayOf(now) < vietnamDayOf(m.startsAt);
  const missing = [...edits].filter(([, e]) => e.status === 'absent_excused' && !e.reason.trim()).map(([id]) => id);
  const missingReason = missing.length > 0;
  const showMissing = triedSave ? missingReason : missing.some((id) => reasonTouched.has(id));

  function setEntry(e: AttendanceEntry, change: Partial<Edit>) {
    setEdits((old) => {
      const next = new Map(old);
      const merged = { ...effective(e), ...change };
      // Back to what the server has: no change to send.
      if (merged.status === e.attendance && (merged.status !== 'absent_excused' || merged.reason === (e.reason ?? ''))) next.delete(e.memberId);
      else next.set(e.memberId, merged);
      return next;
    });
  }

  function markRestPresent() {
    setEdits((old) => {
      const next = new Map(old);
      for (const e of data!.members) if ((next.get(e.memberId)?.status ?? e.attendance) === null) next.set(e.memberId, { status: 'present', reason: '' });
      return next;
    });
  }

  const statusOptions = [
    { value: 'present', label: t('meetings.attendance.present'), testId: 'roll-present' },
    { value: 'absent_excused', label: phone ? t('meetings.roll.excusedShort') : t('meetings.attendance.absent_excused'), testId: 'roll-excused' },
    { value: 'absent_unexcused', label: phone ? t('meetings.roll.unexcusedShort') : t('meetings.attendance.absent_unexcused'), testId: 'roll-unexcused' },
    { value: 'on_duty', label: t('meetings.attendance.on_duty'), testId: 'roll-on-duty' },
  ] as const;

  const row = (e: AttendanceEntry) => {
    const v = effective(e);
    const changed = edits.has(e.memberId);
    return (
      <List.Item
        key={e.memberId}
        data-testid="roll-row"
        data-member-id={e.memberId}
        data-status={v.status ?? 'unmarked'}
        style={{ display: 'block', padding: phone ? '8px 10px' : '8px 12px', background: changed ? '#fffbe6' : undefined }}
      >
        <div
          style={{
            display: 'flex',
            justifyContent: 'space-between',
            alignItems: phone ? 'flex-start' : 'center',
            gap: 8,
            flexDirection: phone ? 'column' : 'row',
          }}
        >
          <div style={{ minWidth: 0 }}>
            <Typography.Text strong data-testid="roll-name">
              {e.fullName}
            </Typography.Text>{' '}
            {e.source === 'check_in' && e.checkedInAt && (
              <Tag color="cyan" data-testid="roll-self">
                {t('meetings.roll.selfCheckIn', { time: vnTime(e.checkedInAt) })}
              </Tag>
            )}
            {!editable && <Tag color={v.status ? ATTENDANCE_COLORS[v.status] : 'default'}>{attendanceLabel(t, v.status)}</Tag>}
            {!editable && v.reason && <Typography.Text type="secondary"> ({v.reason})</Typography.Text>}
          </div>
          {editable && (
            <Radio.Group
              size={phone ? 'middle' : 'small'}
              optionType="button"
              buttonStyle="solid"
              value={v.status}
              style={phone ? { display: 'flex', flexWrap: 'wrap', width: '100%' } : undefined}
              onChange={(ev) => setEntry(e, { status: ev.target.value as AttendanceStatus })}
            >
              {statusOptions.map((o) => (
                <Radio.Button
                  key={o.value}
                  value={o.value}
                  // Before the meeting's day only what members notify in advance can be marked (the server refuses the rest).
                  disabled={notYet && !NOTIFIED_IN_ADVANCE.has(o.value)}
                  style={phone ? { flex: '1 0 45%', textAlign: 'center', paddingInline: 4 } : undefined}
                >
                  <span data-testid={o.testId}>{o.label}</span>
                </Radio.Button>
              ))}
            </Radio.Group>
          )}
        </div>
        {editable && v.status === 'absent_excused' && (
          <Input
            size="small"
            style={{ marginTop: 6 }}
            placeholder={t('meetings.roll.reasonPlaceholder')}
            value={v.reason}
            maxLength={500}
            status={!v.reason.trim() && (triedSave || reasonTouched.has(e.memberId)) ? 'error' : undefined}
            onChange={(ev) => setEntry(e, { reason: ev.target.value })}
            onBlur={() => setReasonTouched((old) => new Set(old).add(e.memberId))}
            data-testid="roll-reason"
          />
        )}
      </List.Item>
    );
  };

  return (
    // A plain column, not antd's Space: Space wraps each child in its own box, and the sticky
    // save bar below would then stick inside that box only, 5,000 px down a phone page.
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16, width: '100%' }}>
      {adopted && <Alert type="info" showIcon title={t('meetings.roll.adoptedFrozen')} data-testid="roll-adopted-frozen" />}
      <Card
        size="small"
        title={t('meetings.roll.summary')}
        data-testid="roll-summary"
        extra={
          <Button
            size="small"
            icon={<ReloadOutlined />}
            onClick={() => void attendance.refetch()}
            loading={attendance.isFetching}
            disabled={dirty}
            data-testid="roll-refresh"
          >
            {t('meetings.roll.refresh')}
          </Button>
        }
      >
        <Row gutter={[8, 8]}>
          <Col xs={8} md={3}>
            <Statistic title={t('meetings.roll.total')} value={s.total} data-testid="roll-total" />
          </Col>
          <Col xs={8} md={3}>
            <Statistic title={t('meetings.roll.exempted')} value={s.exempted + s.suspended} data-testid="roll-exempted" />
          </Col>
          <Col xs={8} md={3}>
            <Statistic title={t('meetings.roll.expected')} value={s.expected} data-testid="roll-expected" />
          </Col>
          {!notYet && (
            <>
              <Col xs={8} md={3}>
                <Statistic
                  title={t('meetings.attendance.present')}
                  value={s.present}
                  data-testid="roll-present-count"
                  styles={{ content: { color: '#389e0d' } }}
                />
              </Col>
              <Col xs={8} md={3}>
                <Statistic title={t('meetings.roll.excusedShort')} value={s.absentExcused} data-testid="roll-excused-count" />
              </Col>
              <Col xs={8} md={3}>
                <Statistic title={t('meetings.roll.unexcusedShort')} value={s.absentUnexcused} data-testid="roll-unexcused-count" />
              </Col>
              <Col xs={12} md={3}>
                <Statistic title={t('meetings.attendance.unmarked')} value={s.unmarked} data-testid="roll-unmarked" />
              </Col>
              <Col xs={12} md={3}>
                <Statistic title={t('meetings.roll.rate')} value={percent(s.rate, lang)} data-testid="roll-rate" />
              </Col>
            </>
          )}
        </Row>
        {notYet && (
          <Alert
            style={{ marginTop: 8 }}
            type="info"
            showIcon
            data-testid="roll-not-yet"
            title={t('meetings.roll.notYet', { date: showDate(vietnamDayOf(m.startsAt)) })}
          />
        )}
        <Typography.Paragraph style={{ margin: '8px 0 0' }} data-testid="roll-split">
          {t('meetings.roll.split', { full: s.full, probationary: s.probationary, onDuty: s.onDuty })}
        </Typography.Paragraph>
        {!notYet && data!.members.length > 0 && <Typography.Text type="secondary">{t('meetings.roll.rateNote')}</Typography.Text>}
      </Card>

      <Card size="small" title={t('meetings.roll.title', { count: data!.members.length })} styles={{ body: { padding: 0 } }}>
        {editable && !notYet && s.unmarked > 0 && (
          <div style={{ padding: '8px 12px 0' }}>
            <Button icon={<CheckOutlined />} onClick={markRestPresent} block={phone} data-testid="roll-rest-present">
              {t('meetings.roll.restPresent')}
            </Button>
          </div>
        )}
        {data!.members.length === 0 ? (
          <Empty description={t('meetings.roll.empty')} />
        ) : (
          <List dataSource={data!.members} renderItem={row} data-testid="roll-list" />
        )}
      </Card>

      {data!.apart.length > 0 && (
        <Card size="small" title={t('meetings.roll.apart', { count: data!.apart.length })}>
          <List
            size="small"
            dataSource={data!.apart}
            renderItem={(e) => (
              <List.Item data-testid="roll-apart-row" data-member-id={e.memberId}>
                <span>{e.fullName}</span> <Tag>{statusLabel(t, e.memberStatus)}</Tag>
              </List.Item>
            )}
          />
        </Card>
      )}

      {data!.guests.length > 0 && (
        <Card size="small" title={t('meetings.guests.title')}>
          <List
            size="small"
            dataSource={data!.guests}
            renderItem={(g) => {
              const attended = guestEdits.has(g.id) ? guestEdits.get(g.id)! : g.attended;
              return (
                <List.Item data-testid="roll-guest-row">
                  <Checkbox
                    checked={attended === true}
                    // A guest attending is a presence: not before the meeting's day (the server refuses it).
                    disabled={!editable || (notYet && attended !== true)}
                    data-testid="roll-guest"
                    onChange={(ev) =>
                      setGuestEdits((old) => {
                        const next = new Map(old);
                        if (ev.target.checked === (g.attended === true)) next.delete(g.id);
                        else next.set(g.id, ev.target.checked);
                        return next;
                      })
                    }
                  >
                    {g.fullName}
                    {g.position ? ` (${g.position})` : ''}
                  </Checkbox>
                </List.Item>
              );
            }}
          />
        </Card>
      )}

      {editable && (
        <Card size="small" style={{ position: 'sticky', bottom: 0, zIndex: 5 }}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            {restored && dirty && (
              <Alert type="info" showIcon title={t('meetings.roll.restored', { count: edits.size + guestEdits.size })} data-testid="roll-restored" />
            )}
            {late && dirty && (
              <>
                <Alert type="warning" showIcon title={t('meetings.roll.lateWarning')} />
                <Input.TextArea
                  rows={2}
                  value={note}
                  onChange={(ev) => setNote(ev.target.value)}
                  maxLength={1000}
                  placeholder={t('meetings.roll.notePlaceholder')}
                  data-testid="roll-note"
                />
              </>
            )}
            <Space wrap>
              <Button
                type="primary"
                disabled={!dirty}
                loading={save.isPending}
                data-testid="roll-save"
                onClick={() => {
                  if (missingReason) return setTriedSave(true);
                  if (late) confirm({ title: t('meetings.roll.confirmLate'), onOk: () => save.mutateAsync() });
                  else save.mutate();
                }}
              >
                {t('meetings.roll.save', { count: edits.size + guestEdits.size })}
              </Button>
              {dirty && (
                <Button
                  onClick={() => {
                    setEdits(new Map());
                    setGuestEdits(new Map());
                  }}
                  data-testid="roll-discard"
                >
                  {t('meetings.roll.discard')}
                </Button>
              )}
              {showMissing && (
                <Typography.Text type="danger" data-testid="roll-reason-missing">
                  {t('meetings.roll.reasonMissing')}
                </Typography.Text>
              )}
            </Space>
          </Space>
        </Card>
      )}
    </div>
  );
}
