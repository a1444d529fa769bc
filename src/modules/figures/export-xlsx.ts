// The dashboard's tables as Excel workbooks: Vietnamese headings (English on request), and
// above each table the unit, the date or period of the figures and the date of extraction,
// so a sheet forwarded on its own still says what it counts. A share is written twice: as
// "n/of" and as an Excel percentage (shown 41,52% in a Vietnamese Excel).
import ExcelJS from 'exceljs';
import { formatDateVi } from '../../domain/calendar.ts';
import { type Lang, t } from '../../i18n/messages.ts';
import type { DashboardData, Share } from './dashboard-data.ts';
import { BREAKDOWNS, breakdownLabel, kindLabel } from './figure-labels.ts';

export const EXPORT_TABLES = ['subUnits', 'members', 'meetings'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

const ratio = (s: Share) => (s.of === 0 ? null : s.n / s.of);
const pair = (s: Share) => `${s.n}/${s.of}`;

interface Column {
  header: string;
  width: number;
  percent?: boolean;
}

/** A sheet with its heading lines, then the table's header row (bold, framed) and rows. */
export function tableSheet(
  wb: ExcelJS.Workbook,
  name: string,
  title: string,
  heading: string[],
  columns: Column[],
  rows: (string | number | null)[][],
  totalRows = 0,
) {
  const ws = wb.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: columns.length > 6 ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = columns.map((c) => ({ width: c.width }));
  const titleRow = ws.addRow([title]);
  titleRow.font = { bold: true, size: 13 };
  ws.mergeCells(titleRow.number, 1, titleRow.number, columns.length);
  for (const line of heading) ws.addRow([line]).font = { italic: true };
  ws.addRow([]);
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  const thin = { style: 'thin' as const };
  const frame = { top: thin, bottom: thin, left: thin, right: thin };
  header.eachCell((cell) => {
    cell.border = frame;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  ws.views = [{ state: 'frozen', ySplit: header.number }];
  rows.forEach((values, i) => {
    const row = ws.addRow(values);
    columns.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      cell.border = frame;
      if (c.percent) cell.numFmt = '0.00%';
    });
    if (i >= rows.length - totalRows) row.font = { bold: true };
  });
  return ws;
}

export async function figuresXlsx(table: ExportTable, data: DashboardData, lang: Lang): Promise<Buffer> {
  const h = (key: string, params: Record<string, string | number> = {}) => t(lang, `figures.export.${key}`, params);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'chibo';
  const u = data.unit;
  const m = data.meetings;
  const unitLine = h('unit_line', { unit: u.unit.name, parent: u.unit.parent ? ` (${u.unit.parent.name})` : '' });
  const dateLine = h('date_line', { date: formatDateVi(u.date) });
  const periodLine = h('period_line', { from: formatDateVi(m.from), to: formatDateVi(m.to) });
  const extractedLine = h('extracted_line', { date: formatDateVi(data.extractedOn) });

  if (table === 'subUnits') {
    const meetingsById = new Map(m.subUnits.map((s) => [s.id, s]));
    const unitIds = new Set(u.subUnits.map((s) => s.id));
    const rows = [
      ...u.subUnits.map((s) => ({
        name: s.name,
        kind: s.kind,
        members: s.members as number | null,
        grassroots: s.grassroots as number | null,
        cells: s.cells as number | null,
        mt: meetingsById.get(s.id),
      })),
      // A unit of the period that was no longer under this one on the date (a restructuring in between).
      ...m.subUnits.filter((s) => !unitIds.has(s.id)).map((s) => ({ name: s.name, kind: s.kind, members: null, grassroots: null, cells: null, mt: s })),
    ];
    const shareCells = (s: Share | undefined) => (s ? [pair(s), ratio(s)] : [null, null]);
    tableSheet(
      wb,
      h('sheet_sub_units'),
      h('title_sub_units'),
      [unitLine, dateLine, periodLine, extractedLine],
      [
        { header: h('no'), width: 6 },
        { header: h('sub_unit'), width: 36 },
        { header: h('kind'), width: 18 },
        { header: h('members'), width: 11 },
        { header: h('grassroots'), width: 12 },
        { header: h('cells'), width: 9 },
        { header: h('meetings_held'), width: 12 },
        { header: h('compliance'), width: 14 },
        { header: h('compliance_rate'), width: 12, percent: true },
        { header: h('attendance'), width: 14 },
        { header: h('attendance_rate'), width: 12, percent: true },
      ],
      [
        ...rows.map((r, i) => [
          i + 1,
          r.name,
          kindLabel(lang, r.kind),
          r.members,
          r.grassroots,
          r.cells,
          r.mt?.meetingsHeld ?? null,
          ...shareCells(r.mt?.compliance),
          ...shareCells(r.mt?.attendance),
        ]),
        [
          null,
          h('total', { unit: u.unit.name }),
          kindLabel(lang, u.unit.kind),
          u.members.total,
          u.organisations.grassroots.n,
          u.organisations.cells.n,
          m.meetingsHeld,
          ...shareCells(m.monthlyCompliance),
          ...shareCells(m.attendanceRate),
        ],
      ],
      1,
    );
  } else if (table === 'members') {
    const total = u.members.total;
    const rows: (string | number | null)[][] = [];
    for (const b of BREAKDOWNS) {
      for (const c of u.members[b]) rows.push([h(`breakdown_${b}`), breakdownLabel(lang, b, c.key), c.n, total === 0 ? null : c.n / total]);
    }
    tableSheet(
      wb,
      h('sheet_members'),
      h('title_members'),
      [unitLine, dateLine, extractedLine, h('members_total', { n: total })],
      [
        { header: h('group'), width: 22 },
        { header: h('item'), width: 30 },
        { header: h('count'), width: 14 },
        { header: h('share'), width: 12, percent: true },
      ],
      rows,
    );
    const bands = u.members.byAgeBandAndSex;
    tableSheet(
      wb,
      h('sheet_pyramid'),
      h('title_pyramid'),
      [unitLine, dateLine, extractedLine],
      [
        { header: h('age_band'), width: 22 },
        { header: t(lang, 'members.sex.nam'), width: 10 },
        { header: t(lang, 'members.sex.nu'), width: 10 },
        { header: h('sum'), width: 10 },
      ],
      [
        ...bands.map((b) => [breakdownLabel(lang, 'byAgeBand', b.key), b.nam, b.nu, b.nam + b.nu]),
        [h('sum'), bands.reduce((s, b) => s + b.nam, 0), bands.reduce((s, b) => s + b.nu, 0), bands.reduce((s, b) => s + b.nam + b.nu, 0)],
      ],
      1,
    );
  } else {
    const month = (ym: string) => `${ym.slice(5, 7)}/${ym.slice(0, 4)}`;
    tableSheet(
      wb,
      h('sheet_months'),
      h('title_months'),
      [unitLine, periodLine, extractedLine],
      [
        { header: h('month'), width: 10 },
        { header: h('compliance_month'), width: 16 },
        { header: h('compliance_rate'), width: 12, percent: true },
        { header: h('attendance'), width: 14 },
        { header: h('attendance_rate'), width: 12, percent: true },
      ],
      [...m.trend.map((r) => [month(r.month), pair(r.compliance), ratio(r.compliance), pair(r.attendance), ratio(r.attendance)])],
    );
    const grade = (g: string) => t(lang, `meetings.grades.${g}`);
    tableSheet(
      wb,
      h('sheet_meeting_summary'),
      h('title_meeting_summary'),
      [unitLine, periodLine, extractedLine],
      [
        { header: h('item'), width: 44 },
        { header: h('value'), width: 14 },
        { header: h('share'), width: 12, percent: true },
      ],
      [
        [h('meetings_held'), m.meetingsHeld, null],
        [h('compliance'), pair(m.monthlyCompliance), ratio(m.monthlyCompliance)],
        [h('thematic'), pair(m.thematic), ratio(m.thematic)],
        [h('attendance'), pair(m.attendanceRate), ratio(m.attendanceRate)],
        [h('graded'), pair(m.graded), ratio(m.graded)],
        ...m.quality.map((q) => [h('grade', { grade: grade(q.grade) }), q.n, m.graded.n === 0 ? null : q.n / m.graded.n]),
        [h('warnings'), m.strikingOffWarnings, null],
      ],
    );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
