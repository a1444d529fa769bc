import type { Db } from '../../db/types.ts';
import { duesLedger, inRecordedSpan, owedMonths, recordedSpans, unpaidMonth } from './dues-ledger.ts';

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
  // computed only for members who owed in a month their cell kept in chibo (none where dues stay on paper).
  const owed = await owedMonths(db, memberIds, first, last);
  const spans = await recordedSpans(
    db,
    owed.map((o) => o.unit_id),
  );
  const toCompute = new Set(owed.filter((o) => inRecordedSpan(spans, o.unit_id, o.month)).map((o) => o.member_id));
  const ledger = await duesLedger(db, [...toCompute], first, last, { owed: owed.filter((o) => toCompute.has(o.member_id)), spans });
  for (const [id, months] of ledger)
    out.set(
      id,
      months.filter(unpaidMonth).map((m) => m.month),
    );
  return out;
}
