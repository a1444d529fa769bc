// Names and colours of the meetings' codes, and the clock of Việt Nam (meeting times are
// Việt Nam times whatever the device's time zone).
import type { Translate } from '../../i18n/i18n.ts';
import type { AttendanceStatus, MeetingKind, QualityGrade } from './meetings-api.ts';

export const kindLabel = (t: Translate, kind: MeetingKind) => t(`meetings.kinds.${kind}`);
export const gradeLabel = (t: Translate, grade: QualityGrade) => t(`meetings.grades.${grade}`);
export const minutesLabel = (t: Translate, status: 'none' | 'draft' | 'adopted') => t(`meetings.minutesStatus.${status}`);
export const attendanceLabel = (t: Translate, status: AttendanceStatus | null) => t(`meetings.attendance.${status ?? 'unmarked'}`);

export const GRADE_COLORS: Record<QualityGrade, string> = { tot: 'green', kha: 'blue', trung_binh: 'gold', kem: 'red' };
export const MINUTES_COLORS = { none: 'default', draft: 'orange', adopted: 'green' } as const;
export const ATTENDANCE_COLORS: Record<AttendanceStatus, string> = { present: 'green', absent_excused: 'gold', absent_unexcused: 'red', on_duty: 'purple' };

const vietnamClock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "HH:MM" of an instant, in Việt Nam. */
export const vnTime = (at: string | Date): string => vietnamClock.format(typeof at === 'string' ? new Date(at) : at);

const vietnamDay = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });
/** "dd/mm/yyyy HH:MM" of an instant, in Việt Nam (like the meeting times beside it). */
export const vnDateTime = (at: string | null | undefined): string => (at ? `${vietnamDay.format(new Date(at))} ${vnTime(at)}` : '');

/** A ratio as a Vietnamese percentage: 0.9556 → "95,56%". */
export function percent(rate: number | null | undefined, lang: string): string {
  if (rate === null || rate === undefined) return '—';
  return rate.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { style: 'percent', maximumFractionDigits: 2 });
}
