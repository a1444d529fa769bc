// One spreadsheet row → a member record, or the reasons it is not one. Cells are read
// the way people fill them in (Excel dates or dd/mm/yyyy text, "Nữ", "Chính thức",
// numbers that lost their leading zero); the record is then checked by the members
// module's own schema and date rules, so an import accepts exactly what the form does.
import type { MemberStatus } from '../../db/types.ts';
import { formatDateVi, todayInVietnam } from '../../domain/calendar.ts';
import { statusFromDates } from '../../domain/member-dates.ts';
import { readTypedDate } from '../../domain/typed-date.ts';
import { foldForSearch } from '../../domain/vietnamese.ts';
import { AppError } from '../../http/app-error.ts';
import { zodIssueMessage } from '../../http/problem.ts';
import { hasMessage, type Lang, t } from '../../i18n/messages.ts';
import { assertDatesInOrder } from '../members/record-checks.ts';
import { type MemberFields, memberFields, memberStatusSchema, partyDate, theoryLevelSchema } from '../members/schemas.ts';
import { type ColumnKey, columnLabel, type ImportColumn } from './member-columns.ts';
import type { CellValue } from './read-sheet-rows.ts';

export interface RowError {
  row: number;
  column: string;
  message: string;
}

export interface ParsedRow {
  row: number;
  fields: MemberFields;
  /** Cell code as written, or null for "the unit being imported into". */
  unitCode: string | null;
  /** As written; null when the cell was empty. */
  status: MemberStatus | null;
  /** "Ngày về sinh hoạt tại chi bộ" as written; null → the import date. */
  joinedUnitOn: string | null;
}

/** Words people write for an enum value, folded: the Vietnamese and English labels and the key itself. */
function wordsFor(prefix: string, values: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const value of values) {
    map.set(foldForSearch(value.replace(/_/g, ' ')), value);
    for (const lang of ['vi', 'en'] as const) {
      const key = `${prefix}.${value}`;
      if (hasMessage(lang, key)) map.set(foldForSearch(t(lang, key)), value);
    }
  }
  return map;
}
const SEX_WORDS = wordsFor('members.sex', ['nam', 'nu']);
const THEORY_WORDS = wordsFor('members.theory_level', theoryLevelSchema.options);
const STATUS_WORDS = wordsFor('members.status', memberStatusSchema.options);
// "Cử nhân chính trị", "Cao cấp lý luận chính trị": the level is the first two words.
const theoryLevelOf = (text: string) => THEORY_WORDS.get(foldForSearch(text)) ?? THEORY_WORDS.get(foldForSearch(text).split(' ').slice(0, 2).join(' '));

const pad2 = (n: number) => String(n).padStart(2, '0');
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A date cell → 'YYYY-MM-DD', or undefined when it is not a date. */
export function parseDateCell(value: CellValue): string | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    return `${value.getUTCFullYear()}-${pad2(value.getUTCMonth() + 1)}-${pad2(value.getUTCDate())}`;
  }
  if (typeof value === 'number') {
    // An Excel serial day number (a date cell whose format was not read).
    if (!Number.isInteger(value) || value < 1 || value > 150_000) return undefined;
    return parseDateCell(new Date(EXCEL_EPOCH + value * 86_400_000));
  }
  if (typeof value !== 'string') return undefined;
  // The same reader as the web form's date box, so an import accepts what the form does.
  const read = readTypedDate(value);
  return read.kind === 'date' ? read.iso : undefined;
}

/** What the cell shows, as text ('' when empty). Whole numbers keep all their digits. */
export function cellText(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (value instanceof Date) {
    const iso = parseDateCell(value);
    return iso ? formatDateVi(iso) : '';
  }
  return String(value).trim();
}

type Converted = { ok: true; value: unknown } | { ok: false; message: string };

function convert(column: ImportColumn, value: CellValue, lang: Lang): Converted {
  const text = cellText(value);
  switch (column.kind) {
    case 'date': {
      const iso = parseDateCell(value);
      return iso ? { ok: true, value: iso } : { ok: false, message: t(lang, 'imports.row.bad_date', { value: text }) };
    }
    case 'sex': {
      const sex = SEX_WORDS.get(foldForSearch(text));
      return sex ? { ok: true, value: sex } : { ok: false, message: t(lang, 'imports.row.bad_sex', { value: text }) };
    }
    case 'theory': {
      const level = theoryLevelOf(text);
      return level ? { ok: true, value: level } : { ok: false, message: t(lang, 'imports.row.bad_theory_level', { value: text }) };
    }
    case 'status': {
      const status = STATUS_WORDS.get(foldForSearch(text));
      return status ? { ok: true, value: status } : { ok: false, message: t(lang, 'imports.row.bad_status', { value: text }) };
    }
    case 'digits':
      // A citizen ID typed into a number cell loses its leading zero; 12 digits is the only length.
      if (typeof value === 'number' && column.key === 'citizenId' && Number.isInteger(value) && text.length < 12)
        return { ok: true, value: text.padStart(12, '0') };
      return { ok: true, value: text };
    case 'phone':
      // 0912345678 typed into a number cell arrives as 912345678.
      return { ok: true, value: typeof value === 'number' && Number.isInteger(value) && !text.startsWith('0') ? `0${text}` : text };
    default:
      return { ok: true, value: text };
  }
}

