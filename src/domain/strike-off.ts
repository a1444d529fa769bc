// The striking-off warning (RULES §3, Điều lệ Đảng): a member who abandons activities for
// 3 months within a year without good reason is proposed for striking off. What counts is
// months, not meetings: three absences without reason in one March are one month; the
// window is any run of 12 calendar months, and it may start before the report's period
// (absences in February and March count towards a warning raised in April's quarter).

export interface StrikeOffRule {
  /** How many distinct months with an absence without reason raise the warning. */
  strikeOffUnexcusedAbsences: number;
  /** The window, in calendar months (12: a year). */
  strikeOffWindowMonths: number;
}

/** 'YYYY-MM' → a month number, so that consecutive months differ by 1. */
const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/**
 * The months 'YYYY-MM' of the earliest window that raises the warning and ends inside the
 * period (its last absence falls in a month from `from` to `to`), or null. `dates` are the
 * member's absences without reason, from far enough back (the window before `from`).
 */
export function strikeOffMonths(dates: readonly string[], rule: StrikeOffRule, period: { from: string; to: string }): string[] | null {
  const months = [...new Set(dates.map((d) => d.slice(0, 7)))].sort();
  const n = rule.strikeOffUnexcusedAbsences;
  const [first, last] = [period.from.slice(0, 7), period.to.slice(0, 7)];
  for (let i = 0; i + n - 1 < months.length; i += 1) {
    const end = months[i + n - 1]!;
    if (end < first || end > last) continue;
    if (monthIndex(end) - monthIndex(months[i]!) < rule.strikeOffWindowMonths) return months.slice(i, i + n);
  }
  return null;
}

/** The first month 'YYYY-MM-01' whose absences can still count towards a warning raised in the month of `from`. */
export function strikeOffLookback(from: string, rule: StrikeOffRule): string {
  const i = monthIndex(from.slice(0, 7)) - (rule.strikeOffWindowMonths - 1);
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`;
}
