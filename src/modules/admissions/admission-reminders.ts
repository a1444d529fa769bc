// Reminders of the admission deadlines (issue 10 item 2), written as in-app notices by the
// background job (notifications/job-runner.ts, pg-boss) — emailed too to those who gave an
// address. A deadline within REMIND_DAYS reminds the accounts that move the cell's candidates
// (write_members over the cell, linked to a member); an overdue one also those who read the
// cell from above (the commune's committee): overdue items are flagged up the tree. One notice
// per person, deadline, date and state: running the job again sends nothing twice.
import { sql } from 'kysely';
import type { Db, Role } from '../../db/types.ts';
import type { AdmissionStage } from '../../domain/admission.ts';
import { addDays, formatDateVi } from '../../domain/calendar.ts';
import { ROLE_PERMISSIONS } from '../../domain/permissions.ts';
import { calendarAdjustments } from './calendar-days.ts';
import { deadlinesOf, nextDeadline, stepsInForce } from './candidate-dates.ts';

export const REMIND_DAYS = 10;
const ENDED: readonly AdmissionStage[] = ['recognised', 'strike_off_proposed'];
const rolesWith = (p: 'read' | 'write_members') => (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) => ROLE_PERMISSIONS[r].includes(p));

/** Writes the reminders due on `today`; returns how many notices were written. */
export async function sendAdmissionReminders(db: Db, today: string): Promise<number> {
  const candidates = await db
    .selectFrom('admission_candidates as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .select(['c.id', 'c.full_name', 'c.stage', 'c.unit_id', 'u.name as unit_name', 'u.path'])
    .where('c.stage', 'not in', [...ENDED])
    .execute();
  if (candidates.length === 0) return 0;
  const [steps, adjustments] = await Promise.all([
    stepsInForce(
      db,
      candidates.map((c) => c.id),
    ),
    calendarAdjustments(db),
  ]);
  const horizon = addDays(today, REMIND_DAYS);
  let written = 0;
  for (const c of candidates) {
    const next = nextDeadline(c.stage as AdmissionStage, deadlinesOf(steps.get(c.id), adjustments, today), today);
    if (!next || (!next.overdue && next.dueOn > horizon)) continue;
    // Accounts granted on the cell or a unit above it (with its subtree), linked to a member.
    const roles = next.overdue ? rolesWith('read') : rolesWith('write_members');
    const { rows } = await sql<{ member_id: number }>`
      select distinct us.member_id from role_grants g
        join users us on us.id = g.user_id and us.is_active and us.member_id is not null
        join units gu on gu.id = g.unit_id
       where g.role = any(${sql.val(roles)}::text[])
         and (g.unit_id = ${c.unit_id} or (g.include_subtree and ${c.path} like gu.path || '%'))`.execute(db);
    const state = next.overdue ? 'overdue' : 'soon';
    const params = { candidateId: c.id, name: c.full_name, unit: c.unit_name, date: formatDateVi(next.dueOn), state: `admissions.notice.${state}` };
    for (const r of rows) {
      const res = await db
        .insertInto('notices')
        .values({
          member_id: r.member_id,
          kind: `admission_${next.kind}`,
          params: JSON.stringify(params),
          dedupe_key: `admission:${c.id}:${next.kind}:${next.dueOn}:${state}`,
        })
        .onConflict((oc) => oc.columns(['member_id', 'dedupe_key']).doNothing())
        .executeTakeFirst();
      written += Number(res.numInsertedOrUpdatedRows ?? 0);
    }
  }
  return written;
}
