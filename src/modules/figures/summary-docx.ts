// The dashboard's one-page summary as a .docx in the party document layout of the minutes
// (meetings/paper-docx.ts): A4, Times New Roman, margins 20/20/30/15 mm, the unit top
// left under its parent, "ĐẢNG CỘNG SẢN VIỆT NAM" top right with the date line; then the
// headline figures with numerator and denominator, and the sub-units. Always in
// Vietnamese, like every party document; dates dd/mm/yyyy. The layout helpers are shared
// with the grading decision (grading/decision-docx.ts).
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableBorders, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { UnitKind } from '../../db/types.ts';
import { formatDateVi } from '../../domain/calendar.ts';
import { documentDateLine } from '../../domain/meeting-time.ts';
import { CELL_KINDS } from '../../domain/unit-tree.ts';
import { t } from '../../i18n/messages.ts';
import { placeFromUnitName } from '../meetings/minutes-document.ts';
import type { DashboardData, Share } from './dashboard-data.ts';

export const FONT = 'Times New Roman';
export const mm = (v: number) => Math.round(v * 56.7);
/** Sub-units listed on the page; more would not fit on one page (the .xlsx has them all). */
export const SUMMARY_SUB_UNIT_ROWS = 12;

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];
const vi = (key: string, params: Record<string, string | number> = {}) => t('vi', `figures.export.${key}`, params);
const percent = (s: Share) => (s.of === 0 ? '—' : `${(Math.round((s.n / s.of) * 10000) / 100).toLocaleString('vi-VN', { maximumFractionDigits: 2 })}%`);
const pair = (s: Share) => `${s.n}/${s.of}`;

export const line = (text: string, o: { bold?: boolean; italics?: boolean; underline?: boolean; size?: number; align?: Align } = {}) =>
  new Paragraph({
    alignment: o.align ?? AlignmentType.CENTER,
    spacing: { after: 0 },
    children: [new TextRun({ text, bold: o.bold, italics: o.italics, underline: o.underline ? {} : undefined, size: o.size, font: FONT })],
  });

const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = { top: none, bottom: none, left: none, right: none };
const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const frame = { top: thin, bottom: thin, left: thin, right: thin };

export function twoColumns(left: Paragraph[], right: Paragraph[]) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: 45, type: WidthType.PERCENTAGE }, borders: noBorders, children: left }),
          new TableCell({ width: { size: 55, type: WidthType.PERCENTAGE }, borders: noBorders, children: right }),
        ],
      }),
    ],
  });
}

/** A framed table; the first row is the heading, numbers right-aligned. */
export function grid(widths: number[], rows: string[][], numeric: boolean[]) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (cells, r) =>
        new TableRow({
          tableHeader: r === 0,
          children: cells.map(
            (text, c) =>
              new TableCell({
                width: { size: widths[c]!, type: WidthType.PERCENTAGE },
                borders: frame,
                children: [
                  line(text, { size: 22, bold: r === 0, align: r === 0 ? AlignmentType.CENTER : numeric[c] ? AlignmentType.RIGHT : AlignmentType.LEFT }),
                ],
              }),
          ),
        }),
    ),
  });
}

export const heading = (text: string) =>
  new Paragraph({ spacing: { before: 160, after: 60 }, children: [new TextRun({ text, bold: true, font: FONT, size: 26 })] });

