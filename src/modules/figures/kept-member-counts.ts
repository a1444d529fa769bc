// Member figures of big subtrees from the kept per-subtree counts (table
// subtree_member_counts, src/db/migrations/20261201T0610_perf_subtree_member_counts.sql):
// a few rows per unit instead of a scan of every member fact under it.
//
// Kept ("A"): open member facts (not leaving) under open ancestry rows. Wanted on D ("B"):
// facts in force on D under ancestry rows in force on D. Exactly
//   count(D) = |A| − |A \ B| + |B \ A|
// per dimension and key, where A \ B are the open rows of which one starts after D, and
// B \ A the rows in force on D of which one has an end — each read through a partial or
// range index, so their cost follows what changed since D, not the subtree's size.
import { type Expression, sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { AGE_BANDS, bandOf, PARTY_AGE_BANDS, UNKNOWN_KEY } from '../../domain/figure-bands.ts';
import type { MemberAggregate } from './member-figures.ts';

/** Kinds whose subtrees keep every dimension (as subtree_counts_all_dims in SQL). */
export const KEPT_ALL_DIMS_KINDS: readonly string[] = ['toan_dang', 'dang_bo_tinh', 'dang_bo_truc_thuoc_tw'];

export interface KeptCountRow {
  ancestor_id: number;
  dim: string;
  key: string;
  n: number;
}

/**
 * SQL: the member counts on `date` under `fullId` (every dimension; its current kind must
 * keep them all) and under each of `statusIds` (status only), as (ancestor, dim, key, n).
 */
export function keptMemberCountsSql(fullId: number | null, statusIds: readonly number[], date: string) {
  const ids = sql`${sql.val([...(fullId === null ? [] : [fullId]), ...statusIds])}::int[]`;
  const full = sql`${fullId ?? -1}::int`;
  const d = sql`${date}::date`;
  const on = sql`${Number(date.replaceAll('-', ''))}::int`;
  // The (dim, key) pairs of a fact f on ancestor row a: every dimension on fullId, status elsewhere.
  const keys = sql`cross join lateral member_count_keys(case when a.ancestor_id = ${full} then 'toan_dang' else '' end,
      f.status, f.sex, f.born_ymd, f.ethnicity, f.religion, f.education, f.theory_level, f.admitted_ymd) k`;
  return sql<KeptCountRow>`
    with kept as (
      select c.ancestor_id, c.dim, c.key, c.n from subtree_member_counts c
       where c.ancestor_id = any(${ids}) and (c.dim = 's' or c.ancestor_id = ${full})
    ),
    -- A \\ B: open fact under an open ancestry row, the ancestry row starting after D …
    late_ancestry as (
      select a.ancestor_id, k.dim, k.key, -1 as n
        from unit_ancestry a
        join member_facts f on f.unit_id = a.unit_id and f.valid_to is null and not member_leaving(f.status)
        ${keys}
       where a.ancestor_id = any(${ids}) and a.valid_to is null and a.valid_from > ${d}
    ),
    -- … or the fact starting after D (under an ancestry row that does not).
    late_fact as (
      select a.ancestor_id, k.dim, k.key, -1 as n
        from member_facts f
        join unit_ancestry a on a.unit_id = f.unit_id and a.ancestor_id = any(${ids}) and a.valid_to is null and a.valid_from <= ${d}
        ${keys}
       where f.valid_to is null and f.valid_from > ${d} and not member_leaving(f.status)
    ),
    -- B \\ A: in force on D, the fact having an end …
    ended_fact as (
      select a.ancestor_id, k.dim, k.key, 1 as n
        from member_facts f
        join unit_ancestry a on a.unit_id = f.unit_id and a.ancestor_id = any(${ids})
         and a.valid_from <= ${d} and (a.valid_to is null or a.valid_to > ${d})
        ${keys}
       where f.valid_to is not null and f.valid_to > ${d} and f.valid_from <= ${d} and not member_leaving(f.status)
    ),
    -- … or the fact open and the ancestry row having an end.
    ended_ancestry as (
      select a.ancestor_id, k.dim, k.key, 1 as n
        from unit_ancestry a
        join member_facts f on f.unit_id = a.unit_id and f.valid_to is null and f.valid_from <= ${d} and not member_leaving(f.status)
        ${keys}
       where a.ancestor_id = any(${ids}) and a.valid_to is not null and a.valid_to > ${d} and a.valid_from <= ${d}
    )
    -- Dates of birth and admission (a row per day: ~36,000 under a province) summed into
    -- whole years on D, as wholeYears() counts them (integer arithmetic on YYYYMMDD, as
    -- memberFiguresSql): a few hundred rows leave instead; the bands are the domain's.
    select ancestor_id, dim, case dim
        when 'b' then split_part(key, ':', 1) || ':' || ((${on} - split_part(key, ':', 2)::int) / 10000)::text
        when 'a' then case when key = '' then '' when key::int > ${on} then '' else ((${on} - key::int) / 10000)::text end
        else key end as key,
      sum(n)::int as n
    from (
      select * from kept union all select * from late_ancestry union all select * from late_fact
      union all select * from ended_fact union all select * from ended_ancestry) x
    where dim = 's' or ancestor_id = ${full}
    group by 1, 2, 3 having sum(n) <> 0`;
}

/**
 * SQL: whether the unit's current kind (its open depth-0 ancestry row) keeps every
 * dimension — a column of the figures' first read (unitForFigures), so choosing between
 * the kept counts and the scan costs no round trip of its own.
 */
export function keepsAllDimsSql(unitId: Expression<number>) {
  return sql<boolean>`coalesce((select bool_and(k.ancestor_kind = any(${sql.val([...KEPT_ALL_DIMS_KINDS])}::text[])) from unit_ancestry k
     where k.unit_id = ${unitId} and k.ancestor_id = ${unitId} and k.valid_to is null), false)`;
}

/** SQL: the members the kept counts hold under the unit today (its status rows summed). */
export function keptMembersSql(unitId: Expression<number>) {
  return sql<number>`(select coalesce(sum(c.n), 0)::int from subtree_member_counts c where c.ancestor_id = ${unitId} and c.dim = 's')`;
}

/** Whether the unit's current kind keeps every dimension. */
export async function keepsAllDims(db: Db, unitId: number): Promise<boolean> {
  const { rows } = await sql<{ keeps: boolean }>`select ${keepsAllDimsSql(sql.val(unitId))} as keeps`.execute(db);
  return rows[0]?.keeps === true;
}

const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);

