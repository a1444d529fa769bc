// The grade of a member or an organisation under a grading rule set (grading-rules.ts): the
// points give a band, then every cap rule whose condition holds keeps the grade at most its
// cap (discipline in the period, a criterion rated Kém, tasks late or not done, shortcomings
// not remedied, subordinate units disciplined, …). Each cap that lowered the grade comes back
// as a message key and its numbers, so the user sees why. Pure: the caller gathers the facts.
import {
  type CapRule,
  type Condition,
  type FactKey,
  type Grade,
  type GradingRules,
  gradeRank,
  lowerGrade,
  type Rating,
  ratingRank,
  type Subject,
} from './grading-rules.ts';

/** A message key with its parameters (text in src/i18n/<lang>/grading.json). */
export interface Reason {
  key: string;
  params: Record<string, string | number>;
}

/** What the system and the assessment hold about one member or organisation for the period. */
export interface GradingFacts {
  points: number;
  /** Tasks (or targets) assigned in the period; counts, so shares are exact. */
  tasks?: { total: number; onTime: number; exceeded: number; completed: number; behindSchedule: number };
  /** QĐ 124: each criterion's rating; the lowest one is what the caps test. */
  criterionRatings?: Readonly<Record<string, Rating>>;
  /** QĐ 124, collectives: the rating of the criterion "results of carrying out the tasks". */
  taskResultRating?: Rating;
  disciplinedInPeriod?: boolean;
  degradation?: boolean;
  corruptionInManagedUnit?: boolean;
  shortcomingsRemedied?: boolean;
  /** Collectives: the leadership collective itself was disciplined in the period. */
  leadershipDisciplined?: boolean;
  /** Collectives: a member of the leadership was disciplined in the period. */
  leadershipMemberDisciplined?: boolean;
  subordinateUnits?: { total: number; disciplined: number };
}

type FactValue = { kind: 'boolean'; value: boolean } | { kind: 'share'; n: number; of: number } | { kind: 'rating'; value: Rating } | undefined;

const bool = (value: boolean | undefined): FactValue => (value === undefined ? undefined : { kind: 'boolean', value });
/** A share of nothing (no tasks, no subordinate units) is not known: it can neither prove nor break a condition. */
const shareOf = (n: number | undefined, of: number | undefined): FactValue =>
  n === undefined || of === undefined || of === 0 ? undefined : { kind: 'share', n, of };
const rating = (value: Rating | undefined): FactValue => (value === undefined ? undefined : { kind: 'rating', value });

function lowestRating(ratings: Readonly<Record<string, Rating>> | undefined): Rating | undefined {
  const all = Object.values(ratings ?? {});
  return all.length === 0 ? undefined : all.reduce((worst, r) => (ratingRank(r) > ratingRank(worst) ? r : worst));
}

function factValue(fact: FactKey, f: GradingFacts): FactValue {
  switch (fact) {
    case 'disciplined_in_period':
      return bool(f.disciplinedInPeriod);
    case 'degradation':
      return bool(f.degradation);
    case 'corruption_in_managed_unit':
      return bool(f.corruptionInManagedUnit);
    case 'shortcomings_remedied':
      return bool(f.shortcomingsRemedied);
    case 'leadership_disciplined':
      return bool(f.leadershipDisciplined);
    case 'leadership_member_disciplined':
      return bool(f.leadershipMemberDisciplined);
    case 'tasks_on_time':
      return shareOf(f.tasks?.onTime, f.tasks?.total);
    case 'tasks_exceeded':
      return shareOf(f.tasks?.exceeded, f.tasks?.total);
    case 'tasks_completed':
      return shareOf(f.tasks?.completed, f.tasks?.total);
    case 'tasks_behind_schedule':
      return shareOf(f.tasks?.behindSchedule, f.tasks?.total);
    case 'subordinate_units_disciplined':
      return shareOf(f.subordinateUnits?.disciplined, f.subordinateUnits?.total);
    case 'lowest_criterion_rating':
      return rating(lowestRating(f.criterionRatings));
    case 'task_result_rating':
      return rating(f.taskResultRating);
  }
}

/** -1, 0, 1 as a compares to b; ratings compare by quality (Xuất sắc highest), shares in whole percent exactly. */
function compare(v: NonNullable<FactValue>, c: Condition): number {
  if (v.kind === 'share') return Math.sign(100 * v.n - (c.value as number) * v.of);
  if (v.kind === 'rating') return Math.sign(ratingRank(c.value as Rating) - ratingRank(v.value));
  return v.value === c.value ? 0 : 1;
}

