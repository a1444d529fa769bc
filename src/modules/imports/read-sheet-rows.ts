// Reads the first worksheet of an .xlsx file row by row with exceljs' streaming reader,
// so a 20,000-row file never becomes one big workbook object in memory.
import fs from 'node:fs/promises';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '../../http/app-error.ts';
import { type CheckedXlsx, declaredRows, openCheckedXlsx, viNumber, XLSX_LIMITS } from './xlsx-bounds.ts';

// exceljs' own reader unzips with a streaming parser of local headers, inflates whatever
// it meets, and writes worksheets that come before the shared strings to temporary files.
// Here the archive is opened through its central directory instead (xlsx-bounds.ts): the
// limits are checked before anything is inflated, only the parts needed are read, in the
// order needed, as UTF-8 decoded across chunks, with their real bytes counted — no
// temporary files. (exceljs 4.4 decodes each chunk on its own, so a Vietnamese letter cut
// by a chunk boundary became "��": issues #2084, #2316.) exceljs still parses the XML.
interface ReaderInternals {
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<string>, sheetNo: string): Generator<unknown>;
}
const base = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals;

/** Refuses a sheet whose <dimension> declares more rows than an import may hold, before its rows are parsed. */
async function* checkDeclaredRows(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let head = '';
  let checked = false;
  for await (const chunk of chunks) {
    if (!checked) {
      head += chunk;
      const rows = declaredRows(head);
      if (rows !== null && rows > XLSX_LIMITS.rows + HEADER_ROWS) {
        throw new AppError('imports.too_many_rows', 413, { rows: viNumber(rows), max: viNumber(XLSX_LIMITS.rows) });
      }
      checked = rows !== null || head.includes('<sheetData') || head.length > 65_536;
      if (checked) head = '';
    }
    yield chunk;
  }
}

/** Rows above the header that a sheet may hold (a title, a date line…). */
export const HEADER_ROWS = 10;

class CheckedWorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  private readonly zip: CheckedXlsx;

  constructor(zip: CheckedXlsx, options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>) {
    super(undefined as unknown as string, options);
    this.zip = zip;
  }

  async *parse(): AsyncGenerator<{ eventType: string; value: unknown }> {
    const { zip } = this;
    const part = (name: string) => {
      const entry = zip.entries.get(name);
      return entry ? Readable.from(zip.text(entry)) : null;
    };
    const rels = part('xl/_rels/workbook.xml.rels');
    if (rels) await base._parseRels.call(this, rels);
    const workbook = part('xl/workbook.xml');
    if (workbook) await base._parseWorkbook.call(this, workbook);
    const styles = part('xl/styles.xml');
    if (styles) await base._parseStyles.call(this, styles);
    const strings = part('xl/sharedStrings.xml');
    if (strings) yield* base._parseSharedStrings.call(this, strings) as AsyncGenerator<{ eventType: string; value: unknown }>;
    if (!zip.firstSheet) return;
    const { entry, sheetNo } = zip.firstSheet;
    yield* base._parseWorksheet.call(this, checkDeclaredRows(zip.text(entry)), sheetNo) as Generator<{ eventType: string; value: unknown }>;
  }
}

export type CellValue = string | number | boolean | Date | null;

export interface SheetRow {
  /** The row number Excel shows. */
  number: number;
  /** Column A is index 0. */
  cells: CellValue[];
}

/** Formulas, rich text and links reduced to the value a person sees in the cell. */
export function plainValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return plainValue(v.result);
    if (typeof v.text === 'string') return v.text;
    if (v.error !== undefined) return null;
  }
  return null;
}

/** An .xlsx file is a zip archive: it starts with "PK\x03\x04". */
export async function looksLikeXlsx(filePath: string): Promise<boolean> {
  const handle = await fs.open(filePath, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && buffer.readUInt32LE(0) === 0x04034b50;
  } finally {
    await handle.close();
  }
}

export async function* readFirstSheetRows(filePath: string): AsyncGenerator<SheetRow> {
  if (!(await looksLikeXlsx(filePath))) throw new AppError('imports.not_xlsx', 400);
  const zip = await openCheckedXlsx(filePath);
  // Styles are read so that date-formatted cells arrive as dates, not serial numbers.
  const reader = new CheckedWorkbookReader(zip, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = row.values as unknown[];
        const cells: CellValue[] = [];
        for (let i = 1; i < values.length; i++) cells.push(plainValue(values[i]));
        yield { number: row.number, cells };
      }
      return;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('imports.not_xlsx', 400);
  } finally {
    zip.close();
  }
}
