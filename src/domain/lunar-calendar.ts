// The Vietnamese lunar calendar (âm lịch), computed for UTC+7. It differs from the Chinese
// calendar (UTC+8) in some years — Tết 2007 and 2030 fall a day earlier in Việt Nam — so
// a Chinese-calendar library would put Tết on the wrong day. The conversion is done by
// @dqcai/vn-lunar (Hồ Ngọc Đức's tables, no dependencies, no binary); this file is the
// only place that imports it, so another library is a one-file change.
import { LunarCalendar } from '@dqcai/vn-lunar';

const pad = (n: number) => String(n).padStart(2, '0');

/** The solar date 'YYYY-MM-DD' of lunar day/month (not the leap month) of lunar year `year`. */
export function lunarToSolar(year: number, month: number, day: number): string {
  const s = LunarCalendar.fromLunar(day, month, year, false).solarDate;
  // Outside its tables (1200–2199) the library answers 0/0/0.
  if (!s.year) throw new RangeError(`no lunar date ${day}/${month}/${year}`);
  return `${s.year}-${pad(s.month)}-${pad(s.day)}`;
}
