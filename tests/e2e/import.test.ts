// Importing members from Excel through the wizard, in Debian's Chromium against the real
// `chibo start`: a file with mistakes is checked row by row and cannot be imported; the
// corrected file is imported and its members are in the list.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useChibo } from './helpers/session.ts';

const CELL = 'Chi bộ thôn Bắc Sơn';

const { loggedIn, shot } = useChibo();
let files: string;

/** A member list the way a person fills in the template (dates typed as text). */
async function writeList(name: string, rows: string[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Đảng viên');
  sheet.addRow(['Họ và tên', 'Giới tính', 'Ngày sinh (dd/mm/yyyy)', 'Nghề nghiệp', 'Điện thoại']);
  for (const row of rows) sheet.addRow(row);
  const file = path.join(files, name);
  await workbook.xlsx.writeFile(file);
  return file;
}

beforeAll(() => {
  files = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-e2e-import-'));
});
afterAll(() => {
  if (files) fs.rmSync(files, { recursive: true, force: true });
});

/** The error rows as a person reads them: [row, column, message]. */
const errorRows = (page: Page) =>
  page.getByTestId('import-error-row').evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll('td'), (td) => td.textContent?.trim() ?? '')));

describe('import from Excel', () => {
  it('lists a file’s mistakes by row and column and refuses to import it; the corrected file imports', async () => {
    const bad = await writeList('danh-sach-loi.xlsx', [
      ['Lò Thị Xuyến', 'Nữ', '12/03/1985', 'Giáo viên', '0987654321'],
      ['Đặng Hữu Phước', 'Nam', '31/02/1990', 'Nông dân', ''],
      ['', 'Nam', '01/01/1970', '', ''],
    ]);
    const fixed = await writeList('danh-sach-da-sua.xlsx', [
      ['Lò Thị Xuyến', 'Nữ', '12/03/1985', 'Giáo viên', '0987654321'],
      ['Đặng Hữu Phước', 'Nam', '28/02/1990', 'Nông dân', ''],
      ['Hà Văn Thưởng', 'Nam', '01/01/1970', '', ''],
    ]);

    const page = await loggedIn('tochuc');
    await page.goto('/units');
    await page.getByTestId('nav-imports').click();
    await page.getByTestId('import-unit').waitFor();
    expect(await page.getByTestId('import-check').isDisabled()).toBe(true);
    expect(await page.getByTestId('import-apply').isDisabled()).toBe(true);

    // Choose the cell by typing its name without diacritics.
    await page.getByTestId('import-unit').click();
    await page.getByTestId('import-unit').locator('input').fill('bac son');
    await page.locator('.ant-select-dropdown:visible [data-testid="unit-option"]').filter({ hasText: CELL }).click();
    await page.getByTestId('import-unit').filter({ hasText: CELL }).waitFor();

    await page.getByTestId('import-file').locator('input[type=file]').setInputFiles(bad);
    await page.getByTestId('import-file').filter({ hasText: 'danh-sach-loi.xlsx' }).waitFor();
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-report').waitFor();

    expect(await errorRows(page)).toEqual([
      ['3', 'Ngày sinh (dd/mm/yyyy)', 'Ngày "31/02/1990" không hợp lệ; hãy ghi theo dạng dd/mm/yyyy, ví dụ 17/05/1980.'],
      ['4', 'Họ và tên', 'Bắt buộc nhập.'],
    ]);
    expect(await page.getByTestId('import-error-count').textContent()).toContain('2');
    expect(await page.getByTestId('import-report').textContent()).toContain('Có 2 lỗi. Sửa tệp rồi kiểm tra lại; chưa có dữ liệu nào được ghi.');
    expect(await page.getByTestId('import-ok').count()).toBe(0);
    expect(await page.getByTestId('import-apply').isDisabled()).toBe(true);
    // The wizard stays on its check step, shown failed.
    expect(await page.locator('.ant-steps-item-error').textContent()).toBe('Kiểm tra');
    await shot(page, 'import-errors');

    // The errors as a workbook, to fix the file from.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-errors-xlsx').click()]);
    expect(download.suggestedFilename()).toBe('loi-nhap-dang-vien.xlsx');
    const errorsBook = new ExcelJS.Workbook();
    await errorsBook.xlsx.readFile(await download.path());
    const cells = errorsBook.worksheets[0]!.getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1).join(' | '));
    expect(cells).toContain('Tệp: danh-sach-loi.xlsx');
    expect(cells).toContain('4 | Họ và tên | Bắt buộc nhập.');

    // The corrected file: a new check is needed before the import is allowed.
    await page.getByTestId('import-file').locator('input[type=file]').setInputFiles(fixed);
    await page.getByTestId('import-file').filter({ hasText: 'danh-sach-da-sua.xlsx' }).waitFor();
    expect(await page.getByTestId('import-report').count()).toBe(0);
    expect(await page.getByTestId('import-apply').isDisabled()).toBe(true);
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-ok').waitFor();
    expect(await page.getByTestId('import-ok').textContent()).toBe('Không có lỗi: 3 dòng sẵn sàng để nhập.');
    expect(await page.getByTestId('import-error-row').count()).toBe(0);
    expect(await page.getByTestId('import-apply').isEnabled()).toBe(true);
    expect(await page.locator('.ant-steps-item-error').count()).toBe(0);

    await page.getByTestId('import-apply').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-result').textContent()).toContain('Thêm mới 3 đảng viên, cập nhật 0 đảng viên.');
    expect(await page.getByTestId('import-apply').isDisabled()).toBe(true);
    await shot(page, 'import-done');

    // The imported members are in the cell's list, found without diacritics.
    await page.goto(`/members?q=${encodeURIComponent('lo thi xuyen')}`);
    await page
      .getByTestId('member-total')
      .filter({ hasText: /^1 đảng viên$/ })
      .waitFor();
    expect(await page.getByTestId('member-link').textContent()).toBe('Lò Thị Xuyến');
    expect(await page.getByTestId('member-row').textContent()).toContain(CELL);
  });
});
