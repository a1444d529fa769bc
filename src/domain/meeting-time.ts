// Meeting times live in Vietnam time (UTC+7 all year, no daylight saving): a plan says
// "05/03/2026, 08:00–10:00" and that is what members read, whatever the server's zone.
import { todayInVietnam } from './calendar.ts';

const OFFSET_MS = 7 * 3600_000;

/** '2026-03-05' + '08:00' in Vietnam → the instant. */
export function vnDateTime(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+07:00`);
}

/** The Vietnam wall-clock 'HH:MM' of an instant. */
export function vnTime(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(11, 16);
}

/** The Vietnam calendar date 'YYYY-MM-DD' of an instant. */
export function vnDate(at: Date): string {
  return todayInVietnam(at);
}

/** 'HH:MM' → minutes after midnight. */
export function clockMinutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h! * 60 + m!;
}

/** Minutes from one 'HH:MM' to a later one on the same day (null when not later). */
export function durationMinutes(from: string, to: string): number | null {
  const d = clockMinutes(to) - clockMinutes(from);
  return d > 0 ? d : null;
}

/**
 * The date line of a party document: "ngày 05 tháng 3 năm 2026". Days below 10 and the
 * months January and February take a leading zero, so no digit can be added later.
 */
export function documentDateLine(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const month = m! <= 2 ? String(m).padStart(2, '0') : String(m);
  return `ngày ${String(d).padStart(2, '0')} tháng ${month} năm ${y}`;
}

/** 'YYYY-MM' of a date. */
export const monthOf = (iso: string) => iso.slice(0, 7);

/** 'YYYY-Qn' of a date. */
export function quarterOf(iso: string): string {
  const m = Number(iso.slice(5, 7));
  return `${iso.slice(0, 4)}-Q${Math.ceil(m / 3)}`;
}
