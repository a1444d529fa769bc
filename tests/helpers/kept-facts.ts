// Every read model kept by triggers (meeting and member facts, per-subtree member counts,
// per-cell-month and per-ancestor meeting sums, islands, patterns, absences) against the
// same recomputed from the base tables: what the figures read must be what history says.
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Db } from '../../src/db/types.ts';

export async function expectFactsKept(db: Db) {
  const kept = await sql<Record<string, unknown>>`select * from meeting_facts order by meeting_id`.execute(db);
  const recomputed = await sql<Record<string, unknown>>`select * from compute_meeting_facts(array(select id from meetings)) order by meeting_id`.execute(db);
  expect(kept.rows.length).toBeGreaterThan(200);
  expect(kept.rows).toEqual(recomputed.rows);
  // The member facts the member figures read, kept by triggers through every write above.
  const keptMembers = await sql<Record<string, unknown>>`select * from member_facts order by placement_id, status_id, valid_from`.execute(db);
  const recomputedMembers = await sql<Record<string, unknown>>`
    select * from compute_member_facts(array(select id from members)) order by placement_id, status_id, valid_from`.execute(db);
  expect(keptMembers.rows.length).toBeGreaterThan(50);
  expect(keptMembers.rows).toEqual(recomputedMembers.rows);
  // The per-subtree member counts (signed rows, summed), kept by triggers on member_facts and unit_ancestry.
  const keptCounts = await sql<Record<string, unknown>>`
    select ancestor_id, dim, key, sum(n)::int as n from subtree_member_counts group by 1, 2, 3 having sum(n) <> 0 order by 1, 2, 3`.execute(db);
  const recomputedCounts = await sql<Record<string, unknown>>`select * from compute_subtree_member_counts() order by 1, 2, 3`.execute(db);
  expect(recomputedCounts.rows.length).toBeGreaterThan(50);
  expect(keptCounts.rows).toEqual(recomputedCounts.rows);
  // The per-cell-month meeting sums, kept by signed deltas on meeting_facts (a row back to all 0 is as no row).
  const keptMonths = await sql<Record<string, unknown>>`
    select * from cell_month_facts where held <> 0 or expected <> 0 or present <> 0 or regular_whole <> 0 or regular_group <> 0 or thematic <> 0
      or tot <> 0 or kha <> 0 or trung_binh <> 0 or kem <> 0 or ungraded <> 0 order by 1, 2`.execute(db);
  const recomputedMonths = await sql<Record<string, unknown>>`
    select unit_id, date_trunc('month', held_on)::date as month,
      count(*) filter (where kind = 'regular' and party_group_id is null)::int as regular_whole,
      count(*) filter (where kind = 'regular' and party_group_id is not null)::int as regular_group,
      count(*) filter (where kind = 'thematic')::int as thematic, count(*)::int as held, sum(expected)::int as expected,
      sum(present)::int as present, count(*) filter (where grade = 'tot')::int as tot, count(*) filter (where grade = 'kha')::int as kha,
      count(*) filter (where grade = 'trung_binh')::int as trung_binh, count(*) filter (where grade = 'kem')::int as kem,
      count(*) filter (where grade is null)::int as ungraded
    from meeting_facts where recorded and attendance_taken and kind in ('regular', 'thematic', 'extraordinary')
    group by 1, 2 order by 1, 2`.execute(db);
  expect(recomputedMonths.rows.length).toBeGreaterThan(50);
  expect(keptMonths.rows).toEqual(recomputedMonths.rows);
  // The per-ancestor monthly sums (signed rows, summed), against every counted fact put on
  // each ancestor its cell sat under, as a cell, on the meeting's day.
  const keptSums = await sql<Record<string, unknown>>`
    select ancestor_id, month, sum(held)::int as held, sum(expected)::int as expected, sum(present)::int as present, sum(tot)::int as tot,
      sum(kha)::int as kha, sum(trung_binh)::int as trung_binh, sum(kem)::int as kem, sum(ungraded)::int as ungraded
    from subtree_month_sums group by 1, 2 having sum(held) <> 0 or sum(expected) <> 0 order by 1, 2`.execute(db);
  const recomputedSums = await sql<Record<string, unknown>>`
    select a.ancestor_id, date_trunc('month', f.held_on)::date as month, count(*)::int as held, sum(f.expected)::int as expected,
      sum(f.present)::int as present, count(*) filter (where f.grade = 'tot')::int as tot, count(*) filter (where f.grade = 'kha')::int as kha,
      count(*) filter (where f.grade = 'trung_binh')::int as trung_binh, count(*) filter (where f.grade = 'kem')::int as kem,
      count(*) filter (where f.grade is null)::int as ungraded
    from meeting_facts f
    join unit_ancestry a on a.unit_id = f.unit_id and a.valid_from <= f.held_on and (a.valid_to is null or a.valid_to > f.held_on)
    where a.unit_kind in ('chi_bo', 'chi_bo_co_so') and f.recorded and f.attendance_taken and f.kind in ('regular', 'thematic', 'extraordinary')
    group by 1, 2 order by 1, 2`.execute(db);
  expect(recomputedSums.rows.length).toBeGreaterThan(50);
  expect(keptSums.rows).toEqual(recomputedSums.rows);
  // Each cell's whole months under each ancestor, and the months it held, per year.
  const keptIslands = await sql`select * from cell_islands order by 1, 2, 3`.execute(db);
  const recomputedIslands = await sql`select * from compute_cell_islands(null) order by 1, 2, 3`.execute(db);
  expect(recomputedIslands.rows.length).toBeGreaterThan(20);
  expect(keptIslands.rows).toEqual(recomputedIslands.rows);
  const keptHeld = await sql`select * from cell_year_held where held <> 0 or t1 <> 0 or t2 <> 0 or t3 <> 0 or t4 <> 0 order by 1, 2`.execute(db);
  const recomputedHeld = await sql`select * from compute_cell_year_held(null) order by 1, 2`.execute(db);
  expect(recomputedHeld.rows.length).toBeGreaterThan(5);
  expect(keptHeld.rows).toEqual(recomputedHeld.rows);
  // The cells per ancestor, year and pattern (signed rows, summed), against each cell's held
  // year put on every ancestor it sat under in that year with its whole months there, month
  // by month; and the islands per shape.
  const keptPatterns = await sql`
    select ancestor_id, year, covered, held, t1, t2, t3, t4, sum(n)::int as n from subtree_year_patterns
    group by 1, 2, 3, 4, 5, 6, 7, 8 having sum(n) <> 0 order by 1, 2, 3, 4, 5, 6, 7, 8`.execute(db);
  const recomputedPatterns = await sql`
    with covered as (
      select i.ancestor_id, i.cell_id, h.year, sum(distinct 1 << (m - h.year * 12))::int as covered, h.held, h.t1, h.t2, h.t3, h.t4
      from compute_cell_year_held(null) h
      join compute_cell_islands(null) i on i.cell_id = h.cell_id
      cross join generate_series(h.year * 12, h.year * 12 + 11) m
      where m >= i.m_from and (i.m_to is null or m < i.m_to)
      group by i.ancestor_id, i.cell_id, h.year, h.held, h.t1, h.t2, h.t3, h.t4)
    select ancestor_id, year, covered, held & covered as held, t1, t2, t3, t4, count(*)::int as n from covered
    group by 1, 2, 3, 4, 5, 6, 7, 8 order by 1, 2, 3, 4, 5, 6, 7, 8`.execute(db);
  expect(recomputedPatterns.rows.length).toBeGreaterThan(5);
  expect(keptPatterns.rows).toEqual(recomputedPatterns.rows);
  const keptShapes = await sql`select ancestor_id, m_from, m_to, sum(n)::int as n from subtree_island_shapes
    group by 1, 2, 3 having sum(n) <> 0 order by 1, 2, 3`.execute(db);
  const recomputedShapes = await sql`select ancestor_id, m_from, m_to, count(*)::int as n from compute_cell_islands(null)
    group by 1, 2, 3 order by 1, 2, 3`.execute(db);
  expect(keptShapes.rows).toEqual(recomputedShapes.rows);
  // The absences without reason, one row each, against the held meetings' member lists.
  const keptAbsences = await sql`select * from unexcused_absences order by 1, 2`.execute(db);
  const recomputedAbsences = await sql`select f.meeting_id, a.member_id, f.unit_id, f.held_on
    from meeting_facts f cross join unnest(f.unexcused_member_ids) a(member_id) where f.recorded and f.attendance_taken order by 1, 2`.execute(db);
  expect(recomputedAbsences.rows.length).toBeGreaterThan(5);
  expect(keptAbsences.rows).toEqual(recomputedAbsences.rows);
}
