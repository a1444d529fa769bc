// Reading a cell's time under a unit from the kept per-cell-month rows (cell_month_facts,
// src/db/migrations/20261201T1400_figures_cell_month_facts.sql): the whole months of a
// stretch read one kept row each, the days before and after them (a stretch starting or
// ending mid-month) read the meeting facts of those days. Shared by the dashboard's
// meeting sums (period-meeting-sums.ts) and the compliance report's cells (cell-facts.ts).
import { sql } from 'kysely';

/** The whole months [wf, wt) of a stretch [vf, vt) (columns named `vf`, `vt`), as two columns. */
export const wholeMonths = (vf: string, vt: string) =>
  sql`(case when date_part('day', ${sql.ref(vf)}) = 1 then ${sql.ref(vf)} else (date_trunc('month', ${sql.ref(vf)}) + interval '1 month')::date end) as wf,
        date_trunc('month', ${sql.ref(vt)})::date as wt`;

/** The sums of a set of rows with the kept rows' count columns. */
export const KEPT_SUMS = sql`sum(held)::int as held, sum(expected)::int as expected, sum(present)::int as present, sum(tot)::int as tot,
      sum(kha)::int as kha, sum(trung_binh)::int as trung_binh, sum(kem)::int as kem, sum(ungraded)::int as ungraded`;

/** Whether a kept row's month counts as held: the whole cell met, or every party group (cellMonthHeld). */
export const monthHeld = (k: string) =>
  sql`(${sql.ref(`${k}.regular_whole`)} > 0 or (${sql.ref(`${k}.regular_group`)} > 0 and cell_month_held_by_groups(${sql.ref(`${k}.unit_id`)}, ${sql.ref(`${k}.month`)})))`;

/**
 * The days of a stretch outside its whole months, as rows p(lo, hi) joined to `s` (a
 * relation with vf, vt, wf, wt): the join, and the condition to put in its WHERE.
 */
export function daysOutsideWholeMonths(s: string) {
  const c = (column: string) => sql.ref(`${s}.${column}`);
  return {
    join: sql`cross join lateral (values (${c('vf')}, least(${c('wf')}, ${c('vt')})), (greatest(${c('wt')}, ${c('wf')}), ${c('vt')})) p(lo, hi)`,
    where: sql`(${c('vf')} < ${c('wf')} or ${c('wt')} < ${c('vt')}) and p.lo < p.hi`,
  };
}
