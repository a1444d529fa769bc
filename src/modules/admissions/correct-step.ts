// Correcting a recorded step (a wrong date, a vote miscounted): a new row with the reason
// supersedes the old one, which stays in the history; the same checks as when it was first
// recorded, and its date still between the steps before and after it. The decision, the
// ceremony and the recognition made a member record: once it exists, they are corrected on
// the member (members module), not here.
import type { Kysely } from 'kysely';
import { transactionRetryingDeadlocks } from '../../db/retry-on-deadlock.ts';
import type { DB } from '../../db/types.ts';
import { ADMISSION_STEPS, type AdmissionStep, previousStep, STEP_FIELDS, type StepField } from '../../domain/admission-pipeline.ts';
import { formatDateVi } from '../../domain/calendar.ts';
import { AppError, notFound } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { lockWritableCandidate } from './candidate-access.ts';
import { stepsInForce } from './candidate-dates.ts';
import { loadCandidate } from './get-candidate.ts';
import { checkStep, refuseFieldsNotOfStep } from './record-step.ts';
import type { CandidateDetailOut, CorrectStepInput } from './schemas.ts';

const ON_THE_MEMBER: readonly AdmissionStep[] = ['decision', 'ceremony', 'recognised'];

export async function correctStep(
  db: Kysely<DB>,
  access: Access,
  id: number,
  stepId: number,
  input: CorrectStepInput,
  today: string,
): Promise<CandidateDetailOut> {
  return transactionRetryingDeadlocks(db, async (trx) => {
    const c = await lockWritableCandidate(trx, access, id);
    const old = await trx.selectFrom('admission_steps').selectAll().where('id', '=', stepId).where('candidate_id', '=', id).executeTakeFirst();
    if (!old) throw notFound('entities.admission_step');
    if (old.superseded) throw new AppError('admissions.step_superseded', 409);
    const step = old.stage as AdmissionStep;
    if (c.member_id !== null && ON_THE_MEMBER.includes(step)) throw new AppError('admissions.correction_after_admission', 409);
    refuseFieldsNotOfStep(step, input);
    const steps = (await stepsInForce(trx, [id])).get(id) ?? new Map();
    const before = previousStep(step);
    const beforeOn = before ? steps.get(before)?.done_on : undefined;
    if (beforeOn && input.doneOn < beforeOn)
      throw new AppError('admissions.step_before_previous', 422, { step: `admissions.step.${before}`, date: formatDateVi(beforeOn) });
    const later = ADMISSION_STEPS.filter((s) => previousStep(s) === step)
      .map((s) => steps.get(s)?.done_on)
      .filter((d): d is string => !!d)
      .sort()[0];
    if (later && input.doneOn > later) throw new AppError('admissions.step_after_next', 422, { date: formatDateVi(later) });
    // What is not corrected is kept, but only the fields this step records (rows written
    // before the check may carry others).
    const own = <T>(field: StepField, value: T) => (STEP_FIELDS[step].includes(field) ? value : undefined);
    const merged = {
      step: step === 'source' ? ('helper_assigned' as const) : (step as Exclude<AdmissionStep, 'source'>),
      doneOn: input.doneOn,
      decisionNumber: own('decisionNumber', input.decisionNumber ?? old.decision_number ?? undefined),
      memberId: own('memberId', input.memberId ?? old.member_id ?? undefined),
      knownSince: own('knownSince', input.knownSince ?? old.known_since ?? undefined),
      votesFor: own('votesFor', input.votesFor ?? old.votes_for ?? undefined),
      fullMembers: own('fullMembers', input.fullMembers ?? old.votes_total ?? undefined),
      note: input.note ?? old.note ?? undefined,
    };
    if (step !== 'source') await checkStep(trx, c, merged, steps, today);
    await trx.updateTable('admission_steps').set({ superseded: true }).where('id', '=', stepId).execute();
    const row = await trx
      .insertInto('admission_steps')
      .values({
        candidate_id: id,
        stage: step,
        done_on: merged.doneOn,
        decision_number: merged.decisionNumber ?? null,
        member_id: step === 'source' ? null : (merged.memberId ?? null),
        known_since: merged.knownSince ?? null,
        votes_for: merged.votesFor ?? null,
        votes_total: merged.fullMembers ?? null,
        note: merged.note ?? null,
        corrects_step_id: stepId,
        correction_reason: input.reason,
        recorded_by: access.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, access.userId, {
      action: 'admission.step.correct',
      entityType: 'admission_candidate',
      entityId: id,
      unitId: c.unit_id,
      before: { stepId, step, doneOn: old.done_on },
      after: { stepId: row.id, ...input },
    });
    return loadCandidate(trx, access, id, today);
  });
}
