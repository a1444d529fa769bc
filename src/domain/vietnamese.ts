// Vietnamese text rules: search that ignores case and diacritics (đ = d), and people
// sorted the Vietnamese way — by given name, then family and middle names, in the
// Vietnamese alphabet (a ă â b c d đ e ê …), tones as a tie-breaker.

const COMBINING = /[\u0300-\u036f]/g;

/** Lower-case, no diacritics, đ → d, single spaces: the form stored for search. */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(COMBINING, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}

const ALPHABET = [
  'a',
  'ă',
  'â',
  'b',
  'c',
  'd',
  'đ',
  'e',
  'ê',
  'f',
  'g',
  'h',
  'i',
  'j',
  'k',
  'l',
  'm',
  'n',
  'o',
  'ô',
  'ơ',
  'p',
  'q',
  'r',
  's',
  't',
  'u',
  'ư',
  'v',
  'w',
  'x',
  'y',
  'z',
];
const LETTER_RANK = new Map(ALPHABET.map((letter, i) => [letter, i]));
// Dictionary order of tones: ngang, huyền, hỏi, ngã, sắc, nặng.
const TONE_RANK = new Map([
  ['\u0300', 1],
  ['\u0309', 2],
  ['\u0303', 3],
  ['\u0301', 4],
  ['\u0323', 5],
]);
const SHAPE_MARKS = new Set(['\u0306', '\u0302', '\u031b']); // breve, circumflex, horn

interface Letter {
  base: string;
  tone: number;
}

// Each character decomposed once: decomposing every character of every name anew cost a
// quarter of the nation demo's generation (5.6 M names; 03/12), and an import pays it per row.
const LETTERS = new Map<string, Letter>();

/** A character (lower case, NFC) as its base letter (shape marks kept) and tone. */
function letterOf(ch: string): Letter {
  let letter = LETTERS.get(ch);
  if (!letter) {
    const parts = [...ch.normalize('NFD')];
    let tone = 0;
    const shapes: string[] = [];
    for (const mark of parts.slice(1)) {
      if (TONE_RANK.has(mark)) tone = TONE_RANK.get(mark)!;
      else if (SHAPE_MARKS.has(mark)) shapes.push(mark);
    }
    letter = { base: (parts[0]! + shapes.join('')).normalize('NFC'), tone };
    // Names use a few hundred characters; any text may bring more, so the memory is bounded.
    if (LETTERS.size >= 10_000) LETTERS.clear();
    LETTERS.set(ch, letter);
  }
  return letter;
}

/**
 * A text's letters mapped to characters that compare in Vietnamese order under the "C"
 * collation (a space sorts before every letter, so "An" comes before "Anh"), and its
 * letters' tones, one digit each.
 */
function sortParts(text: string): { primary: string; tones: string } {
  let primary = '';
  let tones = '';
  for (const ch of text.toLowerCase().normalize('NFC')) {
    const { base, tone } = letterOf(ch);
    if (base === ' ') {
      primary += ' ';
      continue;
    }
    const rank = LETTER_RANK.get(base);
    primary += rank === undefined ? base : String.fromCharCode(0x41 + rank);
    tones += String(tone);
  }
  return { primary, tones };
}

export interface NameParts {
  given: string;
  rest: string;
}

/** "Nguyễn Văn Thắng" → given "Thắng", rest "Nguyễn Văn". */
export function splitName(fullName: string): NameParts {
  const words = fullName.trim().split(/\s+/);
  const given = words.pop() ?? '';
  return { given, rest: words.join(' ') };
}

/** A key that sorts people in Vietnamese order with a plain byte comparison (COLLATE "C"). */
export function personSortKey(fullName: string): string {
  const { given, rest } = splitName(fullName);
  const g = sortParts(given);
  const r = sortParts(rest);
  return `${g.primary}!${r.primary}#${g.tones}${r.tones}`;
}

/** Compares two names the Vietnamese way (for sorting in memory). */
export function compareVietnameseNames(a: string, b: string): number {
  const ka = personSortKey(a);
  const kb = personSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

const unitCollator = new Intl.Collator('vi', { numeric: true });

/**
 * Compares two unit names the Vietnamese way, numbers by value: "Chi bộ Ấp Bắc" before
 * "Chi bộ Bình" (Ấ comes with A), "Chi bộ thôn 2" before "Chi bộ thôn 10". The one order
 * for lists of cells and units, on the server and in the web app.
 */
export function compareUnitNames(a: string, b: string): number {
  return unitCollator.compare(a, b);
}

/**
 * Each distinct name's place in compareUnitNames order: several lists of the same names
 * sorted with one sort. Names the order holds equal ("thôn 2" and "thôn 02", one text
 * composed and the other not) share a rank, so a tie is still broken by the caller.
 */
export function unitNameRanks(names: Iterable<string>): Map<string, number> {
  const sorted = [...new Set(names)].sort(compareUnitNames);
  const ranks = new Map<string, number>();
  let rank = 0;
  sorted.forEach((name, i) => {
    if (i > 0 && compareUnitNames(sorted[i - 1]!, name) !== 0) rank = i;
    ranks.set(name, rank);
  });
  return ranks;
}

/** Normalises spacing and capitalises each word: "nguyễn  văn thắng" → "Nguyễn Văn Thắng". */
export function normaliseName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((w) => w.charAt(0).toLocaleUpperCase('vi') + w.slice(1).toLocaleLowerCase('vi'))
    .join(' ');
}
