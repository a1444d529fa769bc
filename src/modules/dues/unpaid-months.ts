// For the life-events lane (striking off after dues unpaid 3 months within a year, RULES §3):
// the months each member owed dues and paid nothing. Exempt months (nothing due) are not
// unpaid; a month whose amount cannot be computed (no salary recorded) but was owed counts
// as unpaid when nothing was paid. Only months whose collection the cell has recorded in chibo
// count (at least one payment that month): a cell that keeps its dues on paper is never read
// as a cell where nobody paid.
import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { duesLedger, owedMonths, owedSomething, paidSomething } from './dues-ledger.ts';

/**
 * Months 'YYYY-MM' from `from` to `to` (each 'YYYY-MM' or a date 'YYYY-MM-DD', its month
 * taken) in which the member owed dues and paid nothing, oldest first. Every id asked for
 * is in the map (an empty list when none).
 */
export async function unpaidMonthsByMember(db: Db, memberIds: readonly number[], from: string, to: string): Promise<Map<number, string[]>> {
  const [first, last] = [from.slice(0, 7), to.slice(0, 7)];
  const out = new Map<number, string[]>(memberIds.map((id) => [id, []]));
  if (memberIds.length === 0 || first > last) return out;
  // Which months each member owed, and in which cell, is cheap; the amounts are not. They are
  // computed only for members who owed in a month their cell recorded (none where dues stay on paper).
  const owed = await owedMonths(db, memberIds, first, last);
  const units = [...new Set(owed.map((o) => o.unit_id))];
  const recorded = new Set<string>();
  if (units.length > 0) {
    const { rows } = await sql<{ unit_id: number; month: string }>`
      select distinct unit_id, to_char(month, 'YYYY-MM') as month from dues_payments
       where replaced_by is null and unit_id = any(${sql.val(units)}::int[])
         and month between ${`${first}-01`}::date and ${`${last}-01`}::date`.execute(db);
    for (const r of rows) recorded.add(`${r.unit_id}/${r.month}`);
  }
  const toCompute = new Set(owed.filter((o) => recorded.has(`${o.unit_id}/${o.month}`)).map((o) => o.member_id));
  const ledger = await duesLedger(
    db,
    [...toCompute],
    first,
    last,
    owed.filter((o) => toCompute.has(o.member_id)),
  );
  for (const [id, months] of ledger)
    out.set(
      id,
      months.filter((m) => recorded.has(`${m.unitId}/${m.month}`) && owedSomething(m) && !paidSomething(m)).map((m) => m.month),
    );
  return out;
}
