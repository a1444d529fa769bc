// Dates: the API speaks 'YYYY-MM-DD', people read and type dd/mm/yyyy.
import dayjs, { type Dayjs } from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';

dayjs.extend(customParseFormat);

export const ISO = 'YYYY-MM-DD';
export const DISPLAY = 'DD/MM/YYYY';
/** What a date box accepts when typed: 05/03/1980, 5/3/1980, 05031980, 1980-03-05. */
export const INPUT_FORMATS = [DISPLAY, 'D/M/YYYY', 'DDMMYYYY', 'D-M-YYYY', ISO];

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
export const toIso = (d: Dayjs | null | undefined): string | null => (d?.isValid() ? d.format(ISO) : null);
export const fromIso = (iso: string | null | undefined): Dayjs | null => (iso ? dayjs(iso, ISO, true) : null);
