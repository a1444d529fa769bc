// An .xlsx file is a zip archive, and a zip can claim anything: 400 MB of text packed into
// 400 KB, thousands of entries, sizes in its headers that are not the real ones. Before
// any XML is parsed, the central directory is read (yauzl, nothing inflated) and checked
// against the limits below; while the parts are then inflated, the real bytes are counted
// against the same limits, so a lying header is caught within one chunk.
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import yauzl from 'yauzl';
import { AppError } from '../../http/app-error.ts';

const MB = 1024 * 1024;

/**
 * Sized for the largest real import (a whole provincial committee, 100,000 members): its
 * file is ~12 MB, its sheet ~110 MB unpacked with inline text, ~60 MB when saved by Excel.
 */
export const XLSX_LIMITS = {
  fileBytes: 30 * MB,
  entries: 100,
  /** One worksheet, unpacked: it is streamed, never held whole. */
  sheetBytes: 200 * MB,
  /** The shared strings are held in memory while the sheet is read. */
  sharedStringsBytes: 40 * MB,
  /** Every other part (workbook, styles, relations, theme…). */
  otherEntryBytes: 10 * MB,
  totalBytes: 300 * MB,
  /** Data rows under the header. */
  rows: 100_000,
  /** Excel holds at most 32,767 characters in a cell; text runs far past that are not a sheet. */
  textRunChars: 1 * MB,
} as const;

export const megabytes = (bytes: number) => Math.ceil(bytes / MB);
/** "100.000": numbers in messages as Vietnamese writes them. */
export const viNumber = (n: number) => n.toLocaleString('vi-VN');

const SHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;

function limitFor(name: string): number {
  if (SHEET.test(name)) return XLSX_LIMITS.sheetBytes;
  if (name === 'xl/sharedStrings.xml') return XLSX_LIMITS.sharedStringsBytes;
  return XLSX_LIMITS.otherEntryBytes;
}

const tooLarge = (name: string, bytes: number, limit: number) =>
  new AppError('imports.xlsx_part_too_large', 413, {
    part: name.slice(0, 100),
    megabytes: megabytes(bytes),
    max: megabytes(limit),
    total: megabytes(XLSX_LIMITS.totalBytes),
  });
const notXlsx = () => new AppError('imports.not_xlsx', 400);

export interface CheckedXlsx {
  /** Entries by name, as the central directory lists them. */
  entries: Map<string, yauzl.Entry>;
  /** The first worksheet in the archive and its number ("1" for sheet1.xml). */
  firstSheet: { entry: yauzl.Entry; sheetNo: string } | null;
  /** Inflates one entry as UTF-8 text, counting the real bytes against the limits. */
  text(entry: yauzl.Entry): AsyncGenerator<string>;
  close(): void;
}

/** Reads the central directory and refuses, without inflating anything, an archive past the limits. */
export async function openCheckedXlsx(filePath: string): Promise<CheckedXlsx> {
  let zip: yauzl.ZipFile;
  try {
    // validateEntrySizes: yauzl fails a stream whose inflated bytes exceed the size its header declares.
    zip = await yauzl.openPromise(filePath, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false });
  } catch {
    throw notXlsx();
  }
  try {
    if (zip.entryCount > XLSX_LIMITS.entries)
      throw new AppError('imports.xlsx_too_many_entries', 413, { count: viNumber(zip.entryCount), max: XLSX_LIMITS.entries });
    const entries = await readEntries(zip);
    let declared = 0;
    let firstSheet: CheckedXlsx['firstSheet'] = null;
    for (const entry of entries.values()) {
      const limit = limitFor(entry.fileName);
      if (entry.uncompressedSize > limit) throw tooLarge(entry.fileName, entry.uncompressedSize, limit);
      declared += entry.uncompressedSize;
      const sheet = SHEET.exec(entry.fileName);
      if (sheet && !firstSheet) firstSheet = { entry, sheetNo: sheet[1]! };
    }
    if (declared > XLSX_LIMITS.totalBytes)
      throw new AppError('imports.xlsx_too_large', 413, { megabytes: megabytes(declared), max: megabytes(XLSX_LIMITS.totalBytes) });
    let inflated = 0;
    return {
      entries,
      firstSheet,
      async *text(entry) {
        const limit = limitFor(entry.fileName);
        let stream: Readable;
        try {
          stream = await zip.openReadStreamPromise(entry);
        } catch {
          throw notXlsx();
        }
        const decoder = new StringDecoder('utf8');
        let bytes = 0;
        let run = 0;
        try {
          for await (const chunk of stream as AsyncIterable<Buffer>) {
            bytes += chunk.length;
            inflated += chunk.length;
            if (bytes > limit) throw tooLarge(entry.fileName, bytes, limit);
            if (inflated > XLSX_LIMITS.totalBytes)
              throw new AppError('imports.xlsx_too_large', 413, { megabytes: megabytes(inflated), max: megabytes(XLSX_LIMITS.totalBytes) });
            const text = decoder.write(chunk);
            // The characters since the last '<': one text node (a cell's value) or one tag.
            const lt = text.lastIndexOf('<');
            run = lt < 0 ? run + text.length : text.length - lt - 1;
            if (run > XLSX_LIMITS.textRunChars) throw new AppError('imports.xlsx_cell_too_long', 422);
            if (text) yield text;
          }
        } catch (error) {
          if (error instanceof AppError) throw error;
          throw notXlsx();
        } finally {
          stream.destroy();
        }
        const rest = decoder.end();
        if (rest) yield rest;
      },
      close() {
        zip.close();
      },
    };
  } catch (error) {
    zip.close();
    throw error;
  }
}

function readEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('entry', (entry: yauzl.Entry) => {
      // A name twice: which one a reader takes is up to the reader. Not a file Excel writes.
      if (entries.has(entry.fileName)) {
        reject(notXlsx());
        return;
      }
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', () => reject(notXlsx()));
    zip.readEntry();
  });
}

/**
 * The rows a worksheet declares in its <dimension ref="A1:R100001"/>, read from the first
 * few kilobytes of the sheet; null when it has none (it is optional).
 */
export function declaredRows(head: string): number | null {
  const m = /<(?:\w+:)?dimension\s+ref="[A-Z]{1,3}(\d+)(?::[A-Z]{1,3}(\d+))?"/.exec(head);
  if (!m) return null;
  const first = Number(m[1]);
  const last = Number(m[2] ?? m[1]);
  return last >= first ? last - first + 1 : null;
}
