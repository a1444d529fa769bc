// The member list as an .xlsx file: same filters and scope as the list, Vietnamese headers
// (the import template's, so a file can go back in), dates dd/mm/yyyy, statuses in words.
// Rows are read in keyset batches, their values formatted in SQL, and streamed into the file
// (streamed-xlsx.ts), so a province-wide export never holds the whole list in memory.
import type { Readable } from 'node:stream';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/types.ts';
import { todayInVietnam } from '../../domain/calendar.ts';
import { badRequest } from '../../http/app-error.ts';
import { rowXml, streamedSheet } from '../../http/streamed-xlsx.ts';
import { type Lang, t } from '../../i18n/messages.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { beyond, type Filtered, filteredMembers, SORT_KEY } from './list-members.ts';
import { type MemberFilters, memberStatusSchema, sexSchema, theoryLevelSchema } from './schemas.ts';

const COLUMNS = [
  ['no', 6],
  ['fullName', 28],
  ['sex', 9],
  ['dateOfBirth', 14],
  ['ethnicity', 10],
  ['religion', 12],
  ['hometown', 28],
  ['residence', 28],
  ['citizenId', 15],
  ['partyCardNumber', 14],
  ['admittedOn', 14],
  ['fullMemberOn', 14],
  // The import reads it back: an exported sheet re-imports with each member's placement date.
  ['joinedUnitOn', 14],
  ['education', 14],
  ['theoryLevel', 14],
  ['occupation', 20],
  ['position', 20],
  ['phone', 13],
  ['unitCode', 12],
  ['unitName', 28],
  ['status', 16],
] as const;

/** The words the sheet shows for codes, in the asked language, as a JSON map SQL reads (`->>`). */
function wordsFor(lang: Lang, prefix: string, codes: readonly string[]): string {
  return JSON.stringify(Object.fromEntries(codes.map((c) => [c, t(lang, `${prefix}.${c}`)])));
}

type ValueColumn = Exclude<(typeof COLUMNS)[number][0], 'no'>;

/** Each column's value after STT, formatted in SQL: dates dd/mm/yyyy, codes in words. */
function formattedColumns(lang: Lang): Record<ValueColumn, RawBuilder<string | null>> {
  const text = (column: string) => sql<string | null>`${sql.ref(column)}`;
  const date = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'DD/MM/YYYY')`;
  const word = (column: string, prefix: string, codes: readonly string[]) =>
    sql<string | null>`(${wordsFor(lang, prefix, codes)}::jsonb ->> ${sql.ref(column)})`;
  return {
    fullName: text('m.full_name'),
    sex: word('m.sex', 'members.sex', sexSchema.options),
    dateOfBirth: date('m.date_of_birth'),
    ethnicity: text('m.ethnicity'),
    religion: text('m.religion'),
    hometown: text('m.hometown'),
    residence: text('m.residence'),
    // Identifiers stay text, so a citizen ID keeps its leading zero.
    citizenId: text('m.citizen_id'),
    partyCardNumber: text('m.party_card_number'),
    admittedOn: date('m.admitted_on'),
    fullMemberOn: date('m.full_member_on'),
    joinedUnitOn: sql<
      string | null
    >`(select to_char(max(p.valid_from), 'DD/MM/YYYY') from member_placements p where p.member_id = m.id and p.valid_to is null)`,
    education: text('m.education'),
    theoryLevel: word('m.theory_level', 'members.theory_level', theoryLevelSchema.options),
    occupation: text('m.occupation'),
    position: text('m.position'),
    phone: text('m.phone'),
    unitCode: text('u.code'),
    unitName: text('u.name'),
    status: word('m.status', 'members.status', memberStatusSchema.options),
  };
}
const VALUE_COLUMNS = COLUMNS.slice(1).map(([key]) => key as ValueColumn);

type Row = { id: number; sort_key: string } & Record<ValueColumn, string | null>;

/** One batch after a position in the list's order (keyset: each batch is an index range), formatted. */
function batchReader(base: Filtered, lang: Lang) {
  const columns = formattedColumns(lang);
  const selected = VALUE_COLUMNS.map((key) => columns[key].as(key));
  return async (size: number, after?: { key: string; id: number }): Promise<Row[]> =>
    (await base
      .$if(after !== undefined, (q) => q.where(beyond('asc', after!)))
      .innerJoin('units as u', 'u.id', 'm.unit_id')
      .select(['m.id', 'm.sort_key'])
      .select(selected)
      .orderBy(SORT_KEY)
      .orderBy('m.id')
      .limit(size)
      .execute()) as Row[];
}

/** A small first batch, so the first bytes leave soon; then batches of `batchSize`. */
const FIRST_BATCH = 100;

/** Data rows an Excel sheet holds under its header (1,048,576 rows in all). */
export const SHEET_MAX_ROWS = 1_048_575;

/**
 * Refuses, before anything is sent, a list longer than a sheet holds (a nation-wide list
 * has 5.6 M members): a cut file would pass for the whole list. Counts at most one row past
 * the limit, walking the list's own index.
 */
async function refuseOverSheetLimit(db: Kysely<DB>, base: Filtered, maxRows: number) {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from (${base.select('m.id').limit(maxRows + 1)}) x`.execute(db);
  if ((rows[0]?.n ?? 0) > maxRows) throw badRequest('members.export_too_many_rows', { limit: maxRows.toLocaleString('vi-VN') });
}

export async function exportMembers(
  db: Kysely<DB>,
  access: Access,
  filters: MemberFilters,
  lang: Lang,
  { batchSize = 1000, reportDb = db, maxRows = SHEET_MAX_ROWS }: { batchSize?: number; reportDb?: Kysely<DB>; maxRows?: number } = {},
): Promise<Readable> {
  const { rows: base } = await filteredMembers(reportDb, access, filters, todayInVietnam());
  await refuseOverSheetLimit(reportDb, base, maxRows);
  const readBatch = batchReader(base, lang);
  let asked = Math.min(FIRST_BATCH, batchSize);
  let rows: Row[] | null = await readBatch(asked);
  await writeAudit(db, access.userId, { action: 'member.export', entityType: 'member_list', entityId: 'xlsx', unitId: filters.unitId ?? null, after: filters });

  const sheet = streamedSheet(
    t(lang, 'members.export.sheet'),
    COLUMNS.map(([key, width]) => ({ header: t(lang, `members.export.headers.${key}`), width })),
  );
  const write = async () => {
    let written = 0;
    while (rows && rows.length > 0) {
      // STT n is on sheet row n + 1, under the header. The rows are turned into XML at once
      // and let go before anything is awaited: objects that live across the wait for the zip
      // survive young-generation collections and pile up in the old one.
      const first = written;
      const xml = rows.map((r, i) => rowXml(first + i + 2, [first + i + 1, ...VALUE_COLUMNS.map((key) => r[key])]));
      const full = rows.length === asked;
      const last = rows[rows.length - 1]!;
      const after = { key: last.sort_key, id: last.id };
      written += rows.length;
      rows = null;
      // Read the next batch only when the zip has taken this one (write empties `xml`); stop if the client left.
      if (!(await sheet.write(xml))) return;
      if (!full) break;
      asked = batchSize;
      rows = await readBatch(asked, after);
    }
    await sheet.end();
  };
  write().catch((error: unknown) => sheet.fail(error instanceof Error ? error : new Error(String(error))));
  return sheet.file;
}
