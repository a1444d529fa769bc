// The member list as an .xlsx file: same filters and scope as the list, Vietnamese headers
// (the import template's, so a file can go back in), dates dd/mm/yyyy, statuses in words.
// Rows are read in keyset batches and streamed through exceljs' WorkbookWriter, so a
// province-wide export never holds the whole list in memory.
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { formatDateVi, todayInVietnam } from '../../domain/calendar.ts';
import { type Lang, t } from '../../i18n/messages.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { beyond, filteredMembers, SORT_KEY } from './list-members.ts';
import type { MemberFilters } from './schemas.ts';

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
  ['education', 14],
  ['theoryLevel', 14],
  ['occupation', 20],
  ['position', 20],
  ['phone', 13],
  ['unitCode', 12],
  ['unitName', 28],
  ['status', 16],
] as const;

/** One batch of rows after a position in the list's order (keyset: each batch is an index range). */
function batchReader(base: Awaited<ReturnType<typeof filteredMembers>>) {
  return (size: number, after?: { key: string; id: number }) =>
    base
      .$if(after !== undefined, (q) => q.where(beyond('asc', after!)))
      .orderBy(SORT_KEY)
      .orderBy('m.id')
      .innerJoin('units as u', 'u.id', 'm.unit_id')
      // Only what the sheet shows (and the keyset's position): every byte read for 100,000
      // members is garbage the server's heap grows by before it is collected.
      .select([
        'm.id',
        'm.sort_key',
        'm.full_name',
        'm.sex',
        'm.date_of_birth',
        'm.ethnicity',
        'm.religion',
        'm.hometown',
        'm.residence',
        'm.citizen_id',
        'm.party_card_number',
        'm.admitted_on',
        'm.full_member_on',
        'm.education',
        'm.theory_level',
        'm.occupation',
        'm.position',
        'm.phone',
        'm.status',
        'u.code as unit_code',
        'u.name as unit_name',
      ])
      .limit(size)
      .execute();
}
type Row = Awaited<ReturnType<ReturnType<typeof batchReader>>>[number];

/** A small first batch, so the first bytes leave soon; then batches of `batchSize`. */
const FIRST_BATCH = 100;

function cells(row: Row, no: number, lang: Lang): (string | number | null)[] {
  const word = (key: string | null) => (key ? t(lang, key) : null);
  const date = (d: string | null) => (d ? formatDateVi(d) : null);
  // Identifiers stay text, so a citizen ID keeps its leading zero.
  return [
    no,
    row.full_name,
    word(`members.sex.${row.sex}`),
    date(row.date_of_birth),
    row.ethnicity,
    row.religion,
    row.hometown,
    row.residence,
    row.citizen_id,
    row.party_card_number,
    date(row.admitted_on),
    date(row.full_member_on),
    row.education,
    word(row.theory_level && `members.theory_level.${row.theory_level}`),
    row.occupation,
    row.position,
    row.phone,
    row.unit_code,
    row.unit_name,
    word(`members.status.${row.status}`),
  ];
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Bytes given to a stream and not yet taken from it. Read from the stream's state, not
 * `writableLength`: archiver puts a readable-stream 2 PassThrough in front of each zip
 * entry, which has no `writableLength`, so the backlog read as 0 and the whole sheet's
 * XML piled up there while deflate lagged (+115 MiB for 100,000 members).
 */
interface Buffered {
  _writableState?: { length: number };
  _readableState?: { length: number };
}
function held(stream: unknown): number {
  const s = stream as Buffered;
  return (s._writableState?.length ?? 0) + (s._readableState?.length ?? 0);
}
/** Rows waiting to be compressed: exceljs' sheet stream hands them to the zip entry's stream. */
function sheetBacklog(sheet: unknown): number {
  const pipes = (sheet as { stream?: { pipes?: unknown[] } }).stream?.pipes ?? [];
  return pipes.reduce<number>((n, p) => n + held(p), 0);
}
const MAX_HELD = 1 << 20;
const MAX_WAIT_MS = 60_000;

/**
 * Waits until what was written has been compressed and taken by the client (at most 1 MiB
 * held on either side of the zip), returning to the event loop at least once. Two reasons:
 * exceljs hands rows to the zip without backpressure, so rows piled up in memory while the
 * zip lagged; and a PGlite query runs on this thread without returning to the event loop,
 * so batch after batch was read before a single byte left (the first byte came after 11 s
 * of 12). Stops waiting when the client has gone.
 */
async function untilSent(sheet: unknown, out: PassThrough) {
  await tick(1);
  for (let waited = 0; waited < MAX_WAIT_MS && !out.destroyed && (sheetBacklog(sheet) > MAX_HELD || held(out) > MAX_HELD); waited += 5) await tick(5);
}

/**
 * Starts the export and returns the file as a stream. The first batch is read before
 * anything is sent, so a failure there still answers with a proper error. Rows are read
 * from `reportDb` (the read replica when there is one); the audit row goes to `db`.
 */
export async function exportMembers(
  db: Kysely<DB>,
  access: Access,
  filters: MemberFilters,
  lang: Lang,
  { batchSize = 1000, reportDb = db }: { batchSize?: number; reportDb?: Kysely<DB> } = {},
): Promise<Readable> {
  const readBatch = batchReader(await filteredMembers(reportDb, access, filters, todayInVietnam()));
  let asked = Math.min(FIRST_BATCH, batchSize);
  let batch = await readBatch(asked);
  await writeAudit(db, access.userId, { action: 'member.export', entityType: 'member_list', entityId: 'xlsx', unitId: filters.unitId ?? null, after: filters });

  const out = new PassThrough();
  // No styles: with styles on, exceljs resolves a style for every cell (a third of the
  // export's time on 100,000 members). Column widths need none; the frozen pane keeps the
  // header row in view.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(t(lang, 'members.export.sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map(([key, width]) => ({ key, width }));
  sheet.addRow(COLUMNS.map(([key]) => t(lang, `members.export.headers.${key}`))).commit();

  const write = async () => {
    let no = 0;
    while (batch.length > 0) {
      for (const row of batch) sheet.addRow(cells(row, ++no, lang)).commit();
      if (batch.length < asked) break;
      // Read the next batch only when the client has taken what was sent (and stop if it left).
      await untilSent(sheet, out);
      if (out.destroyed) return;
      const last = batch[batch.length - 1]!;
      asked = batchSize;
      batch = await readBatch(asked, { key: last.sort_key, id: last.id });
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
