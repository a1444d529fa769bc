// The compliance report as an Excel workbook, one sheet per view, headers in the
// reader's language, percentages as Excel percentages.
import ExcelJS from 'exceljs';
import { formatDateVi, formatMonthVi, quarterParts } from '../../domain/calendar.ts';
import { type Lang, t } from '../../i18n/messages.ts';
import type { ComplianceReport } from './compliance.ts';

const yesNo = (lang: Lang, v: boolean | null) => (v === null ? '' : t(lang, v ? 'meetings.xlsx.yes' : 'meetings.xlsx.no'));

export async function complianceXlsx(report: ComplianceReport, lang: Lang): Promise<Buffer> {
  const h = (key: string, params: Record<string, string | number> = {}) => t(lang, `meetings.xlsx.${key}`, params);
  // Dates as dd/mm/yyyy, months as mm/yyyy and quarters as "Quý 1/2026", as on paper.
  const quarter = (q: string) => h('quarter', quarterParts(q));
  const dates = (list: string[]) => list.map((d) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? formatDateVi(d) : d)).join(', ');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'chibo';

  const summary = wb.addWorksheet(h('sheet_summary'));
  summary.columns = [{ width: 60 }, { width: 20 }];
  const s = report.summary;
  const rows: [string, string | number | null, 'percent'?][] = [
    [h('unit'), report.unit.name],
    [h('period'), `${formatDateVi(report.from)} – ${formatDateVi(report.to)}`],
    [h('as_of'), formatDateVi(report.asOf)],
    [h('cells'), s.cells],
    [h('cells_every_month'), `${s.cellsEveryMonth}/${s.cellsMonthlyApplicable}`],
    [h('cells_every_month_rate'), s.cellsEveryMonthRate, 'percent'],
    [h('cells_thematic'), `${s.cellsThematicEveryQuarter}/${s.cellsThematicApplicable}`],
    [h('cells_thematic_rate'), s.cellsThematicEveryQuarterRate, 'percent'],
    [h('meetings_held'), s.meetingsHeld],
    [h('attendance'), `${s.present}/${s.expected}`],
    [h('attendance_rate'), s.attendanceRate, 'percent'],
    [t(lang, 'meetings.grades.tot'), s.grades.tot],
    [t(lang, 'meetings.grades.kha'), s.grades.kha],
    [t(lang, 'meetings.grades.trung_binh'), s.grades.trung_binh],
    [t(lang, 'meetings.grades.kem'), s.grades.kem],
    [h('ungraded'), s.grades.ungraded],
    [h('strike_off_warnings'), report.strikeOffWarnings.length],
    [
      h('without_meeting', { month: formatMonthVi(report.thisMonth.month), deadline: formatDateVi(report.thisMonth.deadline) }),
      report.thisMonth.cellsWithoutMeeting.length,
    ],
  ];
  for (const [label, value, format] of rows) {
    const row = summary.addRow([label, value]);
    if (format === 'percent') row.getCell(2).numFmt = '0.00%';
  }

  const cells = wb.addWorksheet(h('sheet_cells'));
  const quarters = report.quartersRequired;
  cells.columns = [
    { header: h('cell'), width: 36 },
    { header: h('months_held'), width: 14 },
    { header: h('every_month'), width: 12 },
    { header: h('missing_months'), width: 30 },
    ...quarters.map((q) => ({ header: h('thematic_in', { quarter: quarter(q) }), width: 14 })),
    { header: h('every_quarter'), width: 14 },
    { header: h('meetings_held'), width: 12 },
    { header: h('attendance'), width: 14 },
    { header: h('attendance_rate'), width: 14 },
    { header: t(lang, 'meetings.grades.tot'), width: 8 },
    { header: t(lang, 'meetings.grades.kha'), width: 8 },
    { header: t(lang, 'meetings.grades.trung_binh'), width: 10 },
    { header: t(lang, 'meetings.grades.kem'), width: 8 },
  ];
  cells.getRow(1).font = { bold: true };
  for (const c of report.cells) {
    const row = cells.addRow([
      c.unitName,
      `${c.monthsHeld}/${c.monthsRequired}`,
      yesNo(lang, c.everyMonth),
      c.missingMonths.map(formatMonthVi).join(', '),
      ...quarters.map((q) => c.thematicByQuarter[q] ?? ''),
      yesNo(lang, c.thematicEveryQuarter),
      c.meetingsHeld,
      `${c.present}/${c.expected}`,
      c.attendanceRate,
      c.grades.tot,
      c.grades.kha,
      c.grades.trung_binh,
      c.grades.kem,
    ]);
    row.getCell(9 + quarters.length).numFmt = '0.00%';
  }

  const warnings = wb.addWorksheet(h('sheet_warnings'));
  warnings.columns = [
    { header: h('member'), width: 30 },
    { header: h('cell'), width: 36 },
    { header: h('absences'), width: 12 },
    { header: h('dates'), width: 40 },
  ];
  warnings.getRow(1).font = { bold: true };
  for (const w of report.strikeOffWarnings) warnings.addRow([w.fullName, w.unitName, w.absences, dates(w.dates)]);

  const missing = wb.addWorksheet(h('sheet_this_month'));
  missing.columns = [
    { header: h('without_meeting', { month: formatMonthVi(report.thisMonth.month), deadline: formatDateVi(report.thisMonth.deadline) }), width: 60 },
  ];
  missing.getRow(1).font = { bold: true };
  for (const c of report.thisMonth.cellsWithoutMeeting) missing.addRow([c.unitName]);

  return Buffer.from(await wb.xlsx.writeBuffer());
}
