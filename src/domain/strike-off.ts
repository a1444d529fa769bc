// The striking-off warning (RULES §3, Điều lệ Đảng): a member who abandons activities for
// 3 months within a year without good reason is proposed for striking off. What counts is
// months, not meetings: three absences without reason in one March are one month; the
// window is any run of 12 calendar months, and it may start before the report's period
// (absences in February and March count towards a warning raised in April's quarter).
// Dues unpaid "3 months within a year" (src/domain/party-dues.ts) use the same window.

export interface StrikeOffRule {
  /** How many distinct months with an absence without reason raise the warning. */
  strikeOffUnexcusedAbsences: number;
  /** The window, in calendar months (12: a year). */
  strikeOffWindowMonths: number;
}

/** 'YYYY-MM' → a month number, so that consecutive months differ by 1. */
const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** How many distinct months within how long a window raise a warning (absences without reason, unpaid dues). */
export interface MonthWindow {
  months: number;
  windowMonths: number;
}

/**
 * The months 'YYYY-MM' of the earliest window of `rule.months` distinct months, spanning fewer
 * than `rule.windowMonths` calendar months, whose last month falls in the period (from `from`
 * to `to`), or null. `dates` ('YYYY-MM-DD' or 'YYYY-MM') go back far enough: the window before
 * `from`. The one mechanism behind "3 months within a year", for absences and for dues alike.
 */
export function repeatedMonths(dates: readonly string[], rule: MonthWindow, period: { from: string; to: string }): string[] | null {
  const months = [...new Set(dates.map((d) => d.slice(0, 7)))].sort();
  const n = rule.months;
  const [first, last] = [period.from.slice(0, 7), period.to.slice(0, 7)];
  for (let i = 0; i + n - 1 < months.length; i += 1) {
    const end = months[i + n - 1]!;
    if (end < first || end > last) continue;
    if (monthIndex(end) - monthIndex(months[i]!) < rule.windowMonths) return months.slice(i, i + n);
  }
  return null;
}

/**
 * The months 'YYYY-MM' of the earliest window that raises the warning and ends inside the
 * period (its last absence falls in a month from `from` to `to`), or null. `dates` are the
 * member's absences without reason, from far enough back (the window before `from`).
 */
export function strikeOffMonths(dates: readonly string[], rule: StrikeOffRule, period: { from: string; to: string }): string[] | null {
  return repeatedMonths(dates, { months: rule.strikeOffUnexcusedAbsences, windowMonths: rule.strikeOffWindowMonths }, period);
}

/** The first month 'YYYY-MM-01' whose entries can still count towards a window ending in the month of `from`. */
export function windowLookback(from: string, windowMonths: number): string {
  const i = monthIndex(from.slice(0, 7)) - (windowMonths - 1);
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`;
}

/** The first month 'YYYY-MM-01' whose absences can still count towards a warning raised in the month of `from`. */
export function strikeOffLookback(from: string, rule: StrikeOffRule): string {
  return windowLookback(from, rule.strikeOffWindowMonths);
}
