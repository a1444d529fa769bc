// Accounts handed out to a whole cell on paper: a username a member can read and type
// (the name without diacritics and the two digits of the birth year) and a one-time
// password without look-alike characters (no 0/o, 1/l/i), changed at first login.
import { randomInt } from 'node:crypto';
import { foldForSearch } from './vietnamese.ts';

/** 'Nguyễn Văn Đức', born 1980 → 'nguyenvanduc80'; a taken name gets '.2', '.3' … */
export function accountUsername(fullName: string, dateOfBirth: string, taken: ReadonlySet<string>): string {
  const letters =
    foldForSearch(fullName)
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 40) || 'dangvien';
  const base = `${letters}${dateOfBirth.slice(2, 4)}`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}.${n}`)) return `${base}.${n}`;
}

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Three groups of four, e.g. 'k7pm-x3qa-9tce': 60 bits, easy to copy from a printed sheet. */
export function oneTimePassword(random: (max: number) => number = randomInt): string {
  const group = () => Array.from({ length: 4 }, () => ALPHABET[random(ALPHABET.length)]).join('');
  return `${group()}-${group()}-${group()}`;
}
