// A unit loads a rule set of its own (e.g. a province's 100-point meeting-quality scale):
// one row in rule_sets, refused when the unit already has that code from that date, and an
// audit row, in the caller's transaction. The caller checks the right to do it.
import type { Db } from '../../db/types.ts';
import { conflict } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';

export interface UnitRuleSetInput {
  kind: string;
  unitId: number;
  code: string;
  title: string;
  source: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  body: unknown;
  /** The error code for "this unit already has this code from this date". */
  takenCode: string;
}

export async function saveUnitRuleSet(trx: Db, access: Access, input: UnitRuleSetInput): Promise<number> {
  const taken = await trx
    .selectFrom('rule_sets')
    .select('id')
    .where('kind', '=', input.kind)
    .where('unit_id', '=', input.unitId)
    .where('code', '=', input.code)
    .where('effective_from', '=', input.effectiveFrom)
    .executeTakeFirst();
  if (taken) throw conflict(input.takenCode, { code: input.code });
  const row = await trx
    .insertInto('rule_sets')
    .values({
      kind: input.kind,
      code: input.code,
      unit_id: input.unitId,
      title: input.title,
      source: input.source,
      effective_from: input.effectiveFrom,
      effective_to: input.effectiveTo,
      body: JSON.stringify(input.body),
      created_by: access.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeAudit(trx, access.userId, {
    action: 'rule_set.load',
    entityType: 'rule_set',
    entityId: row.id,
    unitId: input.unitId,
    after: {
      kind: input.kind,
      code: input.code,
      title: input.title,
      source: input.source,
      body: input.body,
      effectiveFrom: input.effectiveFrom,
      effectiveTo: input.effectiveTo,
    },
  });
  return row.id;
}
