// The columns of a member import file. Their headers are the member export's (members.
// export.headers.*), so an exported list can be edited and imported back; a header is
// recognised without regard to case, diacritics or a trailing "(dd/mm/yyyy)", in
// Vietnamese or English.
import { foldForSearch } from '../../domain/vietnamese.ts';
import { type Lang, t } from '../../i18n/messages.ts';

export type CellKind = 'text' | 'sex' | 'date' | 'digits' | 'phone' | 'theory' | 'status' | 'code';

export const IMPORT_COLUMNS = [
  { key: 'fullName', kind: 'text', required: true, width: 28 },
  { key: 'sex', kind: 'sex', required: true, width: 9 },
  { key: 'dateOfBirth', kind: 'date', required: true, width: 14 },
  { key: 'ethnicity', kind: 'text', required: false, width: 10 },
  { key: 'religion', kind: 'text', required: false, width: 12 },
  { key: 'hometown', kind: 'text', required: false, width: 28 },
  { key: 'residence', kind: 'text', required: false, width: 28 },
  { key: 'citizenId', kind: 'digits', required: false, width: 15 },
  { key: 'partyCardNumber', kind: 'digits', required: false, width: 14 },
  { key: 'admittedOn', kind: 'date', required: false, width: 14 },
  { key: 'fullMemberOn', kind: 'date', required: false, width: 14 },
  // "Ngày về sinh hoạt tại chi bộ": the member's placement in the cell starts then (past
  // rolls and trees include them from that date); empty → the import date, never the
  // admission date (a member admitted in 2015 elsewhere did not sit in this cell since).
  { key: 'joinedUnitOn', kind: 'date', required: false, width: 14 },
  { key: 'education', kind: 'text', required: false, width: 14 },
  { key: 'theoryLevel', kind: 'theory', required: false, width: 14 },
  { key: 'occupation', kind: 'text', required: false, width: 20 },
  { key: 'position', kind: 'text', required: false, width: 20 },
  { key: 'phone', kind: 'phone', required: false, width: 13 },
  { key: 'unitCode', kind: 'code', required: false, width: 14 },
  { key: 'status', kind: 'status', required: false, width: 12 },
] as const satisfies readonly { key: string; kind: CellKind; required: boolean; width: number }[];

export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export type ColumnKey = ImportColumn['key'];

export const columnLabel = (lang: Lang, key: ColumnKey) => t(lang, `members.export.headers.${key}`);

/** "Ngày sinh (dd/mm/yyyy)" → "ngay sinh": the form headers are compared in. */
export function headerKey(text: string): string {
  return foldForSearch(text.replace(/\([^)]*\)/g, ' '))
    .replace(/[^a-z0-9 ]/g, '')
    .trim();
}

let byHeader: Map<string, ImportColumn> | undefined;

/** The column a header names, if any. */
export function columnForHeader(text: string): ImportColumn | undefined {
  byHeader ??= new Map(IMPORT_COLUMNS.flatMap((c) => (['vi', 'en'] as const).map((lang) => [headerKey(columnLabel(lang, c.key)), c] as const)));
  return byHeader.get(headerKey(text));
}
