// `chibo rebuild-history`: recomputes the temporal organisation model (unit_ancestry)
// from unit_versions in one transaction and says how many rows the kept table had wrong
// (0 when every restructuring kept it, as they should).
import { sql } from 'kysely';
import type { CommandContext } from '../cli.ts';
import { t } from '../i18n/messages.ts';
import { rebuildUnitAncestry } from '../modules/org-history/keep-ancestry.ts';

export async function rebuildHistoryCommand(ctx: CommandContext) {
  const database = await ctx.open();
  try {
    console.log(t('vi', 'history.cli.rebuilding'));
    const started = Date.now();
    const { result, differences } = await database.db.transaction().execute(async (trx) => {
      await sql`create temporary table kept_ancestry on commit drop as select * from unit_ancestry`.execute(trx);
      const result = await rebuildUnitAncestry(trx);
      const diff = await sql<{ n: number }>`
        select count(*)::int as n from (
          (select * from kept_ancestry except all select * from unit_ancestry)
          union all
          (select * from unit_ancestry except all select * from kept_ancestry)) d`.execute(trx);
      return { result, differences: diff.rows[0]!.n };
    });
    console.log(t('vi', 'history.cli.done', {
      units: result.units.toLocaleString('vi-VN'), rows: result.rows.toLocaleString('vi-VN'),
      seconds: ((Date.now() - started) / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 1 }),
    }));
    console.log(t('vi', 'history.cli.differences', { n: differences.toLocaleString('vi-VN') }));
  } finally {
    await database.close();
  }
}
