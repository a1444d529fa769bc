// A cell identifies a source (nguồn phát triển đảng): the candidate's record and its first
// step, audited, in one transaction.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import { AppError } from '../../http/app-error.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { findTargetCell } from '../members/member-access.ts';
import { loadCandidate } from './get-candidate.ts';
import type { CandidateDetailOut, CreateCandidateInput } from './schemas.ts';

/**
 * The village must be a record of the villages table (the villages lane's; until it is merged
 * there is none, so no id is accepted). The foreign key replaces this check at merge.
 */
/** The village must be one the caller sees (through its cell), like any record. */
async function assertVillage(trx: Transaction<DB>, access: Access, villageId: number) {
  const found = await trx
    .selectFrom('villages')
    .innerJoin('units', 'units.id', 'villages.cell_id')
    .select('villages.id')
    .where('villages.id', '=', villageId)
    .where((eb) => unitInScope(access.scope('read'), eb.ref('units.id')))
    .executeTakeFirst();
  if (!found) throw new AppError('validation', 400, {}, [{ path: 'body.villageId', message: 'admissions.no_such_village' }]);
}

export async function createCandidate(db: Kysely<DB>, access: Access, input: CreateCandidateInput, today: string): Promise<CandidateDetailOut> {
  return db.transaction().execute(async (trx) => {
    await findTargetCell(trx, access, input.unitId);
    if (input.villageId) await assertVillage(trx, access, input.villageId);
    const row = await trx
      .insertInto('admission_candidates')
      .values({
        unit_id: input.unitId,
        village_id: input.villageId ?? null,
        full_name: input.fullName,
        sex: input.sex,
        date_of_birth: input.dateOfBirth,
        ethnicity: input.ethnicity,
        religion: input.religion,
        residence: input.residence ?? null,
        occupation: input.occupation ?? null,
        stage: 'source',
        created_by: access.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('admission_steps')
      .values({ candidate_id: row.id, stage: 'source', done_on: input.sourceOn, note: input.note ?? null, recorded_by: access.userId })
      .execute();
    await writeAudit(trx, access.userId, {
      action: 'admission.candidate.create',
      entityType: 'admission_candidate',
      entityId: row.id,
      unitId: input.unitId,
      after: input,
    });
    return loadCandidate(trx, access, row.id, today);
  });
}
