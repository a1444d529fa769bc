// The dossier checklist: a document received, then verified, each with its date; audited.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { DossierDocument } from '../../domain/admission-pipeline.ts';
import { AppError } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { lockWritableCandidate } from './candidate-access.ts';
import { loadCandidate } from './get-candidate.ts';
import type { CandidateDetailOut, SaveDocumentInput } from './schemas.ts';

export async function saveDocument(
  db: Kysely<DB>,
  access: Access,
  id: number,
  document: DossierDocument,
  input: SaveDocumentInput,
  today: string,
): Promise<CandidateDetailOut> {
  const verifiedOn = input.status === 'verified' ? (input.verifiedOn ?? null) : null;
  if (input.status === 'verified' && !verifiedOn)
    throw new AppError('validation', 400, {}, [{ path: 'body.verifiedOn', message: 'admissions.field_required' }]);
  if (verifiedOn && verifiedOn < input.receivedOn) {
    throw new AppError('validation', 400, {}, [{ path: 'body.verifiedOn', message: 'admissions.verified_before_received' }]);
  }
  return db.transaction().execute(async (trx) => {
    const c = await lockWritableCandidate(trx, access, id);
    const before = await trx.selectFrom('admission_documents').selectAll().where('candidate_id', '=', id).where('document', '=', document).executeTakeFirst();
    const values = {
      status: input.status,
      received_on: input.receivedOn,
      verified_on: verifiedOn,
      note: input.note ?? null,
      recorded_by: access.userId,
      updated_at: new Date(),
    };
    await trx
      .insertInto('admission_documents')
      .values({ candidate_id: id, document, ...values })
      .onConflict((oc) => oc.columns(['candidate_id', 'document']).doUpdateSet(values))
      .execute();
    await writeAudit(trx, access.userId, {
      action: 'admission.document',
      entityType: 'admission_candidate',
      entityId: id,
      unitId: c.unit_id,
      before: before ? { document, status: before.status, receivedOn: before.received_on, verifiedOn: before.verified_on } : null,
      after: { document, ...input },
    });
    return loadCandidate(trx, access, id, today);
  });
}
