// Months as the dues module speaks them: 'YYYY-MM' in the API and in code, the month's first
// day 'YYYY-MM-01' in the tables.
import { addMonths } from '../../domain/member-dates.ts';

/** 'YYYY-MM-01' of month 'YYYY-MM'. */
export const monthStart = (month: string) => `${month}-01`;
/** The month after 'YYYY-MM'. */
export const nextMonth = (month: string) => addMonths(monthStart(month), 1).slice(0, 7);
/** The last month that is over on `day` ('YYYY-MM-DD'): the month before the day's. */
export const lastMonthOverOn = (day: string) => addMonths(`${day.slice(0, 7)}-01`, -1).slice(0, 7);
/** The last day 'YYYY-MM-DD' of month 'YYYY-MM'. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}
/** The days of months `from` to `to` (one month when `to` is left out), both included. */
export const monthsSpan = (from: string, to = from) => ({ from: monthStart(from), to: monthEnd(to) });
/** Every month from `from` to `to`, both included ('YYYY-MM'). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length < 1200; m = nextMonth(m)) out.push(m);
  return out;
}
