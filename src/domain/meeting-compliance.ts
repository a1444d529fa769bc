// Compliance of cells with the meeting rules over a period (HD 12, Chỉ thị 50): a regular
// meeting every month, a thematic one every quarter, the attendance rate, the spread of
// quality grades, members absent without reason in N months within 12 (a striking-off
// warning) and cells with nothing planned this month by the plan deadline.
// Only whole months and quarters that have ended by the report date are required.

import type { MeetingKind } from '../db/types.ts';
import { lastDayOfMonth, monthsBetween } from './calendar.ts';
import { groupBy } from './group-by.ts';
import { QUALITY_GRADES, type QualityGrade } from './meeting-quality.ts';
import { CELL_MEETING_KINDS } from './meeting-rules.ts';
import { monthOf, quarterOf } from './meeting-time.ts';
import { type StrikeOffRule, strikeOffMonths } from './strike-off.ts';

export interface ComplianceRules {
  planDeadlineDay: number;
  thematicPerQuarter: number;
  strikeOffUnexcusedAbsences: number;
  strikeOffWindowMonths: number;
}

export interface CellFact {
  unitId: number;
  name: string;
  establishedOn: string;
  dissolvedOn: string | null;
}

export interface MeetingFact {
  unitId: number;
  kind: MeetingKind;
  heldOn: string;
  /** Not cancelled: planned or held. */
  recorded: boolean;
  /** Recorded, dated on or before the report date, and with attendance taken. */
  held: boolean;
  expected: number;
  present: number;
  grade: QualityGrade | null;
}

export interface AbsenceFact {
  memberId: number;
  fullName: string;
  unitId: number;
  heldOn: string;
}

export interface ComplianceInput {
  from: string;
  to: string;
  asOf: string;
  rules: ComplianceRules;
  cells: readonly CellFact[];
  meetings: readonly MeetingFact[];
  /** Absences without reason at held meetings of the cells, up to the period's end and back to strikeOffLookback(from). */
  unexcusedAbsences: readonly AbsenceFact[];
}

export type GradeCounts = Record<QualityGrade, number> & { ungraded: number };

export interface CellCompliance {
  unitId: number;
  unitName: string;
  monthsRequired: number;
  monthsHeld: number;
  missingMonths: string[];
  /** Null when no whole month of the period has ended yet. */
  everyMonth: boolean | null;
  thematicByQuarter: Record<string, number>;
  thematicEveryQuarter: boolean | null;
  meetingsHeld: number;
  expected: number;
  present: number;
  attendanceRate: number | null;
  grades: GradeCounts;
}

export interface ComplianceResult {
  from: string;
  to: string;
  asOf: string;
  monthsRequired: string[];
  quartersRequired: string[];
  cells: CellCompliance[];
  summary: {
    cells: number;
    cellsEveryMonth: number;
    cellsMonthlyApplicable: number;
    cellsEveryMonthRate: number | null;
    cellsThematicEveryQuarter: number;
    cellsThematicApplicable: number;
    cellsThematicEveryQuarterRate: number | null;
    meetingsHeld: number;
    expected: number;
    present: number;
    attendanceRate: number | null;
    grades: GradeCounts;
  };
  strikeOffWarnings: { memberId: number; fullName: string; unitId: number; absences: number; dates: string[] }[];
  thisMonth: { month: string; deadline: string; overdue: boolean; cellsWithoutMeeting: { unitId: number; unitName: string }[] };
}

export const emptyGrades = (): GradeCounts => ({ tot: 0, kha: 0, trung_binh: 0, kem: 0, ungraded: 0 });
const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/** A period [from, to) — to exclusive, null while open. */
export interface Period {
  from: string;
  to: string | null;
}

/**
 * What a cell did while it sat under the report's unit (the engine reads this from the
 * per-meeting facts): the periods it was there, and its held meetings within them.
 */
export interface CellPeriodFacts {
  unitId: number;
  name: string;
  periods: readonly Period[];
  /** Months 'YYYY-MM' with a held regular meeting. */
  regularMonths: readonly string[];
  /** The quarter 'YYYY-Qn' of each held thematic meeting (repeated per meeting). */
  thematicQuarters: readonly string[];
  /** Held meetings of the kinds with a member roll (regular, thematic, extraordinary). */
  meetingsHeld: number;
  expected: number;
  present: number;
  grades: GradeCounts;
}

/** Periods sorted, with touching or overlapping ones joined. */
export function mergePeriods(periods: readonly Period[]): Period[] {
  const sorted = [...periods].sort((a, b) => a.from.localeCompare(b.from));
  const out: Period[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && (last.to === null || last.to >= p.from)) {
      if (last.to !== null && (p.to === null || p.to > last.to)) last.to = p.to;
    } else out.push({ ...p });
  }
  return out;
}

