// A change to adopted minutes is an amendment (sửa đổi, bổ sung): it names its reason,
// keeps the replaced and the new text in its own row and in the audit trail. It is also
// the only way to correct the attendance of an adopted meeting: the roll frozen at
// adoption (frozen-roll.ts) is rewritten, so the frozen figures, the register, the
// minutes and the .docx change together, and the roll call is kept equal to it.

import type { Kysely, Transaction } from 'kysely';
import { transactionRetryingDeadlocks } from '../../db/retry-on-deadlock.ts';
import type { DB } from '../../db/types.ts';
import { badRequest, conflict, type FieldError } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { replaceMinutesTasks } from '../tasks/minutes-tasks.ts';
import type { AttendanceOut } from './attendance-schemas.ts';
import { clock } from './clock.ts';
import { minutesState } from './get-minutes.ts';
import { attendanceFrom } from './meeting-attendance.ts';
import type { AmendMinutesInput, MinutesContent } from './minutes-schemas.ts';
import { checkMinutesContent, lockedMeetingForMinutes } from './save-minutes.ts';

type Attendance = Omit<AttendanceOut, 'late'>;
type Corrections = NonNullable<AmendMinutesInput['attendance']>;

/** The frozen roll with the corrections applied, or field errors for members not on it. */
function corrected(attendance: Attendance, corrections: Corrections): Attendance {
  const lines = [...attendance.members, ...attendance.apart];
  const errors: FieldError[] = [];
  corrections.forEach((c, i) => {
    if (!lines.some((l) => l.memberId === c.memberId)) errors.push({ path: `body.attendance.${i}.memberId`, message: 'meetings.not_on_roll' });
    if (c.status === 'absent_excused' && !c.reason) errors.push({ path: `body.attendance.${i}.reason`, message: 'meetings.reason_required' });
  });
  if (errors.length) throw badRequest('validation', {}, errors);
  const byMember = new Map(corrections.map((c) => [c.memberId, c]));
  const next = lines.map((l) => {
    const c = byMember.get(l.memberId);
    return c ? { ...l, attendance: c.status, reason: c.status === 'present' ? null : (c.reason ?? null), source: 'roll_call' as const } : l;
  });
  return attendanceFrom(attendance.meetingId, next, attendance.guests);
}

/** Rewrites the frozen lines and the roll call behind them (recorded now, so it wins over a check-in). */
async function writeCorrections(trx: Transaction<DB>, access: Access, meetingId: number, next: Attendance, corrections: Corrections) {
  const now = clock.now();
  for (const c of corrections) {
    const line = [...next.members, ...next.apart].find((l) => l.memberId === c.memberId)!;
    await trx
      .updateTable('meeting_roll_at_adoption')
      .set({ attendance: line.attendance, entry: JSON.stringify(line) })
      .where('meeting_id', '=', meetingId)
      .where('member_id', '=', c.memberId)
      .execute();
    const values = { status: c.status, reason: line.reason, recorded_by: access.userId, recorded_at: now };
    await trx
      .insertInto('meeting_attendance')
      .values({ meeting_id: meetingId, member_id: c.memberId, ...values })
      .onConflict((oc) => oc.columns(['meeting_id', 'member_id']).doUpdateSet(values))
      .execute();
  }
}

const lineOf = (a: Attendance, memberId: number) => {
  const l = [...a.members, ...a.apart].find((x) => x.memberId === memberId)!;
  return { memberId, fullName: l.fullName, attendance: l.attendance, reason: l.reason };
};

export async function amendMinutes(db: Kysely<DB>, access: Access, id: number, input: AmendMinutesInput) {
  await transactionRetryingDeadlocks(db, async (trx) => {
    const m = await lockedMeetingForMinutes(trx, access, id);
    const { content, attendance, adopted } = await minutesState(trx, m);
    if (!adopted) throw conflict('meetings.minutes_not_adopted');
    const keys = Object.keys(input.changes) as (keyof MinutesContent)[];
    const corrections = input.attendance ?? [];
    if (keys.length === 0 && corrections.length === 0) throw conflict('meetings.amendment_empty');
    const next = corrections.length ? corrected(attendance, corrections) : attendance;
    const merged: MinutesContent = { ...content, ...input.changes };
    checkMinutesContent(merged, next, 'body.changes');
    const before: Record<string, unknown> = Object.fromEntries(keys.map((k) => [k, content[k] ?? null]));
    const after: Record<string, unknown> = { ...input.changes };
    if (corrections.length) {
      before.attendance = corrections.map((c) => lineOf(attendance, c.memberId));
      after.attendance = corrections.map((c) => lineOf(next, c.memberId));
      before.attendanceSummary = attendance.summary;
      after.attendanceSummary = next.summary;
    }
    const amendment = await trx
      .insertInto('meeting_minutes_amendments')
      .values({ meeting_id: id, reason: input.reason, before: JSON.stringify(before), after: JSON.stringify(after), amended_by: access.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('meeting_minutes')
      .set({ content: JSON.stringify(merged), updated_by: access.userId, updated_at: new Date() })
      .where('meeting_id', '=', id)
      .execute();
    if (corrections.length) await writeCorrections(trx, access, id, next, corrections);
    if (keys.includes('tasks')) {
      // Tasks already assessed stay; the open ones follow the amended list (minutes-tasks.ts).
      await replaceMinutesTasks(trx, m, merged.tasks, access.userId);
    }
    await writeAudit(trx, access.userId, {
      action: 'minutes.amend',
      entityType: 'meeting',
      entityId: id,
      unitId: m.unit_id,
      before,
      after: { amendmentId: amendment.id, reason: input.reason, changes: input.changes, ...(corrections.length ? { attendance: after.attendance } : {}) },
    });
  });
}
