// Bands the party's statistics group members by, and the one shape of a share.
// Age bands follow the member statistics of the organisation boards: young members
// "dưới 30 tuổi" (đảng viên trẻ), then 30–40, 41–50, 51–60, "trên 60". Party age (tuổi
// Đảng) is counted in whole years from admission (kết nạp): under 10 years, then decades,
// 40 years and over; the party badge thresholds (Huy hiệu 30, 40, 45, 50, 55, 60+ năm) are
// listed for the badge figures that later modules add.
// The figures engine counts whole years in SQL and bands them with these tables (bandOf),
// so the bands live once.

export interface Band {
  key: string;
  min: number;
  max: number | null;
}

export const AGE_BANDS: readonly Band[] = [
  { key: 'duoi_30', min: 0, max: 29 },
  { key: '30_40', min: 30, max: 40 },
  { key: '41_50', min: 41, max: 50 },
  { key: '51_60', min: 51, max: 60 },
  { key: 'tren_60', min: 61, max: null },
];

export const PARTY_AGE_BANDS: readonly Band[] = [
  { key: 'duoi_10', min: 0, max: 9 },
  { key: '10_19', min: 10, max: 19 },
  { key: '20_29', min: 20, max: 29 },
  { key: '30_39', min: 30, max: 39 },
  { key: 'tu_40', min: 40, max: null },
];

/** Key of a member whose admission date is not recorded. */
export const UNKNOWN_KEY = 'khong_ro';

export const PARTY_BADGE_YEARS: readonly number[] = [30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90];

/** Whole years from `from` to `on` (both 'YYYY-MM-DD'): a birthday counts on the day itself. */
export function wholeYears(from: string, on: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - fy - (m < fm || (m === fm && d < fd) ? 1 : 0);
}

/** The band holding `value`; values under the first band fall into it (a negative age is a data error, not a band). */
export function bandOf(value: number, bands: readonly Band[]): string {
  for (const b of bands) if (b.max === null || value <= b.max) return b.key;
  return bands[bands.length - 1]!.key;
}

export const ageBandOn = (dateOfBirth: string, on: string) => bandOf(wholeYears(dateOfBirth, on), AGE_BANDS);
export const partyAgeBandOn = (admittedOn: string | null, on: string) =>
  admittedOn === null || admittedOn > on ? UNKNOWN_KEY : bandOf(wholeYears(admittedOn, on), PARTY_AGE_BANDS);

/** A figure with its denominator stated: the web shows n/of as 41,52%. */
export interface Share {
  n: number;
  of: number;
}
export const share = (n: number, of: number): Share => ({ n, of });

/** Counts keyed by band, in the bands' order, every band present (0 included), extra keys after. */
export function inBandOrder(counts: ReadonlyMap<string, number>, bands: readonly Band[], extra: readonly string[] = []): { key: string; n: number }[] {
  const keys = [...bands.map((b) => b.key), ...extra];
  const out = keys.map((key) => ({ key, n: counts.get(key) ?? 0 })).filter((r, i) => i < bands.length || r.n > 0);
  for (const [key, n] of counts) if (!keys.includes(key)) out.push({ key, n });
  return out;
}
