// The import template: a "Đảng viên" sheet with the column headers (identifier columns
// formatted as text so leading zeros survive, drop-down lists for the fixed values) and
// an instructions sheet explaining every column.
import ExcelJS from 'exceljs';
import { type Lang, t } from '../../i18n/messages.ts';
import { columnLabel, IMPORT_COLUMNS } from './member-columns.ts';

const TEMPLATE_ROWS = 2000;

export async function buildMemberTemplate(lang: Lang): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'chibo';
  const sheet = workbook.addWorksheet(t(lang, 'members.export.sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = IMPORT_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  const header = sheet.getRow(1);
  IMPORT_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = columnLabel(lang, c.key);
    cell.font = { bold: true, color: c.required ? { argb: 'FFC00000' } : undefined };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
    cell.alignment = { wrapText: true, vertical: 'middle' };
  });
  header.height = 32;

  const lists: Partial<Record<string, string[]>> = {
    sex: [t(lang, 'members.sex.nam'), t(lang, 'members.sex.nu')],
    theoryLevel: ['so_cap', 'trung_cap', 'cao_cap', 'cu_nhan'].map((v) => t(lang, `members.theory_level.${v}`)),
    status: [t(lang, 'members.status.du_bi'), t(lang, 'members.status.chinh_thuc')],
  };
  IMPORT_COLUMNS.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    // Identifiers and dates typed as text keep their leading zeros and their dd/mm/yyyy form.
    if (c.kind === 'digits' || c.kind === 'phone' || c.kind === 'code' || c.kind === 'date') column.numFmt = '@';
    const list = lists[c.key];
    if (list) {
      for (let r = 2; r <= TEMPLATE_ROWS; r++) {
        sheet.getCell(r, i + 1).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${list.join(',')}"`] };
      }
    }
  });

  const help = workbook.addWorksheet(t(lang, 'imports.template.help_sheet'));
  help.columns = [{ width: 26 }, { width: 10 }, { width: 90 }];
  help.addRow([t(lang, 'imports.template.help_title')]).font = { bold: true, size: 14 };
  const intro = help.addRow([t(lang, 'imports.template.help_intro')]);
  help.mergeCells(intro.number, 1, intro.number, 3);
  intro.alignment = { wrapText: true, vertical: 'top' };
  intro.height = 60;
  help.addRow([]);
  help.addRow([t(lang, 'imports.template.column'), t(lang, 'imports.template.required'), t(lang, 'imports.template.how')]).font = { bold: true };
  for (const c of IMPORT_COLUMNS) {
    const row = help.addRow([columnLabel(lang, c.key), c.required ? t(lang, 'imports.template.yes') : '', t(lang, `imports.template.help.${c.key}`)]);
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