const DEFAULTED = new Set<ColumnKey>(['ethnicity', 'religion']);

/**
 * Checks one row. `columns` maps each present column to its cell index. Returns the
 * parsed record, or the row's errors (each naming its column).
 */
export function parseMemberRow(
  rowNumber: number,
  cells: readonly CellValue[],
  columns: ReadonlyMap<ColumnKey, { column: ImportColumn; index: number }>,
  lang: Lang,
): { parsed: ParsedRow; errors: [] } | { parsed: null; errors: RowError[] } {
  const errors: RowError[] = [];
  const fail = (key: ColumnKey, message: string) => errors.push({ row: rowNumber, column: columnLabel(lang, key), message });
  const record: Record<string, unknown> = {};
  let unitCode: string | null = null;
  let status: MemberStatus | null = null;
  let joinedUnitOn: string | null = null;

  for (const [key, { column, index }] of columns) {
    const value = cells[index] ?? null;
    if (cellText(value) === '') {
      if (column.required) fail(key, t(lang, 'imports.row.required'));
      // Empty optional cells clear the field; ethnicity and religion fall back to their defaults.
      else if (key !== 'unitCode' && key !== 'status' && key !== 'joinedUnitOn' && !DEFAULTED.has(key)) record[key] = null;
      continue;
    }
    const converted = convert(column, value, lang);
    if (!converted.ok) {
      fail(key, converted.message);
      continue;
    }
    if (key === 'unitCode') unitCode = converted.value as string;
    else if (key === 'status') status = converted.value as MemberStatus;
    else if (key === 'joinedUnitOn') joinedUnitOn = converted.value as string;
    else record[key] = converted.value;
  }

  // The form's rule for the date of joining the cell: from the party's founding to today.
  const joined = joinedUnitOn === null ? null : partyDate.safeParse(joinedUnitOn);
  if (joined && !joined.success) fail('joinedUnitOn', zodIssueMessage(lang, joined.error.issues[0] as unknown as Parameters<typeof zodIssueMessage>[1]));
  const result = memberFields.safeParse(record);
  if (!result.success) {
    const seen = new Set<string>();
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '') as ColumnKey;
      // A column already reported (e.g. a required cell left empty) gets one message, not two.
      if (errors.some((e) => e.column === columnLabel(lang, key)) || seen.has(key)) continue;
      seen.add(key);
      fail(key, zodIssueMessage(lang, issue as unknown as Parameters<typeof zodIssueMessage>[1]));
    }
  }
  if (errors.length) return { parsed: null, errors };

  const fields = result.data!;
  try {
    assertDatesInOrder({ dateOfBirth: fields.dateOfBirth, admittedOn: fields.admittedOn ?? null, fullMemberOn: fields.fullMemberOn ?? null });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // The member form's checks name body fields ('body.admittedOn'); here the column is named.
    for (const fe of error.fieldErrors)
      fail(fe.path.replace(/^body\./, '') as ColumnKey, hasMessage(lang, fe.message) ? t(lang, fe.message, fe.params) : fe.message);
    return { parsed: null, errors };
  }
  if (joinedUnitOn && fields.admittedOn && joinedUnitOn < fields.admittedOn) {
    fail('joinedUnitOn', t(lang, 'members.joined_before_admitted'));
    return { parsed: null, errors };
  }
  // As the member form: probationary or full member follows the date of full membership,
  // when the file has that column (an update of other columns keeps the date on record).
  const dateGiven = columns.has('fullMemberOn');
  if (dateGiven && (status === 'du_bi' || status === 'chinh_thuc') && status !== statusFromDates(fields.fullMemberOn ?? null, todayInVietnam())) {
    fail('status', t(lang, 'members.status_follows_dates'));
    return { parsed: null, errors };
  }
  return { parsed: { row: rowNumber, fields, unitCode, status, joinedUnitOn }, errors: [] };
}