export async function summaryDocx(data: DashboardData): Promise<Buffer> {
  const { unit: u, meetings: m } = data;
  // Where it is issued, as the party's documents write it before the date: the committee's
  // place, or for a cell its parent committee's (as a cell's minutes do).
  const place = placeFromUnitName(CELL_KINDS.includes(u.unit.kind as UnitKind) && u.unit.parent ? u.unit.parent.name : u.unit.name);
  const dateLine = `${place}, ${documentDateLine(data.extractedOn)}`;
  const headerLeft = [
    ...(u.unit.parent ? [line(u.unit.parent.name.toUpperCase(), { size: 26 })] : []),
    line(u.unit.name.toUpperCase(), { bold: true, size: 26 }),
    line('*', { size: 26 }),
  ];
  const headerRight = [line('ĐẢNG CỘNG SẢN VIỆT NAM', { bold: true, underline: true, size: 28 }), line(''), line(dateLine, { italics: true, size: 26 })];
  const o = u.organisations;
  const figureRows = [
    [vi('item'), vi('value'), vi('share_note')],
    [vi('members'), String(u.members.total), ''],
    [vi('probationary'), pair(u.probationary), percent(u.probationary)],
    [vi('exempted'), pair(u.exempted), percent(u.exempted)],
    [vi('grassroots'), String(o.grassroots.n), vi('grassroots_split', { committees: o.grassroots.committees, cells: o.grassroots.cells })],
    [vi('cells'), String(o.cells.n), vi('cells_split', { under: o.cells.underCommittees, grassroots: o.cells.grassrootsCells })],
  ];
  const meetingRows = [
    [vi('item'), vi('value'), vi('share_note')],
    [vi('meetings_held'), String(m.meetingsHeld), ''],
    [vi('compliance'), pair(m.monthlyCompliance), percent(m.monthlyCompliance)],
    [vi('thematic'), pair(m.thematic), percent(m.thematic)],
    [vi('attendance'), pair(m.attendanceRate), percent(m.attendanceRate)],
    [
      vi('graded'),
      pair(m.graded),
      [percent(m.graded), ...m.quality.filter((q) => q.n > 0).map((q) => `${t('vi', `meetings.grades.${q.grade}`)}: ${q.n}`)].join('; '),
    ],
    [vi('warnings'), String(m.strikingOffWarnings), ''],
  ];
  const meetingsById = new Map(m.subUnits.map((s) => [s.id, s]));
  const subs = u.subUnits.slice(0, SUMMARY_SUB_UNIT_ROWS).map((s) => {
    const mt = meetingsById.get(s.id);
    return [
      s.name,
      String(s.members),
      String(s.cells),
      mt ? `${percent(mt.compliance)} (${pair(mt.compliance)})` : '—',
      mt ? `${percent(mt.attendance)} (${pair(mt.attendance)})` : '—',
    ];
  });

  const children: (Paragraph | Table)[] = [
    twoColumns(headerLeft, headerRight),
    line(''),
    line(vi('summary_title'), { bold: true, size: 30 }),
    line(vi('summary_subtitle', { date: formatDateVi(u.date), from: formatDateVi(m.from), to: formatDateVi(m.to) }), { italics: true, size: 26 }),
    heading(vi('summary_unit_heading', { date: formatDateVi(u.date) })),
    grid([50, 18, 32], figureRows, [false, true, false]),
    heading(vi('summary_meetings_heading', { from: formatDateVi(m.from), to: formatDateVi(m.to) })),
    grid([50, 18, 32], meetingRows, [false, true, false]),
  ];
  if (subs.length) {
    children.push(heading(vi('summary_sub_units_heading', { count: u.subUnits.length })));
    children.push(
      grid(
        [36, 12, 10, 21, 21],
        [[vi('sub_unit'), vi('members'), vi('cells'), vi('compliance_short'), vi('attendance_short')], ...subs],
        [false, true, true, true, true],
      ),
    );
    if (u.subUnits.length > SUMMARY_SUB_UNIT_ROWS)
      children.push(line(vi('summary_more', { n: u.subUnits.length - SUMMARY_SUB_UNIT_ROWS }), { italics: true, size: 22, align: AlignmentType.LEFT }));
  }
  children.push(
    new Paragraph({
      spacing: { before: 120 },
      children: [new TextRun({ text: vi('rule_note', { source: o.rule.source }), italics: true, size: 22, font: FONT })],
    }),
  );
  children.push(
    new Paragraph({ children: [new TextRun({ text: vi('extracted_line', { date: formatDateVi(data.extractedOn) }), italics: true, size: 22, font: FONT })] }),
  );

  const document = new Document({
    creator: 'chibo',
    title: `${vi('summary_title')} — ${u.unit.name}`,
    styles: { default: { document: { run: { font: FONT, size: 26 } } } },
    sections: [
      {
        properties: { page: { size: { width: mm(210), height: mm(297) }, margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) } } },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
