// Admission figures for a unit's subtree (issue 10 item 3): candidates by stage on a date
// (the stage their steps in force had reached by then), those in the awareness course
// (certificate obtained, not yet considered), and those admitted (ceremony held) in a period
// — each candidate counted under the unit their cell sat under on the day concerned, never
// under today's tree. `admissionProgress` is the year's line a growth target is set against.
import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { ADMISSION_STAGES, type AdmissionStage } from '../../domain/admission.ts';
import { type AdmissionStep, stageAfter } from '../../domain/admission-pipeline.ts';
import type { Access } from '../access/access.ts';
import { unitForFigures, unitsUnderOn } from './history.ts';

export type StageCounts = Record<AdmissionStage, number>;

const zero = (): StageCounts => Object.fromEntries(ADMISSION_STAGES.map((s) => [s, 0])) as StageCounts;

/** Per root: the candidates of the cells under it on `date`, by the stage reached by then. */
export async function candidatesByStageOn(db: Db, rootIds: readonly number[], date: string): Promise<Map<number, StageCounts>> {
  const out = new Map<number, StageCounts>(rootIds.map((id) => [id, zero()]));
  if (rootIds.length === 0) return out;
  const { rows } = await sql<{ root_id: number; step: AdmissionStep; n: string | number }>`
    select uu.root_id, last.step, count(*) as n
      from (${unitsUnderOn(rootIds, date)}) uu
      join admission_candidates c on c.unit_id = uu.unit_id
      join lateral (
        select s.stage as step from admission_steps s
         where s.candidate_id = c.id and not s.superseded and s.done_on <= ${date}::date
         order by s.done_on desc, s.id desc limit 1
      ) last on true
     group by uu.root_id, last.step`.execute(db);
  for (const r of rows) {
    const counts = out.get(r.root_id)!;
    const stage = stageAfter(r.step);
    counts[stage] += Number(r.n);
  }
  return out;
}

/** Per root: the candidates admitted (ceremony held) in [from, to], under it on the ceremony's day. */
export async function admittedDuring(db: Db, rootIds: readonly number[], from: string, to: string): Promise<Map<number, number>> {
  const out = new Map<number, number>(rootIds.map((id) => [id, 0]));
  if (rootIds.length === 0) return out;
  const { rows } = await sql<{ root_id: number; n: string | number }>`
    select a.ancestor_id as root_id, count(*) as n
      from admission_steps s
      join admission_candidates c on c.id = s.candidate_id
      join unit_ancestry a on a.unit_id = c.unit_id and a.ancestor_id = any(${sql.val([...rootIds])}::int[])
        and a.valid_from <= s.done_on and (a.valid_to is null or a.valid_to > s.done_on)
     where s.stage = 'ceremony' and not s.superseded and s.done_on between ${from}::date and ${to}::date
     group by a.ancestor_id`.execute(db);
  for (const r of rows) out.set(r.root_id, Number(r.n));
  return out;
}

export interface AdmissionProgress {
  unitId: number;
  year: number;
  /** Admitted (ceremony held) from 1/1 to the end of the year, or to `today` in the current year. */
  admitted: number;
  /** Candidates by stage on that day. */
  byStage: StageCounts;
  /** In the awareness course: certificate obtained, not yet further. */
  inAwarenessCourse: number;
  /** Still in the pipeline before admission (source to decision). */
  inPipeline: number;
}

const BEFORE_ADMISSION: readonly AdmissionStage[] = ADMISSION_STAGES.slice(0, 8);

/**
 * A year's admissions for each unit (its subtree on the day), for growth targets: the
 * villages lane sets the target per unit and year and puts this beside it. No access check:
 * the caller passes units it has already found in scope.
 */
export async function admissionProgress(db: Db, unitIds: readonly number[], year: number, today: string): Promise<AdmissionProgress[]> {
  const from = `${year}-01-01`;
  const end = `${year}-12-31`;
  const on = today < end ? (today < from ? from : today) : end;
  const [stages, admitted] = await Promise.all([candidatesByStageOn(db, unitIds, on), admittedDuring(db, unitIds, from, on)]);
  return unitIds.map((unitId) => {
    const byStage = stages.get(unitId) ?? zero();
    return {
      unitId,
      year,
      admitted: admitted.get(unitId) ?? 0,
      byStage,
      inAwarenessCourse: byStage.awareness_course,
      inPipeline: BEFORE_ADMISSION.reduce((n, s) => n + byStage[s], 0),
    };
  });
}

/** Per village: the candidates living there who are still in the pipeline before admission on `date`. */
export async function candidatesInVillages(db: Db, villageIds: readonly number[], date: string): Promise<Map<number, number>> {
  const out = new Map<number, number>(villageIds.map((id) => [id, 0]));
  if (villageIds.length === 0) return out;
  const { rows } = await sql<{ village_id: number; step: AdmissionStep }>`
    select c.village_id, last.step
      from admission_candidates c
      join lateral (
        select s.stage as step from admission_steps s
         where s.candidate_id = c.id and not s.superseded and s.done_on <= ${date}::date
         order by s.done_on desc, s.id desc limit 1
      ) last on true
     where c.village_id = any(${sql.val([...villageIds])}::int[])`.execute(db);
  for (const r of rows) if (BEFORE_ADMISSION.includes(stageAfter(r.step))) out.set(r.village_id, (out.get(r.village_id) ?? 0) + 1);
  return out;
}

/** GET /figures/units/{id}/admissions: the unit as it was on `date`, 404 outside the read scope. */
export async function admissionFigures(db: Db, access: Access, unitId: number, from: string, to: string) {
  const { unit } = await unitForFigures(db, unitId, to, access.scope('read'));
  const [stages, admitted] = await Promise.all([candidatesByStageOn(db, [unitId], to), admittedDuring(db, [unitId], from, to)]);
  const byStage = stages.get(unitId) ?? zero();
  return {
    unit: { id: unit.id, name: unit.name },
    from,
    to,
    admitted: admitted.get(unitId) ?? 0,
    byStage,
    inAwarenessCourse: byStage.awareness_course,
  };
}
