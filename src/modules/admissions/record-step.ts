// Recording the next step of a candidate, in one transaction: the order of the pipeline, each
// step's own requirements (the checks at the cell's consideration: age, certificate, sponsor,
// two thirds of the full members), and its effects — at the ceremony the candidate becomes a
// probationary member of the cell through the members module's own insert; at recognition a
// full member through its own status change. Every step is audited.
import type { Kysely, Transaction } from 'kysely';
import { transactionRetryingDeadlocks } from '../../db/retry-on-deadlock.ts';
import type { DB } from '../../db/types.ts';
import { type AdmissionStage, admissionProblems, admissionRulesOn } from '../../domain/admission.ts';
import {
  type AdmissionStep,
  type DossierDocument,
  fieldsNotOfStep,
  missingDocuments,
  nextSteps,
  previousStep,
  type StepField,
  stageAfter,
  twoThirdsAgree,
} from '../../domain/admission-pipeline.ts';
import { formatDateVi } from '../../domain/calendar.ts';
import { LEAVING_STATUSES } from '../../domain/member-status.ts';
import { AppError, type FieldError } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { applyStatusChange } from '../members/change-member-status.ts';
import { insertCheckedMember } from '../members/create-member.ts';
import { lockWritableMember } from '../members/member-access.ts';
import { createMemberBody } from '../members/schemas.ts';
import { calendarAdjustments } from './calendar-days.ts';
import { lockWritableCandidate } from './candidate-access.ts';
import { deadlinesOf, type StepInForce, stepsInForce } from './candidate-dates.ts';
import { loadCandidate } from './get-candidate.ts';
import type { CandidateDetailOut, RecordStepInput } from './schemas.ts';

type Candidate = Awaited<ReturnType<typeof lockWritableCandidate>>;
type Steps = Map<AdmissionStep, StepInForce>;

const stepLabel = (s: string) => `admissions.step.${s}`;
const required = (field: string): FieldError => ({ path: `body.${field}`, message: 'admissions.field_required' });

function requireFields(input: RecordStepInput, fields: (keyof RecordStepInput)[]) {
  const missing = fields.filter((f) => input[f] === undefined || input[f] === null);
  if (missing.length > 0) throw new AppError('validation', 400, {}, missing.map(required));
}

/** A member of the candidate's cell, on its rolls (helper); any readable member for the sponsor's record. */
async function memberOfCell(trx: Transaction<DB>, memberId: number, unitId: number) {
  return trx
    .selectFrom('members')
    .select(['id', 'full_name', 'status', 'full_member_on'])
    .where('id', '=', memberId)
    .where('unit_id', '=', unitId)
    .where('status', 'not in', [...LEAVING_STATUSES])
    .executeTakeFirst();
}

/** A field the step does not record would be stored beside it unchecked (a helper on a decision): refused. */
export function refuseFieldsNotOfStep(step: AdmissionStep, given: Partial<Record<StepField, unknown>>) {
  const extra = fieldsNotOfStep(step, given);
  if (extra.length > 0) {
    throw new AppError(
      'validation',
      400,
      {},
      extra.map((f) => ({ path: `body.${f}`, message: 'admissions.field_not_for_step', params: { step: stepLabel(step) } })),
    );
  }
}

function voteCheck(input: RecordStepInput) {
  requireFields(input, ['votesFor', 'fullMembers']);
  if (input.votesFor! > input.fullMembers!) {
    throw new AppError('validation', 400, {}, [{ path: 'body.votesFor', message: 'admissions.votes_over_members' }]);
  }
  if (!twoThirdsAgree(input.votesFor!, input.fullMembers!)) {
    throw new AppError('admissions.two_thirds', 422, { for: input.votesFor!, members: input.fullMembers! });
  }
}

