// One candidate as the cell follows them: the record, every step ever recorded (corrections
// beside what they replaced), the dossier checklist, the deadlines and what may come next.
import type { Db } from '../../db/types.ts';
import { type AdmissionStage, partyAgeMonths } from '../../domain/admission.ts';
import { type AdmissionStep, DOSSIER_DOCUMENTS, nextSteps, REQUIRED_DOCUMENTS, runningDeadlines } from '../../domain/admission-pipeline.ts';
import type { Access } from '../access/access.ts';
import { calendarAdjustments } from './calendar-days.ts';
import { findReadableCandidate } from './candidate-access.ts';
import { deadlinesOf, nextDeadline, stepsInForce } from './candidate-dates.ts';
import type { CandidateDetailOut } from './schemas.ts';

export async function loadCandidate(db: Db, access: Access, id: number, today: string): Promise<CandidateDetailOut> {
  const c = await findReadableCandidate(db, access, id);
  const stage = c.stage as AdmissionStage;
  const [inForce, adjustments, steps, docs] = await Promise.all([
    stepsInForce(db, [id]),
    calendarAdjustments(db),
    db
      .selectFrom('admission_steps as s')
      .leftJoin('members as m', 'm.id', 's.member_id')
      .leftJoin('users as us', 'us.id', 's.recorded_by')
      .select([
        's.id',
        's.stage',
        's.done_on',
        's.decision_number',
        's.member_id',
        'm.full_name as member_name',
        's.known_since',
        's.votes_for',
        's.votes_total',
        's.note',
        's.corrects_step_id',
        's.correction_reason',
        's.superseded',
        'us.display_name as recorded_by',
        's.recorded_at',
      ])
      .where('s.candidate_id', '=', id)
      .orderBy('s.id')
      .execute(),
    db.selectFrom('admission_documents').selectAll().where('candidate_id', '=', id).execute(),
  ]);
  const mine = inForce.get(id);
  const deadlines = deadlinesOf(mine, adjustments, today);
  const decisionOn = mine?.get('decision')?.done_on ?? null;
  const recognisedOn = mine?.get('recognised')?.done_on ?? null;
  return {
    id: c.id,
    unitId: c.unit_id,
    unitName: c.unit_name,
    villageId: c.village_id,
    fullName: c.full_name,
    sex: c.sex as 'nam' | 'nu',
    dateOfBirth: c.date_of_birth,
    ethnicity: c.ethnicity,
    religion: c.religion,
    residence: c.residence,
    occupation: c.occupation,
    stage,
    memberId: c.member_id,
    canEdit: c.writable,
    next: nextDeadline(stage, deadlines, today),
    nextSteps: c.writable ? nextSteps(stage) : [],
    steps: steps.map((s) => ({
      id: s.id,
      step: s.stage as AdmissionStep,
      doneOn: s.done_on,
      decisionNumber: s.decision_number,
      member: s.member_id === null ? null : { id: s.member_id, fullName: s.member_name ?? '' },
      knownSince: s.known_since,
      votesFor: s.votes_for,
      fullMembers: s.votes_total,
      note: s.note,
      correctsStepId: s.corrects_step_id,
      correctionReason: s.correction_reason,
      superseded: s.superseded,
      recordedBy: s.recorded_by,
      recordedAt: new Date(s.recorded_at).toISOString(),
    })),
    documents: DOSSIER_DOCUMENTS.map((document) => {
      const d = docs.find((x) => x.document === document);
      return {
        document,
        required: REQUIRED_DOCUMENTS.includes(document),
        status: (d?.status ?? 'missing') as 'missing' | 'received' | 'verified',
        receivedOn: d?.received_on ?? null,
        verifiedOn: d?.verified_on ?? null,
        note: d?.note ?? null,
      };
    }),
    deadlines,
    running: runningDeadlines(stage, deadlines, today),
    partyAgeMonths: decisionOn ? partyAgeMonths({ decisionOn, fullMemberOn: recognisedOn }, today) : null,
  };
}
