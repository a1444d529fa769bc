// A cell identifies a source (nguồn phát triển đảng): the candidate's record and its first
// step, audited, in one transaction.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { findTargetCell } from '../members/member-access.ts';
import { loadCandidate } from './get-candidate.ts';
import type { CandidateDetailOut, CreateCandidateInput } from './schemas.ts';

export async function createCandidate(db: Kysely<DB>, access: Access, input: CreateCandidateInput, today: string): Promise<CandidateDetailOut> {
  return db.transaction().execute(async (trx) => {
    await findTargetCell(trx, access, input.unitId);
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
