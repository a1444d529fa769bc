// The candidates of a unit's cells (the unit itself and every cell under it today), each with
// its stage and its most urgent running deadline; ordered by that deadline, overdue first.
import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import type { AdmissionStage } from '../../domain/admission.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { unitInScopeOr404 } from '../access/unit-in-scope-or-404.ts';
import { calendarAdjustments } from './calendar-days.ts';
import { deadlinesOf, nextDeadline, stepsInForce } from './candidate-dates.ts';
import type { CandidateBrief } from './schemas.ts';

const ENDED: readonly AdmissionStage[] = ['recognised', 'strike_off_proposed'];

/** Candidates under `unitId` the caller may read, with their next deadline (no 404: the caller's home uses it too). */
export async function candidatesUnder(db: Db, access: Access, unitIds: readonly number[], today: string, stage?: AdmissionStage | 'all') {
  if (unitIds.length === 0) return [];
  let q = db
    .selectFrom('admission_candidates as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .leftJoin('members as m', 'm.id', 'c.member_id')
    .select([
      'c.id',
      'c.unit_id',
      'u.name as unit_name',
      'c.village_id',
      'c.full_name',
      'c.sex',
      'c.date_of_birth',
      'c.stage',
      'c.member_id',
      'm.status as member_status',
    ])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('units as top')
          .select('top.id')
          .where('top.id', 'in', [...unitIds])
          .where(sql<SqlBool>`u.path like top.path || '%'`),
      ),
    )
    .where((eb) => unitInScope(access.scope('read'), eb.ref('c.unit_id')));
  if (stage === undefined) q = q.where('c.stage', 'not in', [...ENDED]);
  else if (stage !== 'all') q = q.where('c.stage', '=', stage);
  const rows = await q.orderBy('c.full_name').orderBy('c.id').execute();
  const [steps, adjustments] = await Promise.all([
    stepsInForce(
      db,
      rows.map((r) => r.id),
    ),
    calendarAdjustments(db),
  ]);
  const items: CandidateBrief[] = rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    villageId: r.village_id,
    fullName: r.full_name,
    sex: r.sex as 'nam' | 'nu',
    dateOfBirth: r.date_of_birth,
    stage: r.stage as AdmissionStage,
    memberId: r.member_id,
    // A probationer whose status changed otherwise (suspended, died, left) has no deadline running.
    next:
      r.member_status !== null && r.member_status !== 'du_bi'
        ? null
        : nextDeadline(r.stage as AdmissionStage, deadlinesOf(steps.get(r.id), adjustments, today), today),
  }));
  // Most urgent first; those with no running deadline after, by name.
  return items.sort((a, b) => (a.next?.dueOn ?? '9999').localeCompare(b.next?.dueOn ?? '9999'));
}

export async function listCandidates(db: Db, access: Access, unitId: number, today: string, stage?: AdmissionStage | 'all') {
  await unitInScopeOr404(db, access.scope('read'), unitId);
  return { items: await candidatesUnder(db, access, [unitId], today, stage) };
}
