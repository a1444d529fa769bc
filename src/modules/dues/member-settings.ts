// A member's dues settings, each checked against the rule set in force on its first month
// (src/domain/party-dues.ts duesSettingProblems: a fixed amount outside the range, an
// exemption or reduction the set does not have) and audited: the basis, effective dated (a
// new one closes the one before); an exemption over months with its decision; a reduction
// of 30/50/70% for up to 12 months.
import type { Kysely } from 'kysely';
import type { DB, Db } from '../../db/types.ts';
import { type DuesMember, duesRulesFor, duesSettingProblems } from '../../domain/party-dues.ts';
import { AppError, conflict } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { unitRuleSets } from '../rule-sets/unit-rule-sets.ts';
import { readableMember, requireWriteOver } from './dues-access.ts';
import { monthStart } from './months.ts';
import type { BasisInput, ExemptionInput, ReductionInput } from './schemas.ts';

/** 400 naming every setting the rule set in force on `month` for the member's unit does not allow. */
async function checkAgainstRules(db: Db, unitId: number, month: string, member: DuesMember) {
  const rules = duesRulesFor(month, await unitRuleSets(db, 'dues', unitId, monthStart(month)));
  const problems = duesSettingProblems(member, rules.body);
  if (problems.length > 0)
    throw new AppError(
      'dues.settings_refused',
      400,
      { rules: rules.title.vi },
      problems.map((p) => ({ path: `body.${p.field}`, message: p.key, params: p.params })),
    );
}

async function writableMember(trx: Db, access: Access, memberId: number) {
  const member = await readableMember(trx, access, memberId, true);
  await requireWriteOver(trx, access, member.unit_id);
  return member;
}

export async function setBasis(db: Kysely<DB>, access: Access, memberId: number, input: BasisInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const member = await writableMember(trx, access, memberId);
    await checkAgainstRules(trx, member.unit_id, input.from, {
      basis: input.basis,
      ...(input.fixedAmount !== undefined ? { fixedAmount: input.fixedAmount } : {}),
    });
    const from = monthStart(input.from);
    const later = await trx.selectFrom('dues_bases').select('id').where('member_id', '=', memberId).where('valid_from', '>', from).executeTakeFirst();
    if (later) throw conflict('dues.basis_later_exists');
    const current = await trx
      .selectFrom('dues_bases')
      .selectAll()
      .where('member_id', '=', memberId)
      .where('valid_from', '<=', from)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', from)]))
      .forUpdate()
      .executeTakeFirst();
    const values = {
      basis: input.basis,
      earnings: input.earnings ?? null,
      fixed_amount: input.fixedAmount ?? null,
      past_working_age: input.pastWorkingAge ?? false,
      note: input.note ?? null,
    };
    if (current && current.valid_from === from) {
      await trx
        .updateTable('dues_bases')
        .set({ ...values, created_by: access.userId })
        .where('id', '=', current.id)
        .execute();
    } else {
      if (current) await trx.updateTable('dues_bases').set({ valid_to: from }).where('id', '=', current.id).execute();
      await trx
        .insertInto('dues_bases')
        .values({ member_id: memberId, ...values, valid_from: from, created_by: access.userId })
        .execute();
    }
    await writeAudit(trx, access.userId, {
      action: 'dues.basis.set',
      entityType: 'member',
      entityId: memberId,
      unitId: member.unit_id,
      before: current
        ? {
            basis: current.basis,
            earnings: current.earnings,
            fixedAmount: current.fixed_amount,
            pastWorkingAge: current.past_working_age,
            from: current.valid_from,
          }
        : undefined,
      after: { ...input },
    });
  });
}

export async function recordExemption(db: Kysely<DB>, access: Access, memberId: number, input: ExemptionInput): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const member = await writableMember(trx, access, memberId);
    await checkAgainstRules(trx, member.unit_id, input.from, { basis: 'other', exemption: { reason: input.reason, from: input.from, to: input.to ?? null } });
    const row = await trx
      .insertInto('dues_exemptions')
      .values({
        member_id: memberId,
        reason: input.reason,
        from_month: monthStart(input.from),
        to_month: input.to ? monthStart(input.to) : null,
        decision_number: input.decisionNumber ?? null,
        decided_on: input.decidedOn ?? null,
        note: input.note ?? null,
        created_by: access.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, access.userId, {
      action: 'dues.exemption.record',
      entityType: 'member',
      entityId: memberId,
      unitId: member.unit_id,
      after: { ...input },
    });
    return row.id;
  });
}

export async function recordReduction(db: Kysely<DB>, access: Access, memberId: number, input: ReductionInput): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const member = await writableMember(trx, access, memberId);
    await checkAgainstRules(trx, member.unit_id, input.from, { basis: 'other', reduction: { percent: input.percent, from: input.from, months: input.months } });
    const row = await trx
      .insertInto('dues_reductions')
      .values({
        member_id: memberId,
        percent: input.percent,
        from_month: monthStart(input.from),
        months: input.months,
        decision_number: input.decisionNumber ?? null,
        decided_on: input.decidedOn ?? null,
        note: input.note ?? null,
        created_by: access.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, access.userId, {
      action: 'dues.reduction.record',
      entityType: 'member',
      entityId: memberId,
      unitId: member.unit_id,
      after: { ...input },
    });
    return row.id;
  });
}
