// For the life-events lane (striking off after dues unpaid 3 months within a year, RULES §3):
// the months each member owed dues and paid nothing. Exempt months (nothing due) are not
// unpaid; a month whose amount cannot be computed (no salary recorded) but was owed counts
// as unpaid when nothing was paid. Only months whose collection the cell has recorded in chibo
// count (at least one payment that month): a cell that keeps its dues on paper is never read
// as a cell where nobody paid.
import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { duesLedger, owedSomething, paidSomething } from './dues-ledger.ts';

/**
 * Months 'YYYY-MM' from `from` to `to` (each 'YYYY-MM' or a date 'YYYY-MM-DD', its month
 * taken) in which the member owed dues and paid nothing, oldest first. Every id asked for
 * is in the map (an empty list when none).
 */
export async function unpaidMonthsByMember(db: Db, memberIds: readonly number[], from: string, to: string): Promise<Map<number, string[]>> {
  const ledger = await duesLedger(db, memberIds, from.slice(0, 7), to.slice(0, 7));
  const units = [...new Set([...ledger.values()].flatMap((months) => months.map((m) => m.unitId)))];
  const recorded = new Set<string>();
  if (units.length > 0) {
    const { rows } = await sql<{ unit_id: number; month: string }>`
      select distinct unit_id, to_char(month, 'YYYY-MM') as month from dues_payments
       where replaced_by is null and unit_id = any(${sql.val(units)}::int[])
         and month between ${`${from.slice(0, 7)}-01`}::date and ${`${to.slice(0, 7)}-01`}::date`.execute(db);
    for (const r of rows) recorded.add(`${r.unit_id}/${r.month}`);
  }
  const out = new Map<number, string[]>();
  for (const [id, months] of ledger)
    out.set(
      id,
      months.filter((m) => recorded.has(`${m.unitId}/${m.month}`) && owedSomething(m) && !paidSomething(m)).map((m) => m.month),
    );
  return out;
}
