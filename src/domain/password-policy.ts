// Which passwords people may choose: long enough to resist guessing (passphrases welcome,
// Vietnamese letters counted as the letters they are), not among the passwords tried
// first (a published list of common passwords, plus the ones common here), and not the
// username. Pure: returns the message key of the first rule broken, or null.
import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS, passwordLength } from './password-length.ts';
import { foldForSearch } from './vietnamese.ts';

// Common in Vietnam and for this application (its name, the demo password), which the
// international list does not hold. Compared after folding diacritics and case.
const COMMON_HERE = [
  'chibo',
  'chibo@2026',
  'matkhau',
  'matkhaumoi',
  'anhyeuem',
  'emyeuanh',
  'yeuem',
  'yeuanh',
  'iloveyou',
  'vietnam',
  'hanoi',
  'saigon',
  'hochiminh',
  'dangvien',
  'dangcongsan',
  'dangbo',
  'bithu',
  'chibo2026',
  'quehuong',
  'tocquoc',
];

let common: Set<string> | undefined;
const commonPasswords = () => (common ??= new Set([...dictionary['passwords-common'], ...COMMON_HERE].map((p) => p.toLowerCase())));

export type PasswordProblem =
  | 'auth.password_too_short'
  | 'auth.password_too_long'
  | 'auth.password_too_simple'
  | 'auth.password_common'
  | 'auth.password_has_username';

export function passwordProblem(password: string, username: string): PasswordProblem | null {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_CHARS) return 'auth.password_too_short';
  if (length > PASSWORD_MAX_CHARS) return 'auth.password_too_long';
  if (new Set(password.normalize('NFC').toLowerCase().replace(/\s/g, '')).size < 4) return 'auth.password_too_simple';
  const lower = password.normalize('NFC').toLowerCase();
  const folded = foldForSearch(password);
  // The word inside a decoration: 'Password2026!', 'chibo@2026'.
  const core = folded.replace(/^[^a-z]+|[^a-z]+$/g, '');
  const list = commonPasswords();
  if (list.has(lower) || list.has(folded) || (core.length >= 4 && list.has(core))) return 'auth.password_common';
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && (lower.includes(name) || folded.includes(name))) return 'auth.password_has_username';
  return null;
}
