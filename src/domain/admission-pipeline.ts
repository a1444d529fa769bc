// The admissions pipeline's order (issue 10 §1): which step may follow which, the dossier's
// documents (RULES.md §3), the two-thirds vote of the cell (Điều lệ Đảng Điều 4, 5) and the
// deadlines still running at a stage, most urgent first. Pure rules, no I/O; the numbers of
// days and months are in admission.ts and its rule set.
import type { AdmissionDeadlines, AdmissionStage } from './admission.ts';

/** The steps a cell records, in order; 'source' is the record's creation, 'probation' follows the ceremony. */
export const ADMISSION_STEPS = [
  'source',
  'helper_assigned',
  'awareness_course',
  'application',
  'dossier',
  'cell_resolution',
  'committee_resolution',
  'decision',
  'ceremony',
  'recognised',
  'strike_off_proposed',
] as const;
export type AdmissionStep = (typeof ADMISSION_STEPS)[number];

/** What a step records besides its date and note (the web form shows these); any other field is refused. */
const STEP_FIELD_NAMES = ['memberId', 'knownSince', 'votesFor', 'fullMembers', 'decisionNumber'] as const;
export type StepField = (typeof STEP_FIELD_NAMES)[number];
export const STEP_FIELDS: Record<AdmissionStep, readonly StepField[]> = {
  source: [],
  helper_assigned: ['memberId'],
  awareness_course: [],
  application: [],
  dossier: ['memberId', 'knownSince'],
  cell_resolution: ['votesFor', 'fullMembers'],
  committee_resolution: ['decisionNumber'],
  decision: ['decisionNumber'],
  ceremony: [],
  recognised: ['decisionNumber', 'votesFor', 'fullMembers'],
  strike_off_proposed: [],
};

/** The fields given that `step` does not record. */
export function fieldsNotOfStep(step: AdmissionStep, given: Partial<Record<StepField, unknown>>): StepField[] {
  return STEP_FIELD_NAMES.filter((f) => given[f] !== undefined && given[f] !== null && !STEP_FIELDS[step].includes(f));
}

const LINE: readonly AdmissionStep[] = ADMISSION_STEPS.slice(0, 9);

/** The stage a candidate is at once `step` is the last one recorded. */
export function stageAfter(step: AdmissionStep): AdmissionStage {
  return step === 'ceremony' ? 'probation' : step;
}

/** The steps that may be recorded next at `stage`: one along the line; after probation, recognition or a proposal to strike off. */
export function nextSteps(stage: AdmissionStage): AdmissionStep[] {
  if (stage === 'probation') return ['recognised', 'strike_off_proposed'];
  if (stage === 'recognised' || stage === 'strike_off_proposed') return [];
  const at = LINE.indexOf(stage);
  return at >= 0 && at < LINE.length - 1 ? [LINE[at + 1]!] : [];
}

/** The step recorded just before `step` on the line (the date it may not precede). */
export function previousStep(step: AdmissionStep): AdmissionStep | null {
  if (step === 'recognised' || step === 'strike_off_proposed') return 'ceremony';
  const at = LINE.indexOf(step);
  return at > 0 ? LINE[at - 1]! : null;
}

export const DOSSIER_DOCUMENTS = [
  'certificate',
  'application',
  'personal_history',
  'verification',
  'sponsor_form',
  'union_resolution',
  'residence_comment',
] as const;
export type DossierDocument = (typeof DOSSIER_DOCUMENTS)[number];
/** The youth-union or trade-union resolution is there only where the candidate belongs to one. */
export const OPTIONAL_DOCUMENTS: readonly DossierDocument[] = ['union_resolution'];
export const REQUIRED_DOCUMENTS: readonly DossierDocument[] = DOSSIER_DOCUMENTS.filter((d) => !OPTIONAL_DOCUMENTS.includes(d));

/** The required documents not yet verified: the dossier is complete when none is left. */
export function missingDocuments(verified: readonly DossierDocument[]): DossierDocument[] {
  return REQUIRED_DOCUMENTS.filter((d) => !verified.includes(d));
}

/** At least two thirds of the cell's full members agree (Điều lệ Đảng Điều 4 khoản 3, Điều 5 khoản 3). */
export function twoThirdsAgree(votesFor: number, fullMembers: number): boolean {
  return fullMembers > 0 && votesFor * 3 >= fullMembers * 2;
}

export type DeadlineKind = 'certificate_expires_on' | 'ceremony_by' | 'probation_ends_on' | 'consideration_by';

export interface RunningDeadline {
  kind: DeadlineKind;
  dueOn: string;
  /** Past: the day has gone by (a certificate is expired on its expiry day). */
  overdue: boolean;
}

const BEFORE_RESOLUTION: readonly AdmissionStage[] = ['awareness_course', 'application', 'dossier'];

/**
 * The deadlines still running at `stage` on `today`, most urgent first: the certificate's
 * expiry until the cell has considered the case; the ceremony after the decision; in
 * probation its end (while ahead) and the cell's consideration.
 */
export function runningDeadlines(stage: AdmissionStage, d: AdmissionDeadlines, today: string): RunningDeadline[] {
  const out: RunningDeadline[] = [];
  if (BEFORE_RESOLUTION.includes(stage) && d.certificateExpiresOn) {
    out.push({ kind: 'certificate_expires_on', dueOn: d.certificateExpiresOn, overdue: d.certificateExpiresOn <= today });
  }
  if (stage === 'decision' && d.ceremonyBy) out.push({ kind: 'ceremony_by', dueOn: d.ceremonyBy, overdue: d.ceremonyBy < today });
  if (stage === 'probation') {
    if (d.probationEndsOn && d.probationEndsOn > today) out.push({ kind: 'probation_ends_on', dueOn: d.probationEndsOn, overdue: false });
    if (d.considerationBy) out.push({ kind: 'consideration_by', dueOn: d.considerationBy, overdue: d.considerationBy < today });
  }
  return out.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}