/** Under the unit on every day from `first` to `last` (inclusive). */
export function coveredThroughout(periods: readonly Period[], first: string, last: string): boolean {
  return periods.some((p) => p.from <= first && (p.to === null || p.to > last));
}

/** Whether one of the periods covers every day from the earliest of the spans to the latest (then each of them). */
function coversAll(periods: readonly Period[], spans: readonly (readonly [string, string])[]): boolean {
  if (spans.length === 0) return false;
  let [first, last] = spans[0]!;
  for (const [a, b] of spans) {
    if (a < first) first = a;
    if (b > last) last = b;
  }
  return coveredThroughout(periods, first, last);
}

/** The months and quarters a report requires: wholly inside the period and ended by the report date. */
export function requiredMonthsAndQuarters(from: string, to: string, asOf: string): { months: string[]; quarters: string[] } {
  const end = to < asOf ? to : asOf;
  const months = monthsBetween(from, to).filter((m) => `${m}-01` >= from && lastDayOfMonth(m) <= end);
  const quarters = [...new Set(months.map((m) => quarterOf(`${m}-01`)))].filter((q) => quarterMonths(q).every((m) => months.includes(m)));
  return { months, quarters };
}

/** One cell's compliance over the required months and quarters. */
// First and last day of a month or quarter, computed once: a province report judges
// thousands of cells over the same few months.
const monthSpans = new Map<string, [string, string]>();
const quarterSpans = new Map<string, [string, string]>();
function monthSpan(m: string): [string, string] {
  let s = monthSpans.get(m);
  if (!s) {
    s = [`${m}-01`, lastDayOfMonth(m)];
    monthSpans.set(m, s);
  }
  return s;
}
function quarterSpan(q: string): [string, string] {
  let s = quarterSpans.get(q);
  if (!s) {
    const ms = quarterMonths(q);
    s = [`${ms[0]}-01`, lastDayOfMonth(ms[2]!)];
    quarterSpans.set(q, s);
  }
  return s;
}

export function cellCompliance(
  cell: CellPeriodFacts,
  months: readonly string[],
  quarters: readonly string[],
  rules: Pick<ComplianceRules, 'thematicPerQuarter'>,
): CellCompliance {
  const periods = cell.periods.length > 1 ? mergePeriods(cell.periods) : cell.periods;
  // Almost every cell sat under the unit from the first required month to the last: then
  // each is required, without a look at each (a province's report judges thousands of cells).
  const required = coversAll(periods, months.map(monthSpan)) ? months : months.filter((m) => coveredThroughout(periods, ...monthSpan(m)));
  const held = new Set(cell.regularMonths);
  const missingMonths = required.filter((m) => !held.has(m));
  const requiredQuarters = coversAll(periods, quarters.map(quarterSpan)) ? quarters : quarters.filter((q) => coveredThroughout(periods, ...quarterSpan(q)));
  const thematicByQuarter: Record<string, number> = {};
  for (const q of requiredQuarters) thematicByQuarter[q] = 0;
  for (const q of cell.thematicQuarters) if (q in thematicByQuarter) thematicByQuarter[q] = thematicByQuarter[q]! + 1;
  return {
    unitId: cell.unitId,
    unitName: cell.name,
    monthsRequired: required.length,
    monthsHeld: required.length - missingMonths.length,
    missingMonths,
    everyMonth: required.length > 0 ? missingMonths.length === 0 : null,
    thematicByQuarter,
    thematicEveryQuarter: requiredQuarters.length > 0 ? requiredQuarters.every((q) => thematicByQuarter[q]! >= rules.thematicPerQuarter) : null,
    meetingsHeld: cell.meetingsHeld,
    expected: cell.expected,
    present: cell.present,
    attendanceRate: ratio(cell.present, cell.expected),
    grades: { ...cell.grades },
  };
}

export function complianceSummary(cells: readonly CellCompliance[]): ComplianceResult['summary'] {
  const grades = emptyGrades();
  for (const c of cells) for (const g of [...QUALITY_GRADES, 'ungraded'] as const) grades[g] += c.grades[g];
  const monthlyApplicable = cells.filter((c) => c.everyMonth !== null);
  const thematicApplicable = cells.filter((c) => c.thematicEveryQuarter !== null);
  const expected = cells.reduce((s, c) => s + c.expected, 0);
  const present = cells.reduce((s, c) => s + c.present, 0);
  const cellsEveryMonth = monthlyApplicable.filter((c) => c.everyMonth).length;
  const cellsThematic = thematicApplicable.filter((c) => c.thematicEveryQuarter).length;
  return {
    cells: cells.length,
    cellsEveryMonth,
    cellsMonthlyApplicable: monthlyApplicable.length,
    cellsEveryMonthRate: ratio(cellsEveryMonth, monthlyApplicable.length),
    cellsThematicEveryQuarter: cellsThematic,
    cellsThematicApplicable: thematicApplicable.length,
    cellsThematicEveryQuarterRate: ratio(cellsThematic, thematicApplicable.length),
    meetingsHeld: cells.reduce((s, c) => s + c.meetingsHeld, 0),
    expected,
    present,
    attendanceRate: ratio(present, expected),
    grades,
  };
}

