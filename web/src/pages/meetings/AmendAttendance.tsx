// The attendance part of an amendment to adopted minutes: the roll as adopted, one line per
// member, each with its status (and the reason when absent with reason) to correct. Only
// the lines that differ are sent; the server rewrites the frozen roll, the minutes and the
// figures together.
import { Form, Input, Select, Typography } from 'antd';
import { useT } from '../../i18n/i18n.ts';
import type { AttendanceEntry, AttendanceStatus } from './meetings-api.ts';

export interface AttendanceEdit {
  status: AttendanceStatus | null;
  reason: string;
}
export type AttendanceEdits = Record<string, AttendanceEdit>;

export const attendanceInitial = (members: readonly AttendanceEntry[]): AttendanceEdits =>
  Object.fromEntries(members.map((m) => [String(m.memberId), { status: m.attendance, reason: m.reason ?? '' }]));

/** The corrected lines, as the amendment API takes them. */
export function attendanceChanges(members: readonly AttendanceEntry[], edits: AttendanceEdits | undefined) {
  return members.flatMap((m) => {
    const e = edits?.[String(m.memberId)];
    if (!e?.status) return [];
    const reason = e.status === 'absent_excused' ? e.reason.trim() : '';
    if (e.status === m.attendance && reason === (m.attendance === 'absent_excused' ? (m.reason ?? '') : '')) return [];
    return [{ memberId: m.memberId, status: e.status, ...(reason ? { reason } : {}) }];
  });
}

export function AmendAttendance({ members }: { members: readonly AttendanceEntry[] }) {
  const t = useT();
  const options = (['present', 'absent_excused', 'absent_unexcused'] as const).map((value) => ({ value, label: t(`meetings.attendance.${value}`) }));
  return (
    <div data-testid="amend-attendance">
      <Typography.Title level={5}>{t('meetings.minutes.amendAttendance')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('meetings.minutes.amendAttendanceHint')}</Typography.Paragraph>
      {members.map((m) => (
        <div key={m.memberId} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-start' }}>
          <Form.Item name={['attendance', String(m.memberId), 'status']} label={m.fullName} style={{ minWidth: 240, flex: '1 1 240px' }}>
            <Select options={options} size="large" data-testid="amend-attendance-status" />
          </Form.Item>
          <Form.Item noStyle dependencies={[['attendance', String(m.memberId), 'status']]}>
            {({ getFieldValue }) =>
              getFieldValue(['attendance', String(m.memberId), 'status']) === 'absent_excused' ? (
                <Form.Item
                  name={['attendance', String(m.memberId), 'reason']}
                  label={t('common.reason')}
                  rules={[{ required: true, message: t('validation.required') }, { max: 500 }]}
                  style={{ minWidth: 200, flex: '1 1 200px' }}
                >
                  <Input size="large" />
                </Form.Item>
              ) : null
            }
          </Form.Item>
        </div>
      ))}
    </div>
  );
}
