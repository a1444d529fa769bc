// A date as people type it (in a form box or an import cell): 05/03/1980, 5/3/1980,
// 05031980, 5-3-1980, 5.3.1980 or 1980-03-05. One reader for the web form and the import,
// so both accept the same text; a day that does not exist (31/02/2025) is named as such
// rather than rolled over to March or replaced by another date.

export type TypedDate = { kind: 'empty' } | { kind: 'date'; iso: string } | { kind: 'unreadable' } | { kind: 'no_such_day' };

const pad2 = (n: number) => String(n).padStart(2, '0');

function isRealDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

function dayOf(y: number, m: number, d: number): TypedDate {
  if (!isRealDay(y, m, d)) return { kind: 'no_such_day' };
  return { kind: 'date', iso: `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}` };
}

export function readTypedDate(text: string): TypedDate {
  const s = text.trim();
  if (s === '') return { kind: 'empty' };
  let m = /^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})$/.exec(s);
  if (m) return dayOf(Number(m[4]), Number(m[3]), Number(m[1]));
  m = /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (m) return dayOf(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return dayOf(Number(m[1]), Number(m[2]), Number(m[3]));
  return { kind: 'unreadable' };
}
