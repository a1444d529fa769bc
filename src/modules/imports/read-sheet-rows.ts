// Reads the first worksheet of an .xlsx file row by row with exceljs' streaming reader,
// so a 20,000-row file never becomes one big workbook object in memory.
import fs from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { AppError } from '../../http/app-error.ts';

// exceljs 4.4's streaming reader decodes each decompressed chunk on its own, so a
// Vietnamese letter (2–3 bytes in UTF-8) cut by a chunk boundary becomes "��" — about
// one cell in a few thousand, silently (exceljs issues #2084, #2316). Handing its parser
// text decoded across chunks avoids that; the parser passes strings through unchanged.
interface ReaderInternals {
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
}
const base = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals;

async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

class Utf8WorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  _parseSharedStrings(entry: NodeJS.ReadableStream) {
    entry.setEncoding('utf8');
    return base._parseSharedStrings.call(this, entry);
  }

  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
    return base._parseWorksheet.call(this, decodeUtf8(iterator), sheetNo);
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
  // Styles are read so that date-formatted cells arrive as dates, not serial numbers.
  const reader = new Utf8WorkbookReader(filePath, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
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
  }
}
