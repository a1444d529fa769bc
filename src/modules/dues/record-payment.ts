// The cell records what members paid for a month (cash, or the reference of an online
// payment): one member (PUT /dues/members/{id}/months/{m}) or the whole cell's month at once
// (PUT /dues/units/{id}/months/{m}/payments, one transaction: all saved or none). A correction
// adds a row and marks the one it replaces, so every amount ever recorded stays; each is
// audited. Paying more than due is a voluntary extra; 0 withdraws a payment recorded by
// mistake (the month is unpaid again, the mistake kept).
import { type Kysely, sql } from 'kysely';
import type { DB, Db } from '../../db/types.ts';
import { addMonths, formatDateVi, formatMonthVi } from '../../domain/calendar.ts';
import { vnDate } from '../../domain/meeting-time.ts';
import { badRequest, conflict, forbidden, notFound } from '../../http/app-error.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { clock } from '../meetings/clock.ts';
import { memberReadable } from '../members/member-access.ts';
import { readableUnit } from './dues-access.ts';
import { duesLedger } from './dues-ledger.ts';
import { duesRuleSetOf, membersOfMonth } from './dues-reads.ts';
import { monthStart, monthsSpan } from './months.ts';
import type { PaymentInput } from './schemas.ts';

/** How far ahead of its month a payment may be made, and how much above the amount due one may be. */
const MAX_MONTHS_PAID_AHEAD = 12;
const MAX_PLAUSIBLE_MULTIPLE = 10;
const PLAUSIBLE_WHATEVER_DUE = 1_000_000;

export interface PaymentItem extends PaymentInput {
  memberId: number;
}

/** Where item `index`'s `field` sits in the request body, for a field error. */
type PaymentFieldPath = (index: number, field: keyof PaymentInput) => string;

