import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readFirstSheetRows } from '../../src/modules/imports/read-sheet-rows.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-reader-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Enough Vietnamese text that many decompressed chunks end inside a multi-byte letter.
const NAMES = ['Nguyễn Thị Hường', 'Trần Đức Thắng', 'Lê Văn Ước', 'Phạm Thị Thủy', 'Hoàng Ngọc Ánh', 'Giàng A Páo', 'Lò Thị Xiêng'];
const DENSE = 'Ứng Ừng Ửng Ững Ựng Ấp Ầm Ẩn Ẫn Ập Ắt Ằn Ẳn Ẵn Ặt Ếch Ềm Ểm Ễm Ệt Ốc Ồn Ổn Ỗn Ộc Ớt Ờn Ởn Ỡn Ợt';
const rows = Array.from({ length: 3000 }, (_, i) => [`${NAMES[i % NAMES.length]} ${i}`, i % 2 ? 'Nữ' : 'Nam', `${DENSE} ${i}`, 'Chính thức']);

async function readAll(file: string) {
  const out: unknown[][] = [];
  for await (const row of readFirstSheetRows(file)) out.push(row.cells);
  return out;
}

describe('reading a large xlsx row by row', () => {
  it('keeps every Vietnamese letter intact, with inline strings (streamed files)', async () => {
    const file = path.join(dir, 'inline.xlsx');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
    const sheet = workbook.addWorksheet('Đảng viên');
    for (const r of rows) sheet.addRow(r).commit();
    sheet.commit();
    await workbook.commit();
    expect(await readAll(file)).toEqual(rows);
  });

  it('keeps every Vietnamese letter intact, with shared strings (files saved by Excel)', async () => {
    const file = path.join(dir, 'shared.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Đảng viên');
    for (const r of rows) sheet.addRow(r);
    await workbook.xlsx.writeFile(file);
    expect(await readAll(file)).toEqual(rows);
  });
});