/** What the step needs before it can be recorded; throws the first refusal. */
export async function checkStep(trx: Transaction<DB>, c: Candidate, input: RecordStepInput, steps: Steps, today: string) {
  switch (input.step) {
    case 'helper_assigned': {
      requireFields(input, ['memberId']);
      if (!(await memberOfCell(trx, input.memberId!, c.unit_id))) throw new AppError('admissions.helper_not_in_cell', 422, { unit: c.unit_name });
      return;
    }
    case 'dossier': {
      requireFields(input, ['memberId', 'knownSince']);
      const sponsor = await memberOfCell(trx, input.memberId!, c.unit_id);
      if (!sponsor) throw new AppError('admissions.sponsor_not_in_cell', 422, { unit: c.unit_name });
      const verified = await trx
        .selectFrom('admission_documents')
        .select('document')
        .where('candidate_id', '=', c.id)
        .where('status', '=', 'verified')
        .execute();
      const missing = missingDocuments(verified.map((d) => d.document as DossierDocument));
      if (missing.length > 0) {
        throw new AppError(
          'admissions.dossier_incomplete',
          422,
          { count: missing.length },
          missing.map((d) => ({ path: `documents.${d}`, message: `admissions.document.${d}` })),
        );
      }
      return;
    }
    case 'cell_resolution': {
      voteCheck(input);
      const dossier = steps.get('dossier')!;
      const sponsor =
        dossier.member_id === null ? null : await trx.selectFrom('members').select('full_member_on').where('id', '=', dossier.member_id).executeTakeFirst();
      const rules = admissionRulesOn(input.doneOn).body;
      const problems = admissionProblems(
        {
          dateOfBirth: c.date_of_birth,
          consideredOn: input.doneOn,
          certificateOn: steps.get('awareness_course')?.done_on ?? null,
          sponsor: sponsor && dossier.known_since ? { fullMemberOn: sponsor.full_member_on, knownSince: dossier.known_since } : null,
        },
        rules,
      );
      if (problems.length > 0) {
        throw new AppError(
          'admissions.checks_failed',
          422,
          { count: problems.length },
          problems.map((p) => ({ path: 'body.doneOn', message: p.key, params: p.params })),
        );
      }
      return;
    }
    case 'decision':
      requireFields(input, ['decisionNumber']);
      return;
    case 'recognised': {
      requireFields(input, ['decisionNumber']);
      voteCheck(input);
      const d = deadlinesOf(steps, await calendarAdjustments(trx), today);
      if (d.probationEndsOn && input.doneOn < d.probationEndsOn) {
        throw new AppError('admissions.probation_not_over', 422, { date: formatDateVi(d.probationEndsOn) });
      }
      return;
    }
    case 'strike_off_proposed':
      requireFields(input, ['note']);
      return;
    default:
      return;
  }
}

/** At the ceremony: the member record, dự bị, placed in the cell from the ceremony, admitted on the decision's date. */
async function admitAsMember(trx: Transaction<DB>, access: Access, c: Candidate, steps: Steps, ceremonyOn: string) {
  const decision = steps.get('decision')!;
  const input = createMemberBody.parse({
    unitId: c.unit_id,
    fullName: c.full_name,
    sex: c.sex,
    dateOfBirth: c.date_of_birth,
    ethnicity: c.ethnicity,
    religion: c.religion,
    residence: c.residence,
    occupation: c.occupation,
    admittedOn: decision.done_on,
    fullMemberOn: null,
    status: 'du_bi',
    joinedUnitOn: ceremonyOn,
    decisionNumber: decision.decision_number ?? undefined,
    // The village they live in comes with them: the white-village figure follows the admission.
    villageId: c.village_id ?? undefined,
  });
  return insertCheckedMember(trx, access, input);
}

export async function recordStep(db: Kysely<DB>, access: Access, id: number, input: RecordStepInput, today: string): Promise<CandidateDetailOut> {
  return transactionRetryingDeadlocks(db, async (trx) => {
    const c = await lockWritableCandidate(trx, access, id);
    const stage = c.stage as AdmissionStage;
    if (!nextSteps(stage).includes(input.step)) {
      throw new AppError('admissions.step_out_of_order', 409, { step: stepLabel(input.step), stage: `admissions.stage.${stage}` });
    }
    const steps: Steps = (await stepsInForce(trx, [id])).get(id) ?? new Map();
    const before = previousStep(input.step);
    const previousOn = before ? steps.get(before)?.done_on : undefined;
    if (previousOn && input.doneOn < previousOn) {
      throw new AppError('admissions.step_before_previous', 422, { step: stepLabel(before!), date: formatDateVi(previousOn) });
    }
    refuseFieldsNotOfStep(input.step, input);
    await checkStep(trx, c, input, steps, today);
    const row = await trx
      .insertInto('admission_steps')
      .values({
        candidate_id: id,
        stage: input.step,
        done_on: input.doneOn,
        decision_number: input.decisionNumber ?? null,
        member_id: input.memberId ?? null,
        known_since: input.knownSince ?? null,
        votes_for: input.votesFor ?? null,
        votes_total: input.fullMembers ?? null,
        note: input.note ?? null,
        recorded_by: access.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let memberId = c.member_id;
    if (input.step === 'ceremony') memberId = await admitAsMember(trx, access, c, steps, input.doneOn);
    if (input.step === 'recognised' && memberId !== null) {
      await applyStatusChange(trx, access, await lockWritableMember(trx, access, memberId), {
        status: 'chinh_thuc',
        effectiveOn: input.doneOn,
        decisionNumber: input.decisionNumber!,
      });
    }
    await trx
      .updateTable('admission_candidates')
      .set({ stage: stageAfter(input.step), member_id: memberId, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, access.userId, {
      action: 'admission.step.record',
      entityType: 'admission_candidate',
      entityId: id,
      unitId: c.unit_id,
      before: { stage },
      after: { stepId: row.id, ...input, stage: stageAfter(input.step), memberId },
    });
    return loadCandidate(trx, access, id, today);
  });
}
