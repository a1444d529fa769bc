// The striking-off warning of one member, for their page: the same rule as the compliance
// report and the figures (domain/strike-off.ts), over the member's absences without reason
// at held cell meetings, judged as of today — a run of months within 12 that ended in the
// last 12 months. The absences are read from the per-meeting facts (the roll call as it
// stands, a later check-in overriding it), reached through the member's own marks.
import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { strikeOffLookback, strikeOffMonths } from '../../domain/strike-off.ts';
import { meetingRulesFor } from './unit-rule-sets.ts';

export async function memberStrikeOffWarning(db: Db, memberId: number, unitId: number, today: string) {
  const rule = (await meetingRulesFor(db, unitId, today)).body.compliance;
  const from = strikeOffLookback(today, rule);
  const back = strikeOffLookback(from, rule);
  const rows = await db
    .selectFrom('meeting_attendance as a')
    .innerJoin('meeting_facts as mf', 'mf.meeting_id', 'a.meeting_id')
    .select(sql<string>`mf.held_on::text`.as('held_on'))
    .where('a.member_id', '=', memberId)
    .where('a.status', '=', 'absent_unexcused')
    .where('mf.recorded', '=', true)
    .where('mf.held_on', '>=', back)
    .where('mf.held_on', '<=', today)
    .where(sql<boolean>`${memberId} = any(mf.unexcused_member_ids)`)
    .orderBy('mf.held_on')
    .execute();
  const dates = rows.map((r) => r.held_on);
  const months = strikeOffMonths(dates, rule, { from, to: today });
  return months ? { months, dates: dates.filter((d) => months.includes(d.slice(0, 7))) } : null;
}
