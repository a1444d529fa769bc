// Dues figures of a unit for a month (GET /figures/units/{id}/dues?month=): đồng collected of
// đồng due, members who paid of members who owed, members in arrears over the 12 months
// ending with the month — for the unit and each unit directly under it, from the tree as it
// stood on the month's last day. Amounts come from the dues module's one reader
// (dues/dues-ledger.ts), so the figures and the cell's sheet cannot disagree.
import { sql } from 'kysely';
import type { Db, UnitKind } from '../../db/types.ts';
import { addMonths, lastDayOfMonth } from '../../domain/calendar.ts';
import type { Access } from '../access/access.ts';
import { arrearOf, duesLedger, type MemberMonth, owedSomething, paidSomething } from '../dues/dues-ledger.ts';
import { monthStart } from '../dues/months.ts';
import { membersUnderOn, unitForFigures } from './history.ts';
import type { DuesFiguresOut } from './schemas.ts';

function headline(ledgers: MemberMonth[][], month: string, lastMonthOver: string) {
  let due = 0;
  let towards = 0;
  let extra = 0;
  let owing = 0;
  let paid = 0;
  let inArrears = 0;
  let unknownDue = 0;
  for (const months of ledgers) {
    const now = months.find((m) => m.month === month);
    if (now) {
      const amount = now.payment?.amount ?? 0;
      if (now.dues) {
        due += now.dues.due;
        towards += Math.min(amount, now.dues.due);
        extra += Math.max(0, amount - now.dues.due);
      } else unknownDue += 1;
      if (owedSomething(now)) owing += 1;
      if (owedSomething(now) && paidSomething(now)) paid += 1;
    }
    // In arrears for a month once it is over: the running month is not owed late yet.
    if (months.some((m) => m.month <= lastMonthOver && arrearOf(m) !== 0)) inArrears += 1;
  }
  return {
    collection: { n: towards, of: due },
    extra,
    paidMembers: { n: paid, of: owing },
    inArrears: { n: inArrears, of: ledgers.length },
    unknownDue,
  };
}

export async function duesFigures(db: Db, access: Access, unitId: number, month: string, lastMonthOver: string): Promise<DuesFiguresOut> {
  const end = lastDayOfMonth(month);
  const [{ unit, whole }, members] = await Promise.all([
    unitForFigures(db, unitId, end, access.scope('read')),
    sql<{ member_id: number; child_id: number | null; child_name: string | null; child_kind: UnitKind | null }>`
      select mu.member_id, c.ancestor_id as child_id, cv.name as child_name, c.ancestor_kind as child_kind
        from (${membersUnderOn([unitId], end)}) mu
        left join unit_ancestry d on d.unit_id = mu.unit_id and d.ancestor_id = ${unitId}::int
         and d.valid_from <= ${end}::date and (d.valid_to is null or d.valid_to > ${end}::date)
        left join unit_ancestry c on c.unit_id = mu.unit_id and c.depth = d.depth - 1 and d.depth > 0
         and c.valid_from <= ${end}::date and (c.valid_to is null or c.valid_to > ${end}::date)
        left join unit_versions cv on cv.unit_id = c.ancestor_id and cv.valid_from <= ${end}::date and (cv.valid_to is null or cv.valid_to > ${end}::date)`.execute(
      db,
    ),
  ]);
  const ledger = await duesLedger(
    db,
    members.rows.map((m) => m.member_id),
    addMonths(monthStart(month), -11).slice(0, 7),
    month,
  );
  const all = [...ledger.values()];
  const children = new Map<number, { name: string; kind: UnitKind; ledgers: MemberMonth[][] }>();
  if (whole) {
    for (const m of members.rows) {
      if (m.child_id === null) continue;
      const c = children.get(m.child_id) ?? { name: m.child_name ?? '', kind: m.child_kind!, ledgers: [] };
      c.ledgers.push(ledger.get(m.member_id) ?? []);
      children.set(m.child_id, c);
    }
  }
  return {
    unit,
    month,
    ...headline(all, month, lastMonthOver),
    subUnits: [...children]
      .map(([id, c]) => ({ id, name: c.name, kind: c.kind, ...headline(c.ledgers, month, lastMonthOver) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
  };
}