function holds(v: NonNullable<FactValue>, c: Condition): boolean {
  const d = compare(v, c);
  switch (c.op) {
    case 'lt':
      return d < 0;
    case 'lte':
      return d <= 0;
    case 'gt':
      return d > 0;
    case 'gte':
      return d >= 0;
    case 'eq':
      return d === 0;
  }
}

function reasonFor(rule: CapRule, v: FactValue): Reason {
  const grade = `grading.grade_short.${rule.cap}`;
  if (v === undefined) return { key: 'grading.cap.unknown', params: { fact: `grading.fact.${rule.when.fact}`, grade } };
  const params: Reason['params'] = { grade, op: `grading.op.${rule.when.op}` };
  if (v.kind === 'share') Object.assign(params, { n: v.n, of: v.of, value: rule.when.value as number });
  if (v.kind === 'rating') Object.assign(params, { rating: `grading.rating.${v.value}`, value: `grading.rating.${rule.when.value as Rating}` });
  return { key: `grading.cap.${rule.when.fact}`, params };
}

export interface AppliedCap {
  rule: string;
  cap: Grade;
  /** The fact was not known and the rule keeps the grade down until it is. */
  unknown: boolean;
  reason: Reason;
}

export interface GradeResult {
  points: number;
  /** The grade the points alone give. */
  bandGrade: Grade;
  grade: Grade;
  /** The caps that lowered the grade below the band, most severe first (empty when none did). */
  cappedBy: AppliedCap[];
}

/** The band the points reach: 49.99 is below 50. */
export function gradeFromPoints(rules: Pick<GradingRules, 'bands' | 'maxPoints'>, points: number): Grade {
  if (!Number.isFinite(points) || points < 0 || points > rules.maxPoints) throw new RangeError(`points ${points} outside 0..${rules.maxPoints}`);
  const band = [...rules.bands].sort((a, b) => b.minPoints - a.minPoints).find((b) => points >= b.minPoints);
  return band!.grade; // the schema requires a band from 0
}

/** The caps of `rules` that apply to `subject` and hold on `facts` (whether or not they lower the band). */
export function capsThatHold(rules: GradingRules, subject: Subject, facts: GradingFacts): AppliedCap[] {
  const out: AppliedCap[] = [];
  for (const rule of rules.caps) {
    if (!rule.subjects.includes(subject)) continue;
    const v = factValue(rule.when.fact, facts);
    if (v === undefined ? rule.whenUnknown === 'cap' : holds(v, rule.when)) {
      out.push({ rule: rule.key, cap: rule.cap, unknown: v === undefined, reason: reasonFor(rule, v) });
    }
  }
  return out;
}

export function gradeSubject(rules: GradingRules, subject: Subject, facts: GradingFacts): GradeResult {
  const bandGrade = gradeFromPoints(rules, facts.points);
  const cappedBy = capsThatHold(rules, subject, facts)
    .filter((c) => gradeRank(c.cap) > gradeRank(bandGrade))
    .sort((a, b) => gradeRank(b.cap) - gradeRank(a.cap));
  const grade = cappedBy.reduce<Grade>((g, c) => lowerGrade(g, c.cap), bandGrade);
  return { points: facts.points, bandGrade, grade, cappedBy };
}

export interface ScoredCriteria {
  points: number;
  /** Criteria of the subject not scored yet (the self-assessment is not complete). */
  missing: string[];
}

/** The points of a self-assessment or an appraisal: each criterion of the subject within 0..its maximum. */
export function totalPoints(rules: Pick<GradingRules, 'criteria'>, subject: Subject, scores: Readonly<Record<string, number>>): ScoredCriteria {
  let points = 0;
  const missing: string[] = [];
  for (const c of rules.criteria) {
    if (!c.subjects.includes(subject)) continue;
    const given = scores[c.key];
    if (given === undefined) {
      missing.push(c.key);
      continue;
    }
    if (!(given >= 0 && given <= c.maxPoints)) throw new RangeError(`criterion ${c.key}: ${given} outside 0..${c.maxPoints}`);
    points += given;
  }
  for (const k of Object.keys(scores)) {
    if (!rules.criteria.some((c) => c.key === k && c.subjects.includes(subject))) throw new RangeError(`criterion ${k} is not scored for ${subject}`);
  }
  // Half points are common (e.g. 27.5): keep two decimals without float dust.
  return { points: Math.round(points * 100) / 100, missing };
}
