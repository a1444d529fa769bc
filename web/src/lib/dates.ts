// Dates: the API speaks 'YYYY-MM-DD', people read and type dd/mm/yyyy.
import dayjs, { type Dayjs } from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import { readTypedDate } from '../../../src/domain/typed-date.ts';

dayjs.extend(customParseFormat);

export const ISO = 'YYYY-MM-DD';
export const DISPLAY = 'DD/MM/YYYY';
/** What a date box accepts when typed: 05/03/1980, 5/3/1980, 05031980, 1980-03-05. */
export const INPUT_FORMATS = [DISPLAY, 'D/M/YYYY', 'DDMMYYYY', 'D-M-YYYY', ISO];

/** A month 'YYYY-MM' as people write it: '03/2026'. */
export const showMonth = (month: string): string => `${month.slice(5, 7)}/${month.slice(0, 4)}`;

export function showDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso.slice(0, 10), ISO, true);
  return d.isValid() ? d.format(DISPLAY) : iso;
}

export function showDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.format('DD/MM/YYYY HH:mm') : iso;
}

// "Today" is the date in Việt Nam, as on the server, whatever the device's time zone.
const vietnamDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });
export const todayIso = (): string => vietnamDate.format(new Date());
/** The day in Việt Nam of an instant (an ISO timestamp or epoch ms), as 'YYYY-MM-DD'. */
export const vietnamDayOf = (at: string | number): string => vietnamDate.format(new Date(at));
export const toIso = (d: Dayjs | null | undefined): string | null => (d?.isValid() ? d.format(ISO) : null);
export const fromIso = (iso: string | null | undefined): Dayjs | null => (iso ? dayjs(iso, ISO, true) : null);
export const isIso = (v: string | null): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v) && dayjs(v, ISO, true).isValid();
/** A day to read the tree or figures on (from an address, ?at= or ?date=, or a meeting's day), if it is a real day up to today; a later or broken one means today (null): nothing exists for a later day. */
export const dayUpToToday = (asked: string | null): string | null => (isIso(asked) && asked <= todayIso() ? asked : null);

/** What is wrong with a typed date, as a message key, or null when it is a date we accept. */
export type DateProblem = 'dates.unreadable' | 'dates.noSuchDay' | 'dates.future' | 'dates.outOfRange';

/**
 * Reads a date box: the ISO date, or the problem to show beside it. The range is the
 * server's (1900–2100); `notFuture` refuses a day after today in Việt Nam.
 */
export function checkTypedDate(text: string, opts: { notFuture?: boolean } = {}): { iso: string | null; problem: DateProblem | null } {
  const read = readTypedDate(text);
  if (read.kind === 'empty') return { iso: null, problem: null };
  if (read.kind === 'unreadable') return { iso: null, problem: 'dates.unreadable' };
  if (read.kind === 'no_such_day') return { iso: null, problem: 'dates.noSuchDay' };
  if (read.iso < '1900-01-01' || read.iso > '2100-12-31') return { iso: null, problem: 'dates.outOfRange' };
  if (opts.notFuture && read.iso > todayIso()) return { iso: null, problem: 'dates.future' };
  return { iso: read.iso, problem: null };
}

/** A form's date value when it is a date ('YYYY-MM-DD'), null while it is typed text being corrected. */
export const asIso = (v: string | null | undefined): string | null => (typeof v === 'string' && isIso(v) ? v : null);
