// The grounds the system finds for proposing to strike a member off (xóa tên, Điều lệ Đảng
// Điều 8; RULES §3): absence without reason from the cell's meetings in 3 months within a
// year, and dues unpaid for 3 months within a year. Both are the one window of
// strike-off.ts; each ground carries the months it found, for the proposal to show.
import type { MonthWindow, StrikeOffRule } from './strike-off.ts';
import { repeatedMonths, strikeOffMonths } from './strike-off.ts';

export interface StrikeOffFacts {
  /** Days of held meetings the member missed without reason, reaching back a window before `from`. */
  absenceDates: readonly string[];
  /** Months 'YYYY-MM' whose dues stayed unpaid (from the dues module), as far back. */
  unpaidMonths: readonly string[];
}

export interface StrikeOffGround {
  reason: 'absence' | 'dues';
  months: string[];
}

export function strikeOffGrounds(
  facts: StrikeOffFacts,
  rules: { meetings: StrikeOffRule; dues: MonthWindow },
  period: { from: string; to: string },
): StrikeOffGround[] {
  const grounds: StrikeOffGround[] = [];
  const absence = strikeOffMonths(facts.absenceDates, rules.meetings, period);
  if (absence) grounds.push({ reason: 'absence', months: absence });
  const dues = repeatedMonths(facts.unpaidMonths, rules.dues, period);
  if (dues) grounds.push({ reason: 'dues', months: dues });
  return grounds;
}
