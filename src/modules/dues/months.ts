// Months as the dues module speaks them: 'YYYY-MM' in the API and in code, the month's first
// day 'YYYY-MM-01' in the tables.
import { addMonths, lastDayOfMonth } from '../../domain/calendar.ts';

/** 'YYYY-MM-01' of month 'YYYY-MM'. */
export const monthStart = (month: string) => `${month}-01`;
/** The last month that is over on `day` ('YYYY-MM-DD'): the month before the day's. */
export const lastMonthOverOn = (day: string) => addMonths(`${day.slice(0, 7)}-01`, -1).slice(0, 7);
/** The days of months `from` to `to` (one month when `to` is left out), both included. */
export const monthsSpan = (from: string, to = from) => ({ from: monthStart(from), to: lastDayOfMonth(to) });
