// The rows an import refused, as a workbook the secretary can fix from: row, column and
// message, with the file and the date of the check in the heading (dd/mm/yyyy).
import ExcelJS from 'exceljs';
import { formatDateVi, todayInVietnam } from '../../domain/calendar.ts';
import { type Lang, t } from '../../i18n/messages.ts';
import type { ImportErrorsBody } from './schemas.ts';

export async function importErrorsXlsx(body: ImportErrorsBody, lang: Lang): Promise<Buffer> {
  const h = (key: string, params: Record<string, string | number> = {}) => t(lang, `imports.errors_xlsx.${key}`, params);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'chibo';
  const sheet = wb.addWorksheet(h('sheet'));
  sheet.columns = [{ width: 10 }, { width: 28 }, { width: 90 }];
  sheet.addRow([h('title')]).font = { bold: true, size: 13 };
  if (body.fileName) sheet.addRow([h('file', { name: body.fileName })]);
  sheet.addRow([h('checked_on', { date: formatDateVi(todayInVietnam()) })]);
  sheet.addRow([h('count', { count: body.errors.length })]);
  sheet.addRow([]);
  const header = sheet.addRow([h('row'), h('column'), h('message')]);
  header.font = { bold: true };
  for (const e of body.errors) sheet.addRow([e.row, e.column, e.message]);
  sheet.views = [{ state: 'frozen', ySplit: header.number }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
