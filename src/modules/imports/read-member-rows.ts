// The rows of an import file as member records, a chunk at a time: the header row is
// found, every non-empty row under it parsed, and the rows handed on in chunks, so memory
// holds one chunk whatever the size of the file. More rows than an import may hold stops
// the reading at once.
import { AppError } from '../../http/app-error.ts';
import type { Lang } from '../../i18n/messages.ts';
import { type ColumnKey, columnForHeader, columnLabel, IMPORT_COLUMNS, type ImportColumn } from './member-columns.ts';
import { cellText, type ParsedRow, parseMemberRow, type RowError } from './parse-member-row.ts';
import { HEADER_ROWS, readFirstSheetRows } from './read-sheet-rows.ts';
import { viNumber, XLSX_LIMITS } from './xlsx-bounds.ts';

export interface RowChunk {
  rows: ParsedRow[];
  /** Rows that are not member records (a bad date, a missing name…). */
  errors: RowError[];
  /** The columns the file has. */
  columns: Set<ColumnKey>;
  /** Non-empty data rows read so far, this chunk included. */
  totalRows: number;
}

export async function* readMemberRowChunks(filePath: string, lang: Lang, size: number, maxRows: number = XLSX_LIMITS.rows): AsyncGenerator<RowChunk> {
  let columns: Map<ColumnKey, { column: ImportColumn; index: number }> | null = null;
  let chunk: RowChunk | null = null;
  let totalRows = 0;
  for await (const { number, cells } of readFirstSheetRows(filePath)) {
    if (!columns) {
      const found = new Map<ColumnKey, { column: ImportColumn; index: number }>();
      cells.forEach((cell, index) => {
        const column = typeof cell === 'string' ? columnForHeader(cell) : undefined;
        if (column && !found.has(column.key)) found.set(column.key, { column, index });
      });
      if (found.size >= 3 && found.has('fullName')) {
        const missing = IMPORT_COLUMNS.filter((c) => c.required && !found.has(c.key));
        if (missing.length) throw new AppError('imports.missing_columns', 400, { columns: missing.map((c) => columnLabel(lang, c.key)).join(', ') });
        columns = found;
      } else if (number >= HEADER_ROWS) {
        throw new AppError('imports.no_header', 400);
      }
      continue;
    }
    if (![...columns.values()].some(({ index }) => cellText(cells[index] ?? null) !== '')) continue;
    if (++totalRows > maxRows) throw new AppError('imports.too_many_rows_counted', 413, { max: viNumber(maxRows) });
    chunk ??= { rows: [], errors: [], columns: new Set(columns.keys()), totalRows: 0 };
    const result = parseMemberRow(number, cells, columns, lang);
    if (result.parsed) chunk.rows.push(result.parsed);
    else chunk.errors.push(...result.errors);
    if (chunk.rows.length + chunk.errors.length >= size) {
      chunk.totalRows = totalRows;
      yield chunk;
      chunk = null;
    }
  }
  if (!columns) throw new AppError('imports.no_header', 400);
  if (totalRows === 0) throw new AppError('imports.no_rows', 400);
  if (chunk) {
    chunk.totalRows = totalRows;
    yield chunk;
  }
}