/**
 * The member aggregate of `rootId` on `date` (as memberAggregate in member-figures.ts) from
 * the kept counts; perUnit holds each direct child's subtree total and, on the root, its
 * own members (total minus the children's), which is all the dashboard sums.
 */
export async function keptMemberAggregate(db: Db, rootId: number, date: string): Promise<MemberAggregate> {
  const children = await sql<{ unit_id: number }>`
    select unit_id from unit_ancestry a where a.ancestor_id = ${rootId}::int and a.depth = 1
       and a.valid_from <= ${date}::date and (a.valid_to is null or a.valid_to > ${date}::date)`.execute(db);
  const childIds = children.rows.map((r) => r.unit_id);
  const { rows } = await keptMemberCountsSql(rootId, childIds, date).execute(db);
  const out: MemberAggregate = {
    perUnit: new Map(),
    byStatus: new Map(),
    byAgeBandAndSex: new Map(),
    byEthnicity: new Map(),
    byReligion: new Map(),
    byEducation: new Map(),
    byTheoryLevel: new Map(),
    byPartyAge: new Map(),
  };
  const single: Record<string, Map<string, number>> = { e: out.byEthnicity, r: out.byReligion, d: out.byEducation, t: out.byTheoryLevel };
  let total = 0;
  let inChildren = 0;
  for (const r of rows) {
    if (r.ancestor_id !== rootId) {
      out.perUnit.set(r.ancestor_id, (out.perUnit.get(r.ancestor_id) ?? 0) + r.n);
      inChildren += r.n;
      continue;
    }
    if (r.dim === 's') {
      add(out.byStatus, r.key, r.n);
      total += r.n;
    } else if (r.dim === 'b') {
      const [sex, years] = r.key.split(':');
      const band = bandOf(Number(years), AGE_BANDS);
      const e = out.byAgeBandAndSex.get(band) ?? { nam: 0, nu: 0 };
      e[sex as 'nam' | 'nu'] += r.n;
      out.byAgeBandAndSex.set(band, e);
    } else if (r.dim === 'a') {
      add(out.byPartyAge, r.key === '' ? UNKNOWN_KEY : bandOf(Number(r.key), PARTY_AGE_BANDS), r.n);
    } else {
      const map = single[r.dim];
      if (map) add(map, r.key, r.n);
    }
  }
  out.perUnit.set(rootId, total - inChildren);
  for (const [, map] of [['', out.byStatus], ...Object.entries(single)] as const) for (const [k, n] of map) if (n === 0) map.delete(k);
  return out;
}

/**
 * Members (not counting those who left) in each unit's subtree on `date`, from the kept
 * counts: the same numbers as subtreeMemberCounts in units/tree-at-date.ts without a scope
 * (the caller checks that its scope holds every unit).
 */
export async function keptSubtreeTotals(db: Db, unitIds: readonly number[], date: string): Promise<Map<number, number>> {
  if (unitIds.length === 0) return new Map();
  const { rows } = await keptMemberCountsSql(null, unitIds, date).execute(db);
  const out = new Map<number, number>();
  for (const r of rows) out.set(r.ancestor_id, (out.get(r.ancestor_id) ?? 0) + r.n);
  return out;
}

/**
 * Folds the signed rows of every unit that has more rows than keys into one row per key
 * (the nightly job, notifications/job-runner.ts): the member counts per subtree, the
 * meeting sums per ancestor and month, and the cells per ancestor, year and pattern. Reads then sum a unit's keys, not every write since.
 * Rows inserted meanwhile by other transactions are left as they are. Returns the units folded.
 */
export async function compactKeptCounts(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with loose as (select ancestor_id from subtree_member_counts group by ancestor_id having count(*) > count(distinct (dim, key))),
    loose_sums as (select ancestor_id from subtree_month_sums group by ancestor_id having count(*) > count(distinct month)),
    loose_patterns as (
      select ancestor_id from subtree_year_patterns group by ancestor_id having count(*) > count(distinct (year, covered, held, t1, t2, t3, t4))
      union select ancestor_id from subtree_island_shapes group by ancestor_id having count(*) > count(distinct (m_from, m_to))),
    folded as (
      select compact_subtree_member_counts(array(select ancestor_id from loose)) as a,
        compact_subtree_month_sums(array(select ancestor_id from loose_sums)) as b,
        compact_subtree_year_patterns(array(select ancestor_id from loose_patterns)) as c)
    select (select count(*)::int from loose) + (select count(*)::int from loose_sums) + (select count(*)::int from loose_patterns) as n from folded`.execute(
    db,
  );
  return rows[0]?.n ?? 0;
}
