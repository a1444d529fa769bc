// `chibo rebuild-history`: recomputes the temporal organisation model (unit_ancestry)
// from unit_versions, the member facts the figures read (member_facts) from the
// placements, statuses and member records, and the per-subtree member counts
// (subtree_member_counts) from both, and the per-cell-month meeting sums (cell_month_facts)
// from the meeting facts, and the per-ancestor meeting sums (subtree_month_sums, cell_islands,
// cell_year_held, subtree_year_patterns, subtree_island_shapes) and the absences without
// reason one row each (unexcused_absences) from those, in one transaction, and says how many rows each kept table had wrong (0 when every restructuring and every write kept them, as they should).
import { sql } from 'kysely';
import type { CommandContext } from '../cli.ts';
import { t } from '../i18n/messages.ts';
import { rebuildUnitAncestry } from '../modules/org-history/keep-ancestry.ts';

/**
 * The per-ancestor meeting sums as rows to compare, read the same way before and after the
 * rebuild: the signed rows folded per key, the islands, the held years (a year with nothing
 * held is as no row), the cells per pattern and the islands per shape folded per key, the
 * absences without reason.
 */
const SUBTREE_MEETING_ROWS = sql`
  select 's' as t, ancestor_id as a, month as m, null::int as c, null::int as f, null::int as e,
    array[sum(held), sum(expected), sum(present), sum(tot), sum(kha), sum(trung_binh), sum(kem), sum(ungraded)]::int[] as v
  from subtree_month_sums group by ancestor_id, month having sum(held) <> 0 or sum(expected) <> 0
  union all select 'i', ancestor_id, null, cell_id, m_from, m_to, null from cell_islands
  union all select 'h', null, null, cell_id, year, null, array[held, t1, t2, t3, t4] from cell_year_held
    where held <> 0 or t1 <> 0 or t2 <> 0 or t3 <> 0 or t4 <> 0
  union all select 'p', ancestor_id, null, covered, year, held, array[t1, t2, t3, t4, sum(n)]::int[] from subtree_year_patterns
    group by ancestor_id, year, covered, held, t1, t2, t3, t4 having sum(n) <> 0
  union all select 'x', ancestor_id, null, null, m_from, m_to, array[sum(n)]::int[] from subtree_island_shapes
    group by ancestor_id, m_from, m_to having sum(n) <> 0
  union all select 'u', unit_id, held_on, meeting_id, member_id, null, null from unexcused_absences`;

export async function rebuildHistoryCommand(ctx: CommandContext) {
  const database = await ctx.open();
  try {
    console.log(t('vi', 'history.cli.rebuilding'));
    const started = Date.now();
    const { result, differences, memberDifferences, countDifferences, cellMonthDifferences, subtreeMeetingDifferences } = await database.db
      .transaction()
      .execute(async (trx) => {
        // The per-ancestor meeting sums as kept, before anything below (the ancestry rebuilt
        // first moves them through their triggers) — signed rows folded per key.
        await sql`create temporary table kept_subtree_meetings on commit drop as ${SUBTREE_MEETING_ROWS}`.execute(trx);
        await sql`create temporary table kept_ancestry on commit drop as select * from unit_ancestry`.execute(trx);
        const result = await rebuildUnitAncestry(trx);
        const diff = await sql<{ n: number }>`
        select count(*)::int as n from (
          (select * from kept_ancestry except all select * from unit_ancestry)
          union all
          (select * from unit_ancestry except all select * from kept_ancestry)) d`.execute(trx);
        const members = await sql<{ n: number }>`
        with kept as (select * from member_facts), fresh as (select * from compute_member_facts(array(select id from members)))
        select count(*)::int as n from ((select * from kept except all select * from fresh) union all (select * from fresh except all select * from kept)) d`.execute(
          trx,
        );
        if (members.rows[0]!.n > 0) {
          await sql`delete from member_facts`.execute(trx);
          await sql`insert into member_facts select * from compute_member_facts(array(select id from members))`.execute(trx);
        }
        // The per-subtree member counts (signed rows summed per key) against those recomputed
        // from the member facts and the ancestry just checked; rebuilt when they differ, and
        // folded into one row per key either way.
        const counts = await sql<{ n: number }>`
        with kept as (select ancestor_id, dim, key, sum(n)::int as n from subtree_member_counts group by 1, 2, 3 having sum(n) <> 0),
             fresh as (select * from compute_subtree_member_counts())
        select count(distinct (ancestor_id, dim, key))::int as n
          from ((select * from kept except all select * from fresh) union all (select * from fresh except all select * from kept)) d`.execute(trx);
        await sql`select rebuild_subtree_member_counts()`.execute(trx);
        // The per-cell-month meeting sums (rows whose counts all went back to 0 are as no row).
        await sql`create temporary table kept_cell_months on commit drop as select * from cell_month_facts where held <> 0 or regular_whole <> 0
        or regular_group <> 0 or thematic <> 0 or expected <> 0 or present <> 0 or tot <> 0 or kha <> 0 or trung_binh <> 0 or kem <> 0 or ungraded <> 0`.execute(
          trx,
        );
        await sql`select rebuild_cell_month_facts()`.execute(trx);
        const months = await sql<{ n: number }>`
        select count(*)::int as n from (
          (select * from kept_cell_months except all select * from cell_month_facts)
          union all
          (select * from cell_month_facts except all select * from kept_cell_months)) d`.execute(trx);
        // The per-ancestor meeting sums recomputed from the tables just checked.
        await sql`select rebuild_subtree_meeting_sums()`.execute(trx);
        await sql`select rebuild_unexcused_absences()`.execute(trx);
        const subtreeMeetings = await sql<{ n: number }>`
        with fresh as (${SUBTREE_MEETING_ROWS})
        select count(*)::int as n from (
          (select * from kept_subtree_meetings except all select * from fresh) union all (select * from fresh except all select * from kept_subtree_meetings)) d`.execute(
          trx,
        );
        return {
          result,
          differences: diff.rows[0]!.n,
          subtreeMeetingDifferences: subtreeMeetings.rows[0]!.n,
          memberDifferences: members.rows[0]!.n,
          countDifferences: counts.rows[0]!.n,
          cellMonthDifferences: months.rows[0]!.n,
        };
      });
    console.log(
      t('vi', 'history.cli.done', {
        units: result.units.toLocaleString('vi-VN'),
        rows: result.rows.toLocaleString('vi-VN'),
        seconds: ((Date.now() - started) / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 1 }),
      }),
    );
    console.log(t('vi', 'history.cli.differences', { n: differences.toLocaleString('vi-VN') }));
    console.log(t('vi', 'history.cli.memberFactsDifferences', { n: memberDifferences.toLocaleString('vi-VN') }));
    console.log(t('vi', 'history.cli.subtreeCountsDifferences', { n: countDifferences.toLocaleString('vi-VN') }));
    console.log(t('vi', 'history.cli.cellMonthDifferences', { n: cellMonthDifferences.toLocaleString('vi-VN') }));
    console.log(t('vi', 'history.cli.subtreeMeetingDifferences', { n: subtreeMeetingDifferences.toLocaleString('vi-VN') }));
  } finally {
    await database.close();
  }
}