/** Cells present in the period at all (a cell under the unit only before or after it is not listed). */
export function presentInPeriod(periods: readonly Period[], from: string, end: string): boolean {
  return periods.some((p) => p.from <= end && (p.to === null || p.to > from));
}

/** The compliance report from meetings given one by one (cells with their founding and dissolution). */
export function computeCompliance(input: ComplianceInput): ComplianceResult {
  const { from, to, asOf, rules } = input;
  const end = to < asOf ? to : asOf; // ISO dates: the earlier of the two
  const { months, quarters } = requiredMonthsAndQuarters(from, to, asOf);
  const inPeriod = input.meetings.filter((m) => m.heldOn >= from && m.heldOn <= end);
  const cells: CellCompliance[] = [];
  for (const cell of input.cells) {
    const periods = [{ from: cell.establishedOn, to: cell.dissolvedOn }];
    if (!presentInPeriod(periods, from, end)) continue;
    const own = inPeriod.filter((m) => m.unitId === cell.unitId && m.held);
    const attended = own.filter((m) => CELL_MEETING_KINDS.includes(m.kind));
    const grades = emptyGrades();
    for (const m of attended) grades[m.grade ?? 'ungraded'] += 1;
    cells.push(
      cellCompliance(
        {
          unitId: cell.unitId,
          name: cell.name,
          periods,
          regularMonths: own.filter((m) => m.kind === 'regular').map((m) => monthOf(m.heldOn)),
          thematicQuarters: own.filter((m) => m.kind === 'thematic').map((m) => quarterOf(m.heldOn)),
          meetingsHeld: attended.length,
          expected: attended.reduce((s, m) => s + m.expected, 0),
          present: attended.reduce((s, m) => s + m.present, 0),
          grades,
        },
        months,
        quarters,
        rules,
      ),
    );
  }
  const plannedThisMonth = new Set(
    input.meetings.filter((m) => m.recorded && m.kind === 'regular' && monthOf(m.heldOn) === monthOf(asOf)).map((m) => m.unitId),
  );
  return {
    from,
    to,
    asOf,
    monthsRequired: months,
    quartersRequired: quarters,
    cells,
    summary: complianceSummary(cells),
    strikeOffWarnings: strikeOffWarnings(input.unexcusedAbsences, rules, { from, to: end }),
    thisMonth: thisMonthCheck(
      asOf,
      rules,
      input.cells.filter((c) => existedOn(c, asOf)).map((c) => ({ unitId: c.unitId, unitName: c.name })),
      plannedThisMonth,
    ),
  };
}

/** Cells (existing on the report date) with no regular meeting recorded in its month, and whether the plan deadline passed. */
export function thisMonthCheck(
  asOf: string,
  rules: Pick<ComplianceRules, 'planDeadlineDay'>,
  cellsOnDate: readonly { unitId: number; unitName: string }[],
  plannedThisMonth: ReadonlySet<number>,
): ComplianceResult['thisMonth'] {
  const month = monthOf(asOf);
  const deadline = `${month}-${String(rules.planDeadlineDay).padStart(2, '0')}`;
  return { month, deadline, overdue: asOf > deadline, cellsWithoutMeeting: cellsOnDate.filter((c) => !plannedThisMonth.has(c.unitId)) };
}

function existedOn(cell: CellFact, day: string): boolean {
  return cell.establishedOn <= day && (cell.dissolvedOn === null || cell.dissolvedOn > day);
}

export function quarterMonths(q: string): string[] {
  const [y, n] = q.split('-Q');
  const first = (Number(n) - 1) * 3 + 1;
  return [0, 1, 2].map((i) => `${y}-${String(first + i).padStart(2, '0')}`);
}

/**
 * Members whose absences without reason fall in N distinct months within some window of M
 * months ending inside the period (strike-off.ts); `absences` reach back before `from`.
 * The dates listed are the member's absences in the months of that window.
 */
export function strikeOffWarnings(absences: readonly AbsenceFact[], rules: StrikeOffRule, period: { from: string; to: string }) {
  const byMember = groupBy(absences, (a) => a.memberId);
  const out: ComplianceResult['strikeOffWarnings'] = [];
  for (const [memberId, list] of byMember) {
    const months = strikeOffMonths(
      list.map((a) => a.heldOn),
      rules,
      period,
    );
    if (!months) continue;
    const dates = list
      .map((a) => a.heldOn)
      .filter((d) => months.includes(d.slice(0, 7)))
      .sort();
    const last = [...list].sort((x, y) => x.heldOn.localeCompare(y.heldOn)).at(-1)!;
    out.push({ memberId, fullName: last.fullName, unitId: last.unitId, absences: dates.length, dates });
  }
  return out.sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
}
