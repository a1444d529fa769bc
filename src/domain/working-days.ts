// Working days (ngày làm việc) for deadlines such as "the ceremony within 30 working days of
// the decision": Monday to Friday, less the public holidays of the rule set in force
// (src/domain/rules/public-holidays/, Bộ luật Lao động 2019 Điều 112) — Tết and Giỗ Tổ from
// the lunar calendar — less a compensating day for each holiday that falls on a weekend
// (Điều 111), then the days an admin enters for a year: extra days off and make-up working
// days (the Prime Minister's yearly decision swaps days around Tết and 2/9).
import { z } from 'zod';
import { addDays } from './calendar.ts';
import { lunarToSolar } from './lunar-calendar.ts';
import { type RuleSet, ruleSetInForce } from './rules/load-rule-set.ts';

const dayOfMonth = z.object({ key: z.string(), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) });

export const holidayRulesSchema = z.object({
  /** Days of the week with no work: 0 Sunday … 6 Saturday. */
  weekendDays: z.array(z.number().int().min(0).max(6)),
  solar: z.array(dayOfMonth),
  lunar: z.array(dayOfMonth),
  /** Tết Nguyên đán: days before the 1st of the first lunar month, and days from it (itself included). */
  lunarNewYear: z.object({ key: z.string(), daysBeforeFirstDay: z.number().int().min(0), daysFromFirstDay: z.number().int().min(1) }),
  /** Quốc khánh's second day: the day before 2/9, or after it when the day before is a weekend day. */
  nationalDayAdjacent: z.object({ key: z.string(), prefer: z.enum(['before', 'after']) }).nullable(),
  compensateWeekendClash: z.boolean(),
  notes: z.object({ vi: z.string(), en: z.string() }),
});
export type HolidayRules = z.infer<typeof holidayRulesSchema>;

/** Days an admin enters for the years concerned ('YYYY-MM-DD'): more days off, and weekend days made working days. */
export interface CalendarAdjustments {
  daysOff: readonly string[];
  workingDays: readonly string[];
}
export const NO_ADJUSTMENTS: CalendarAdjustments = { daysOff: [], workingDays: [] };

export interface Holiday {
  date: string;
  /** Message key under calendar.holiday. */
  key: string;
  /** A compensating day (nghỉ bù) for a holiday on a weekend day. */
  compensating: boolean;
}

const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();
const pad = (n: number) => String(n).padStart(2, '0');

export function holidayRulesOn(date: string, candidates: readonly RuleSet[] = []): RuleSet<HolidayRules> {
  return ruleSetInForce('public-holidays', date, holidayRulesSchema, candidates);
}

/** The public holidays of Gregorian year `year` under `rules`, compensating days included, in date order. */
export function holidaysOf(year: number, rules: HolidayRules): Holiday[] {
  const isWeekend = (d: string) => rules.weekendDays.includes(weekday(d));
  const days: Holiday[] = [];
  const add = (date: string, key: string) => {
    if (date.startsWith(`${year}-`) && !days.some((h) => h.date === date)) days.push({ date, key, compensating: false });
  };
  for (const h of rules.solar) add(`${year}-${pad(h.month)}-${pad(h.day)}`, h.key);
  // Tết of the lunar year starting in `year` lies in January or February, so its days before the 1st stay in `year`.
  for (const h of rules.lunar) add(lunarToSolar(year, h.month, h.day), h.key);
  const tet = lunarToSolar(year, 1, 1);
  const { key, daysBeforeFirstDay, daysFromFirstDay } = rules.lunarNewYear;
  for (let i = -daysBeforeFirstDay; i < daysFromFirstDay; i += 1) add(addDays(tet, i), key);
  if (rules.nationalDayAdjacent) {
    const before = `${year}-09-01`;
    const after = `${year}-09-03`;
    const first = rules.nationalDayAdjacent.prefer === 'before' ? before : after;
    const second = first === before ? after : before;
    add(isWeekend(first) ? second : first, rules.nationalDayAdjacent.key);
  }
  days.sort((a, b) => a.date.localeCompare(b.date));
  if (rules.compensateWeekendClash) {
    const taken = new Set(days.map((h) => h.date));
    for (const h of days.filter((d) => isWeekend(d.date))) {
      let d = addDays(h.date, 1);
      while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
      taken.add(d);
      days.push({ date: d, key: h.key, compensating: true });
    }
    days.sort((a, b) => a.date.localeCompare(b.date));
  }
  return days;
}

// Holidays of a year never change for a rule set, and deadlines walk day by day: keep them.
const yearCache = new WeakMap<HolidayRules, Map<number, Set<string>>>();

function holidayDates(year: number, rules: HolidayRules): Set<string> {
  let byYear = yearCache.get(rules);
  if (!byYear) {
    byYear = new Map();
    yearCache.set(rules, byYear);
  }
  let dates = byYear.get(year);
  if (!dates) {
    dates = new Set(holidaysOf(year, rules).map((h) => h.date));
    byYear.set(year, dates);
  }
  return dates;
}

/** Whether `date` is a working day: under the holiday rules in force that day and the admin's days for it. */
export function isWorkingDay(date: string, adjustments: CalendarAdjustments = NO_ADJUSTMENTS, candidates: readonly RuleSet[] = []): boolean {
  if (adjustments.workingDays.includes(date)) return true;
  if (adjustments.daysOff.includes(date)) return false;
  const rules = holidayRulesOn(date, candidates).body;
  if (rules.weekendDays.includes(weekday(date))) return false;
  return !holidayDates(Number(date.slice(0, 4)), rules).has(date);
}

/**
 * The `n`th working day after `from` (from itself not counted): a deadline "within n working
 * days of" a decision dated `from`. n = 0 gives `from`.
 */
export function addWorkingDays(from: string, n: number, adjustments: CalendarAdjustments = NO_ADJUSTMENTS, candidates: readonly RuleSet[] = []): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
  let d = from;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d, adjustments, candidates)) left -= 1;
  }
  return d;
}

/** Working days after `from` up to and including `to`; negative when `to` is before `from`. */
export function workingDaysBetween(from: string, to: string, adjustments: CalendarAdjustments = NO_ADJUSTMENTS, candidates: readonly RuleSet[] = []): number {
  if (to < from) return -workingDaysBetween(to, from, adjustments, candidates);
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, adjustments, candidates)) count += 1;
  return count;
}
