// The result table of a grading period as an Excel workbook (issue 9 item 6): one row per
// member and per organisation the caller may see — the self-grade, the cell's proposal, the
// decision with its date and number, the grade in force after amendments, and why someone
// was left out — then the counts by grade with numerator and denominator. Dates dd/mm/yyyy;
// headings in the caller's language; above the table the unit, the period, the rule set and
// the date of extraction, so a sheet forwarded on its own still says what it is.
import ExcelJS from 'exceljs';
import type { Db } from '../../db/types.ts';
import { formatDateVi, todayInVietnam } from '../../domain/calendar.ts';
import { GRADES, type Grade } from '../../domain/grading-rules.ts';
import { type Lang, t } from '../../i18n/messages.ts';
import type { Access } from '../access/access.ts';
import { validOn } from '../org-history/valid-on.ts';
import { visiblePeriod } from './period-access.ts';
import { readEntries, unitNameOn } from './read-entries.ts';

const COLUMNS = [
  ['no', 6],
  ['name', 30],
  ['unit', 28],
  ['self_grade', 12],
  ['proposed', 12],
  ['decided', 12],
  ['decided_on', 14],
  ['decision_number', 16],
  ['grade', 12],
  ['note', 50],
] as const;

export async function periodXlsx(db: Db, access: Access, periodId: number, lang: Lang): Promise<Buffer> {
  const period = await visiblePeriod(db, access, periodId);
  const entries = await readEntries(db, access, period, lang);
  const unitIds = [...new Set(entries.map((e) => e.unitId))];
  const names = new Map(
    (
      await db
        .selectFrom('unit_versions as v')
        .select(['v.unit_id', 'v.name'])
        .where('v.unit_id', 'in', unitIds.length ? unitIds : [0])
        .where(validOn('v', period.ends_on))
        .execute()
    ).map((r) => [r.unit_id, r.name]),
  );
  const short = (g: Grade | null | undefined) => (g ? t(lang, `grading.grade_short.${g}`) : '');
  const h = (key: string) => t(lang, `grading.export.${key}`);

  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(h('sheet'), { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = COLUMNS.map(([, width]) => ({ width }));
  const title = ws.addRow([`${h('title')} — ${period.name}`]);
  title.font = { bold: true, size: 13 };
  ws.mergeCells(title.number, 1, title.number, COLUMNS.length);
  for (const line of [
    `${h('unit_line')}: ${await unitNameOn(db, period.unit_id, period.ends_on)}`,
    `${h('period_line')}: ${formatDateVi(period.starts_on)} – ${formatDateVi(period.ends_on)}`,
    `${h('rules_line')}: ${period.rule_set_code} (${/^\d{4}-\d{2}-\d{2}$/.test(period.rule_set_version) ? formatDateVi(period.rule_set_version) : period.rule_set_version})`,
    `${h('extracted_line')}: ${formatDateVi(todayInVietnam())}`,
  ])
    ws.addRow([line]).font = { italic: true };
  ws.addRow([]);
  const thin = { style: 'thin' as const };
  const frame = { top: thin, bottom: thin, left: thin, right: thin };
  const header = ws.addRow(COLUMNS.map(([key]) => h(`col.${key}`)));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  header.eachCell((c) => {
    c.border = frame;
  });
  ws.views = [{ state: 'frozen', ySplit: header.number }];
  for (const [i, e] of entries.entries()) {
    const notes = [
      e.excluded?.text,
      ...e.amendments.map((a) => `${h('amended')} ${short(a.fromGrade)} → ${short(a.toGrade)}: ${a.reason}`),
      e.decision?.fourGood ? h('four_good') : undefined,
    ].filter(Boolean);
    const row = ws.addRow([
      i + 1,
      e.name,
      e.subject === 'member' ? (names.get(e.unitId) ?? '') : '',
      short(e.selfAssessment?.grade),
      short(e.proposal?.grade),
      short(e.decision?.grade),
      e.decision ? formatDateVi(e.decision.decidedOn) : '',
      e.decision?.decisionNumber ?? '',
      short(e.grade),
      notes.join('; '),
    ]);
    row.eachCell({ includeEmpty: true }, (c) => {
      c.border = frame;
    });
  }

  // The counts by grade, of those graded and of all on the roll the caller sees.
  ws.addRow([]);
  const members = entries.filter((e) => e.subject === 'member');
  const graded = members.filter((e) => e.excluded === null);
  const summary = ws.addRow([h('summary'), '', '', h('of_graded'), '', h('of_all')]);
  summary.font = { bold: true };
  for (const g of GRADES) {
    const n = graded.filter((e) => e.grade === g).length;
    ws.addRow([
      '',
      t(lang, `grading.grade.${g}`),
      short(g),
      `${n}/${graded.length}`,
      graded.length ? n / graded.length : null,
      `${n}/${members.length}`,
      members.length ? n / members.length : null,
    ]).eachCell((c, col) => {
      if (col === 5 || col === 7) c.numFmt = '0.00%';
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
