// The cell records what a member paid for a month (cash, or the reference of an online
// payment). A correction adds a row and marks the one it replaces, so every amount ever
// recorded stays; both are audited. Paying more than due is a voluntary extra; 0 withdraws
// a payment recorded by mistake (the month is unpaid again, the mistake kept).
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/types.ts';
import { formatDateVi, formatMonthVi } from '../../domain/calendar.ts';
import { vnDate } from '../../domain/meeting-time.ts';
import { badRequest, conflict } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { clock } from '../meetings/clock.ts';
import { readableMember, requireWriteOver } from './dues-access.ts';
import { duesLedger } from './dues-ledger.ts';
import { monthStart } from './months.ts';
import type { PaymentInput } from './schemas.ts';

export async function recordPayment(db: Kysely<DB>, access: Access, memberId: number, month: string, input: PaymentInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const member = await readableMember(trx, access, memberId, true);
    const [entry] = (await duesLedger(trx, [memberId], month, month)).get(memberId) ?? [];
    // The cell that collects is the member's cell that month; a month they were not a member is refused.
    await requireWriteOver(trx, access, entry?.unitId ?? member.unit_id);
    if (!entry) throw conflict('dues.not_member_in_month', { name: member.full_name, month: formatMonthVi(month) });
    const today = vnDate(clock.now());
    if (input.paidOn > today)
      throw badRequest('dues.paid_in_future', { date: formatDateVi(input.paidOn) }, [{ path: 'paidOn', message: 'dues.paid_in_future_field' }]);
    const before = await trx
      .selectFrom('dues_payments')
      .select(['id', 'amount', 'method', 'reference', 'paid_on'])
      .where('member_id', '=', memberId)
      .where('month', '=', monthStart(month))
      .where('replaced_by', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    const reference = input.method === 'online' ? (input.reference ?? null) : null;
    if (before && before.amount === input.amount && before.method === input.method && before.reference === reference && before.paid_on === input.paidOn) return;
    if (!before && input.amount === 0) return;
    // The replaced row is marked first (the foreign key waits for the commit), so the unique
    // index of the rows in force never holds two for the month.
    const { rows: ids } = await sql<{ id: number }>`select nextval('dues_payments_id_seq')::int as id`.execute(trx);
    const id = ids[0]!.id;
    if (before) await trx.updateTable('dues_payments').set({ replaced_by: id }).where('id', '=', before.id).execute();
    await trx
      .insertInto('dues_payments')
      .values({
        id,
        member_id: memberId,
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
      action: before ? 'dues.payment.correct' : 'dues.payment.record',
      entityType: 'member',
      entityId: memberId,
      unitId: entry.unitId,
      before: before ? { month, amount: before.amount, method: before.method, reference: before.reference, paidOn: before.paid_on } : undefined,
      after: { month, amount: input.amount, method: input.method, reference, paidOn: input.paidOn, due: entry.dues?.due ?? null },
    });
  });
}
