// The member list as an .xlsx file: same filters and scope as the list, Vietnamese headers
// (the import template's, so a file can go back in), dates dd/mm/yyyy, statuses in words.
// Rows are read in keyset batches and streamed through exceljs' WorkbookWriter, so a
// province-wide export never holds the whole list in memory.
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { t, type Lang } from '../../i18n/messages.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { formatDateVi, todayInVietnam } from '../../domain/calendar.ts';
import { filteredMembers } from './list-members.ts';
import type { MemberFilters } from './schemas.ts';

const COLUMNS = [
  ['no', 6], ['fullName', 28], ['sex', 9], ['dateOfBirth', 14], ['ethnicity', 10], ['religion', 12], ['hometown', 28],
  ['residence', 28], ['citizenId', 15], ['partyCardNumber', 14], ['admittedOn', 14], ['fullMemberOn', 14], ['education', 14],
  ['theoryLevel', 14], ['occupation', 20], ['position', 20], ['phone', 13], ['unitCode', 12], ['unitName', 28], ['status', 16],
] as const;

function fetchBatch(db: Kysely<DB>, access: Access, filters: MemberFilters, today: string, size: number, after?: { key: string; id: number }) {
  return filteredMembers(db, access, filters, today)
    .selectAll('m').select(['u.code as unit_code', 'u.name as unit_name'])
    .$if(after !== undefined, (q) => q.where(sql<boolean>`(m.sort_key collate "C", m.id) > (${after!.key} collate "C", ${after!.id})`))
    .orderBy(sql`m.sort_key collate "C"`).orderBy('m.id').limit(size).execute();
}
type Row = Awaited<ReturnType<typeof fetchBatch>>[number];

function cells(row: Row, no: number, lang: Lang): (string | number | null)[] {
  const word = (key: string | null) => (key ? t(lang, key) : null);
  const date = (d: string | null) => (d ? formatDateVi(d) : null);
  // Identifiers stay text, so a citizen ID keeps its leading zero.
  return [
    no, row.full_name, word(`members.sex.${row.sex}`), date(row.date_of_birth), row.ethnicity, row.religion, row.hometown,
    row.residence, row.citizen_id, row.party_card_number, date(row.admitted_on), date(row.full_member_on),
    row.education, word(row.theory_level && `members.theory_level.${row.theory_level}`), row.occupation, row.position,
    row.phone, row.unit_code, row.unit_name, word(`members.status.${row.status}`),
  ];
}

/**
 * Starts the export and returns the file as a stream. The first batch is read before
 * anything is sent, so a failure there still answers with a proper error. Rows are read
 * from `reportDb` (the read replica when there is one); the audit row goes to `db`.
 */
export async function exportMembers(db: Kysely<DB>, access: Access, filters: MemberFilters, lang: Lang,
  { batchSize = 500, reportDb = db }: { batchSize?: number; reportDb?: Kysely<DB> } = {}): Promise<Readable> {
  const today = todayInVietnam();
  let batch = await fetchBatch(reportDb, access, filters, today, batchSize);
  await writeAudit(db, access.userId, { action: 'member.export', entityType: 'member_list', entityId: 'xlsx', unitId: filters.unitId ?? null, after: filters });

  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(t(lang, 'members.export.sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map(([key, width]) => ({ key, width }));
  const header = sheet.addRow(COLUMNS.map(([key]) => t(lang, `members.export.headers.${key}`)));
  header.font = { bold: true };
  header.commit();

  const write = async () => {
    let no = 0;
    while (batch.length > 0) {
      for (const row of batch) sheet.addRow(cells(row, ++no, lang)).commit();
      if (batch.length < batchSize) break;
      // Read the next batch only when the client has taken what was sent (and stop if it left).
      if (out.writableNeedDrain) await once(out, 'drain');
      if (out.destroyed) return;
      const last = batch[batch.length - 1]!;
      batch = await fetchBatch(reportDb, access, filters, today, batchSize, { key: last.sort_key, id: last.id });
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
