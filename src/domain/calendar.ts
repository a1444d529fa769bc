// Calendar helpers for members: "today" is the date in Việt Nam (a server in UTC would
// otherwise turn the day over at 07:00), ages in whole years, and the birth-date bounds
// that turn an age band into a plain date range an index can use.

/** Today's date in Việt Nam (UTC+7 all year, no daylight saving), 'YYYY-MM-DD'. */
export function todayInVietnam(now: Date = new Date()): string {
  return isoDate(now.getTime() + 7 * 3600_000);
}

/** Age in whole years on `on` of someone born on `dateOfBirth` (both 'YYYY-MM-DD'). */
export function ageOn(dateOfBirth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return on.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The same month and day `years` earlier; 29/2 falls back to 28/2 in a common year. */
export function yearsBefore(on: string, years: number): string {
  const year = Number(on.slice(0, 4)) - years;
  const monthDay = on.slice(5) === '02-29' && !isLeap(year) ? '02-28' : on.slice(5);
  return `${String(year).padStart(4, '0')}-${monthDay}`;
}

/**
 * Birth dates of people aged between `ageFrom` and `ageTo` (inclusive) on `on`:
 * born on or before `bornOnOrBefore` and strictly after `bornAfter`.
 */
export function birthDateBounds(on: string, ageFrom?: number, ageTo?: number): { bornOnOrBefore?: string; bornAfter?: string } {
  return {
    ...(ageFrom !== undefined ? { bornOnOrBefore: yearsBefore(on, ageFrom) } : {}),
    ...(ageTo !== undefined ? { bornAfter: yearsBefore(on, ageTo + 1) } : {}),
  };
}

const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The date `days` later (earlier when negative), counted in UTC so no time zone shifts a day.
 * By the day's number, not by parsing text (the nation demo calls it ~50 M times); anything
 * else — a text that is not a plain 'YYYY-MM-DD' from the year 100 on (Date.UTC reads the
 * years 0-99 as 1900-1999), a fraction of a day — goes through Date as before, errors included.
 */
export function addDays(iso: string, days: number): string {
  const plain = PLAIN_DATE.test(iso) && Number.isInteger(days);
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  const day = Number(iso.slice(8, 10));
  if (!plain || month < 1 || month > 12 || day < 1 || day > 31 || year < 100) {
    const d = new Date(`${iso}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return isoDate(d.getTime());
  }
  return isoDate(Date.UTC(year, month - 1, day + days));
}

/** A UTC time's date as 'YYYY-MM-DD' (years 0-9999), what `toISOString().slice(0, 10)` gives, without building the whole text. */
export function isoDate(time: number): string {
  const d = new Date(time);
  const year = d.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) return d.toISOString().slice(0, 10);
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** 'YYYY-MM-DD' → 'dd/mm/yyyy', the way dates are shown to people. */
export function formatDateVi(date: string | null): string {
  if (!date) return '';
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** 'YYYY-MM' → 'mm/yyyy', a month the way it is written on paper. */
export function formatMonthVi(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

/** 'YYYY-Qn' → its number and year, for "Quý 1/2026" (the words are the caller's, per language). */
export function quarterParts(quarter: string): { n: number; year: string } {
  const [year, n] = quarter.split('-Q');
  return { n: Number(n), year: year! };
}

/** Days in month `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * `iso` ('YYYY-MM-DD') plus `months` calendar months; a day past the month's end falls on its
 * last day (31/01 + 1 → 28/02, 29/02 + 12 → 28/02). By numbers, not Date: a dues ledger of a
 * province calls it millions of times.
 */
export function addMonths(iso: string, months: number): string {
  const total = Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1 + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(Number(iso.slice(8, 10)), daysInMonth(year, month)))}`;
}

/** The last day 'YYYY-MM-DD' of month 'YYYY-MM'. */
export function lastDayOfMonth(month: string): string {
  return `${month}-${pad(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7))))}`;
}

/** Every 'YYYY-MM' from the month of `from` to the month of `to` (each 'YYYY-MM' or a date), inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const index = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
  const out: string[] = [];
  for (let i = index(from), end = index(to); i <= end; i++) out.push(`${pad(Math.floor(i / 12), 4)}-${pad((i % 12) + 1)}`);
  return out;
}
