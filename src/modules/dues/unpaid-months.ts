// For the life-events lane (striking off after dues unpaid 3 months within a year, RULES §3):
// the months each member owed dues and paid nothing. Exempt months (nothing due) are not
// unpaid; a month whose amount cannot be computed (no salary recorded) but was owed counts
// as unpaid when nothing was paid.
import type { Db } from '../../db/types.ts';
import { duesLedger, owedSomething, paidSomething } from './dues-ledger.ts';

/**
 * Months 'YYYY-MM' from `from` to `to` (each 'YYYY-MM' or a date 'YYYY-MM-DD', its month
 * taken) in which the member owed dues and paid nothing, oldest first. Every id asked for
 * is in the map (an empty list when none).
 */
export async function unpaidMonthsByMember(db: Db, memberIds: readonly number[], from: string, to: string): Promise<Map<number, string[]>> {
  const ledger = await duesLedger(db, memberIds, from.slice(0, 7), to.slice(0, 7));
  const out = new Map<number, string[]>();
  for (const [id, months] of ledger)
    out.set(
      id,
      months.filter((m) => owedSomething(m) && !paidSomething(m)).map((m) => m.month),
    );
  return out;
}
