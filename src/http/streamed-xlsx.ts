// A one-sheet .xlsx written as a stream of row XML. exceljs' WorkbookWriter builds objects for
// every row and cell; for 100,000 members that garbage was promoted to the old generation and
// the server's RSS grew by ~165 MiB per export. Here a row is one string, written into the zip
// entry in pieces of about PIECE characters with backpressure — small enough to stay in
// V8's young generation (a string over 128 KiB goes straight to the old one, where a
// batch-sized string a time piled up to ~120 MiB before a full collection) — so memory stays
// that of a piece whatever the list's length.
import { PassThrough, type Readable } from 'node:stream';
import archiver from 'archiver';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** What a cell's text cannot hold as is: XML's markup, and the characters XML 1.0 forbids (controls, U+FFFE, U+FFFF: dropped). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids, matched to be removed.
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above.
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xmlText(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(FORBIDDEN, '').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** Column letters A…Z, AA…: a sheet here has at most a few dozen columns. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Characters per write into the zip entry, give or take a row (UTF-16 units; well under V8's 128 KiB for a young string). */
const PIECE = 32 * 1024;

const LETTERS = Array.from({ length: 64 }, (_, i) => columnLetter(i));

/** A cell's value: text (written as an inline string), a number, or nothing (no cell). */
export type SheetValue = string | number | null;

/** One row's XML (`r` is the sheet's row number; 1 is the header; `style` a cellXfs index of styles.xml). */
export function rowXml(r: number, values: readonly SheetValue[], style?: number): string {
  const s = style === undefined ? '' : ` s="${style}"`;
  let xml = `<row r="${r}">`;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || v === '') continue;
    const ref = `${LETTERS[i] ?? columnLetter(i)}${r}`;
    xml +=
      typeof v === 'number' ? `<c r="${ref}"${s}><v>${v}</v></c>` : `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xmlText(v)}</t></is></c>`;
  }
  return `${xml}</row>`;
}

/** The bold style of styles.xml (packageParts), the header's. */
const BOLD = 1;

/** The fixed parts of the package: content types, relationships, the workbook, two styles (normal; bold for the header). */
function packageParts(sheetName: string): [string, string][] {
  return [
    [
      '[Content_Types].xml',
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ],
    ['_rels/.rels', `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    [
      'xl/workbook.xml',
      `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="${xmlText(sheetName.slice(0, 31))}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    ],
    [
      'xl/styles.xml',
      `${XML}<styleSheet xmlns="${MAIN}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
    ],
  ];
}

function sheetHead(widths: readonly number[], headers: readonly string[]): string {
  const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  // The header row stays in view (a frozen pane below row 1).
  return `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>${cols}</cols><sheetData>${rowXml(1, headers, BOLD)}`;
}

export interface StreamedSheet {
  /** The file as the client reads it. */
  file: Readable;
  /** Appends rows (rowXml); resolves when the zip has taken them (backpressure). False once the client has gone (the zip is then abandoned). */
  write(rows: string[]): Promise<boolean>;
  /** Closes the sheet and the package. */
  end(): Promise<void>;
  fail(error: Error): void;
}

/** Starts a one-sheet workbook: the header row written, rows to come through `write`. */
export function streamedSheet(sheetName: string, columns: readonly { header: string; width: number }[]): StreamedSheet {
  const file = new PassThrough();
  const archive = archiver('zip', { zlib: { level: 6 } });
  archive.on('error', (error) => file.destroy(error));
  archive.pipe(file);
  for (const [name, body] of packageParts(sheetName)) archive.append(body, { name });
  const sheet = new PassThrough();
  archive.append(sheet, { name: 'xl/worksheets/sheet1.xml' });
  sheet.write(
    sheetHead(
      columns.map((c) => c.width),
      columns.map((c) => c.header),
    ),
  );
  const gone = () => file.destroyed;
  /** Until the zip has taken what was written, or the client has left. */
  const drained = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        sheet.off('drain', done);
        file.off('close', done);
        resolve();
      };
      sheet.once('drain', done);
      file.once('close', done);
    });
  return {
    file,
    async write(rows) {
      if (gone()) {
        archive.abort();
        return false;
      }
      // Handed to the zip entry's stream now (it keeps them as buffers, outside V8's heap) and
      // let go (the array is emptied), so no row string lives on while the zip catches up.
      // Then wait, once, until it has.
      let piece = '';
      for (const row of rows) {
        piece += row;
        if (piece.length < PIECE) continue;
        sheet.write(piece);
        piece = '';
      }
      if (piece) sheet.write(piece);
      rows.length = 0;
      if (sheet.writableNeedDrain) await drained();
      // Back to the event loop between batches, so bytes leave while the next batch is read
      // (a PGlite query runs on this thread without yielding).
      else await new Promise((resolve) => setImmediate(resolve));
      if (!gone()) return true;
      archive.abort(); // the client has left: nothing more is zipped
      return false;
    },
    async end() {
      sheet.end('</sheetData></worksheet>');
      await archive.finalize();
    },
    fail(error) {
      archive.abort();
      file.destroy(error);
    },
  };
}
