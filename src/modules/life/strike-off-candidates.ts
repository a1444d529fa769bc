// The members the system proposes to strike off (xóa tên), under a unit on a date: absent
// without reason from held meetings in 3 months within a year (the meetings' facts, the same
// rule as the compliance report and the member's page), or dues unpaid 3 months within a
// year. The unpaid months come from the dues module as one input (`UnpaidMonths`), so this
// detector does not read dues itself. A window counts when its last month falls in the 12
// months up to `asOf`.
import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { addDays, lastDayOfMonth } from '../../domain/calendar.ts';
import { groupBy } from '../../domain/group-by.ts';
import { duesRulesFor } from '../../domain/party-dues.ts';
import { strikeOffLookback } from '../../domain/strike-off.ts';
import { strikeOffGrounds } from '../../domain/strike-off-grounds.ts';
import type { Access } from '../access/access.ts';
import { unitInScopeOr404 } from '../access/unit-in-scope-or-404.ts';
import { meetingRulesFor } from '../meetings/unit-rule-sets.ts';
import { type MemberUnderRow, membersUnderOn } from '../org-history/units-under.ts';

/** Months 'YYYY-MM' of unpaid dues per member between two dates (the dues lane's unpaidMonthsByMember). */
export type UnpaidMonths = (db: Db, memberIds: readonly number[], from: string, to: string) => Promise<Map<number, string[]>>;

export async function strikeOffCandidates(db: Db, access: Access, unitId: number, asOf: string, unpaidMonths?: UnpaidMonths) {
  await unitInScopeOr404(db, access.scope('read'), unitId);
  const members = await db
    .selectFrom(sql<MemberUnderRow>`(${membersUnderOn([unitId], asOf)})`.as('mu'))
    .innerJoin('members as m', 'm.id', 'mu.member_id')
    .innerJoin('units as u', 'u.id', 'mu.unit_id')
    .leftJoin('strike_off_proposals as sp', (join) => join.onRef('sp.member_id', '=', 'm.id').on('sp.status', '=', 'proposed'))
    .select(['m.id', 'm.full_name', 'mu.unit_id', 'u.name as unit_name', 'sp.id as proposal_id'])
    .orderBy('m.sort_key')
    .orderBy('m.id')
    .execute();
  if (members.length === 0) return { asOf, items: [] };
  const meetingRule = (await meetingRulesFor(db, unitId, asOf)).body.compliance;
  const from = strikeOffLookback(asOf, meetingRule);
  const back = strikeOffLookback(from, meetingRule);
  const ids = members.map((m) => m.id);
  const absences = await db
    .selectFrom('meeting_attendance as a')
    .innerJoin('meeting_facts as mf', 'mf.meeting_id', 'a.meeting_id')
    .select(['a.member_id', sql<string>`mf.held_on::text`.as('held_on')])
    .where(sql<boolean>`a.member_id = any(${sql.val(ids)}::int[])`)
    .where('a.status', '=', 'absent_unexcused')
    .where('mf.recorded', '=', true)
    .where('mf.held_on', '>=', back)
    .where('mf.held_on', '<=', asOf)
    .where(sql<boolean>`a.member_id = any(mf.unexcused_member_ids)`)
    .execute();
  const absentOn = groupBy(
    absences,
    (a) => a.member_id,
    (a) => a.held_on,
  );
  // A month's dues are owed once the month is over: the month of `asOf` counts only on its last day.
  const lastOwedDay = asOf === lastDayOfMonth(asOf.slice(0, 7)) ? asOf : addDays(`${asOf.slice(0, 7)}-01`, -1);
  const unpaid = unpaidMonths ? await unpaidMonths(db, ids, back, lastOwedDay) : new Map<number, string[]>();
  const rules = { meetings: meetingRule, dues: duesRulesFor(asOf.slice(0, 7)).body.strikeOff };
  const items = members.flatMap((m) => {
    const grounds = strikeOffGrounds({ absenceDates: absentOn.get(m.id) ?? [], unpaidMonths: unpaid.get(m.id) ?? [] }, rules, { from, to: asOf });
    return grounds.length === 0
      ? []
      : [{ memberId: m.id, fullName: m.full_name, unitId: m.unit_id, unitName: m.unit_name, grounds, proposalId: m.proposal_id }];
  });
  return { asOf, items };
}