/** Records each payment of `month` in the caller's transaction: 404 / 403 / 409 / 400 before anything is written. */
async function applyPayments(trx: Db, access: Access, month: string, items: readonly PaymentItem[], fieldPath: PaymentFieldPath): Promise<void> {
  const ids = [...new Set(items.map((i) => i.memberId))];
  if (ids.length !== items.length) throw badRequest('dues.member_twice');
  const members = await trx
    .selectFrom('members as m')
    .select(['m.id', 'm.full_name', 'm.unit_id'])
    .where('m.id', 'in', ids)
    .where((eb) => memberReadable(access, eb))
    .orderBy('m.id')
    .forUpdate()
    .execute();
  if (members.length !== ids.length) throw notFound('entities.member');
  const nameOf = new Map(members.map((m) => [m.id, m.full_name]));
  const ledger = await duesLedger(trx, ids, month, month);
  // The cell that collects is each member's cell that month (today's for a month they were not a member).
  const unitOf = new Map(members.map((m) => [m.id, ledger.get(m.id)?.[0]?.unitId ?? m.unit_id]));
  const writable = await trx
    .selectFrom('units as u')
    .select('u.id')
    .where('u.id', 'in', [...new Set(unitOf.values())])
    .where((eb) => unitInScope(access.scope('write_members'), eb.ref('u.id')))
    .execute();
  if (writable.length !== new Set(unitOf.values()).size) throw forbidden();
  const missing = ids.find((id) => !ledger.get(id)?.length);
  if (missing !== undefined) {
    // A month before any dues rule is refused as such (duesRuleSetOf throws no_rule_set), not as a month without the member.
    await duesRuleSetOf(trx, unitOf.get(missing)!, month, 'vi');
    throw conflict('dues.not_member_in_month', { name: nameOf.get(missing)!, month: formatMonthVi(month) });
  }
  const today = vnDate(clock.now());
  const future = items.findIndex((i) => i.paidOn > today);
  if (future >= 0)
    throw badRequest('dues.paid_in_future', { date: formatDateVi(items[future]!.paidOn) }, [
      { path: fieldPath(future, 'paidOn'), message: 'dues.paid_in_future_field' },
    ]);
  // Paid ahead by at most a year: a date years before the month is a typing slip.
  const earliest = addMonths(monthStart(month), -MAX_MONTHS_PAID_AHEAD);
  const early = items.findIndex((i) => i.paidOn < earliest);
  if (early >= 0)
    throw badRequest('dues.paid_too_early', { date: formatDateVi(items[early]!.paidOn), month: formatMonthVi(month), months: MAX_MONTHS_PAID_AHEAD }, [
      { path: fieldPath(early, 'paidOn'), message: 'dues.paid_too_early_field' },
    ]);
  // A voluntary extra is welcome; ten times the amount due (and over 1,000,000 đ) is a slip of a zero or three.
  const dueOf = (memberId: number) => ledger.get(memberId)![0]!.dues?.due ?? 0;
  const implausibleAt = items.findIndex((i) => i.amount > Math.max(MAX_PLAUSIBLE_MULTIPLE * dueOf(i.memberId), PLAUSIBLE_WHATEVER_DUE));
  if (implausibleAt >= 0) {
    const implausible = items[implausibleAt]!;
    throw badRequest(
      'dues.amount_implausible',
      {
        name: nameOf.get(implausible.memberId)!,
        amount: implausible.amount.toLocaleString('vi-VN'),
        due: dueOf(implausible.memberId).toLocaleString('vi-VN'),
      },
      [{ path: fieldPath(implausibleAt, 'amount'), message: 'dues.amount_implausible_field' }],
    );
  }

  const before = new Map(
    (
      await trx
        .selectFrom('dues_payments')
        .select(['id', 'member_id', 'amount', 'method', 'reference', 'paid_on'])
        .where('member_id', 'in', ids)
        .where('month', '=', monthStart(month))
        .where('replaced_by', 'is', null)
        .forUpdate()
        .execute()
    ).map((p) => [p.member_id, p]),
  );
  for (const input of items) {
    const entry = ledger.get(input.memberId)![0]!;
    const old = before.get(input.memberId);
    const reference = input.method === 'online' ? (input.reference ?? null) : null;
    if (old && old.amount === input.amount && old.method === input.method && old.reference === reference && old.paid_on === input.paidOn) continue;
    if (!old && input.amount === 0) continue;
    // The replaced row is marked first (the foreign key waits for the commit), so the unique
    // index of the rows in force never holds two for the month.
    const { rows } = await sql<{ id: number }>`select nextval('dues_payments_id_seq')::int as id`.execute(trx);
    const id = rows[0]!.id;
    if (old) await trx.updateTable('dues_payments').set({ replaced_by: id }).where('id', '=', old.id).execute();
    await trx
      .insertInto('dues_payments')
      .values({
        id,
        member_id: input.memberId,
        month: monthStart(month),
        unit_id: entry.unitId,
        due: entry.dues?.due ?? 0,
        amount: input.amount,
        method: input.method,
        reference,
        paid_on: input.paidOn,
        rule_set_code: entry.ruleSet.code,
        recorded_by: access.userId,
      })
      .execute();
    await writeAudit(trx, access.userId, {
      action: old ? 'dues.payment.correct' : 'dues.payment.record',
      entityType: 'member',
      entityId: input.memberId,
      unitId: entry.unitId,
      before: old ? { month, amount: old.amount, method: old.method, reference: old.reference, paidOn: old.paid_on } : undefined,
      after: { month, amount: input.amount, method: input.method, reference, paidOn: input.paidOn, due: entry.dues?.due ?? null },
    });
  }
}

export async function recordPayment(db: Kysely<DB>, access: Access, memberId: number, month: string, input: PaymentInput): Promise<void> {
  await db.transaction().execute((trx) => applyPayments(trx, access, month, [{ ...input, memberId }], (_, field) => `body.${field}`));
}

/** The whole cell's month in one transaction: every member must be under the unit that month. */
export async function recordUnitPayments(db: Kysely<DB>, access: Access, unitId: number, month: string, items: readonly PaymentItem[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const unit = await readableUnit(trx, access, unitId, monthsSpan(month));
    if (unit.dissolved_on) throw conflict('dues.unit_dissolved', { unit: unit.name, date: formatDateVi(unit.dissolved_on) });
    const under = new Set((await membersOfMonth(trx, unitId, month)).map((m) => m.member_id));
    const outside = items.find((i) => !under.has(i.memberId));
    if (outside) {
      const row = await trx
        .selectFrom('members as m')
        .select('m.full_name')
        .where('m.id', '=', outside.memberId)
        .where((eb) => memberReadable(access, eb))
        .executeTakeFirst();
      if (!row) throw notFound('entities.member');
      throw conflict('dues.not_member_in_month', { name: row.full_name, month: formatMonthVi(month) });
    }
    await applyPayments(trx, access, month, items, (index, field) => `body.payments.${index}.${field}`);
  });
}
