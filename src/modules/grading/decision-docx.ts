// The decision of a grading period as a .docx in the party layout (issue 9 item 6): the
// deciding committee top left with the decision's number, "ĐẢNG CỘNG SẢN VIỆT NAM" and the
// date line top right, "QUYẾT ĐỊNH về việc xếp loại chất lượng …", the grounds (the rule set
// the period was fixed to), Điều 1 with the table of those decided and the counts by grade,
// Điều 2, then "Nơi nhận" and the signature block. The members' decision is the committee
// of the period's unit; the organisations' too (form 01 of the period's own organisation is
// the level above's, filtered by its decision number). Always in Vietnamese; dates dd/mm/yyyy.
import { AlignmentType, Document, Packer, Paragraph, type Table, TextRun } from 'docx';
import type { Db } from '../../db/types.ts';
import { todayInVietnam } from '../../domain/calendar.ts';
import { GRADES, type Grade, type Subject } from '../../domain/grading-rules.ts';
import { documentDateLine } from '../../domain/meeting-time.ts';
import { builtinRuleSets } from '../../domain/rules/load-rule-set.ts';
import { notFound } from '../../http/app-error.ts';
import { t } from '../../i18n/messages.ts';
import type { Access } from '../access/access.ts';
import { FONT, grid, line, mm, twoColumns } from '../figures/summary-docx.ts';
import { readUnitOn } from '../org-history/units-under.ts';
import { competentUnit, type LoadedPeriod, visiblePeriod } from './period-access.ts';
import { readEntries, unitNameOn } from './read-entries.ts';

const vi = (key: string, params: Record<string, string | number> = {}) => t('vi', `grading.decision_docx.${key}`, params);
const para = (text: string, o: { bold?: boolean; italics?: boolean; indent?: boolean; align?: 'left' | 'justify' } = {}) =>
  new Paragraph({
    alignment: o.align === 'left' ? AlignmentType.LEFT : AlignmentType.JUSTIFIED,
    indent: o.indent === false ? undefined : { firstLine: mm(10) },
    spacing: { before: 60, after: 60 },
    children: [new TextRun({ text, bold: o.bold, italics: o.italics, font: FONT, size: 28 })],
  });
/** "Đảng bộ xã Đông Hòa" → the body that decides: "Đảng ủy xã Đông Hòa" (a cell: "Chi ủy"). */
export const committeeOf = (unitName: string) => unitName.replace(/^Đảng bộ/u, 'Đảng ủy').replace(/^Chi bộ/u, 'Chi ủy');
const percent = (n: number, of: number) => (of === 0 ? '—' : `${(Math.round((n / of) * 10000) / 100).toLocaleString('vi-VN', { maximumFractionDigits: 2 })}%`);

/** The text the period was graded under: the built-in set's source, or the title and source a unit loaded. */
async function groundOf(db: Db, period: LoadedPeriod): Promise<string> {
  if (period.rule_set_id !== null) {
    const row = await db.selectFrom('rule_sets').select(['title', 'source']).where('id', '=', period.rule_set_id).executeTakeFirst();
    return row ? (row.source ?? row.title) : period.rule_set_code;
  }
  const builtin = builtinRuleSets('grading').find((s) => s.code === period.rule_set_code && s.version === period.rule_set_version);
  return builtin?.source ?? period.rule_set_code;
}

export async function decisionDocx(db: Db, access: Access, periodId: number, q: { subject: Subject; decisionNumber?: string }): Promise<Buffer> {
  const period = await visiblePeriod(db, access, periodId);
  // One decision is one competent level's: the grassroots committee for the members and the
  // cells; the period's own organisation, decided by the level above, is not in it.
  const decidingId = await competentUnit(db, period, { subject: 'member', unit_id: period.unit_id });
  const ownDecidedBy = await competentUnit(db, period, { subject: 'organisation', unit_id: period.unit_id });
  const entries = (await readEntries(db, access, period, 'vi')).filter(
    (e) =>
      e.subject === q.subject &&
      e.decision !== null &&
      (q.decisionNumber === undefined || e.decision.decisionNumber === q.decisionNumber) &&
      (e.subject === 'member' || e.unitId !== period.unit_id || ownDecidedBy === decidingId),
  );
  if (q.decisionNumber !== undefined && entries.length === 0) throw notFound('entities.grading_decision');
  const deciding = decidingId === null ? null : await readUnitOn(db, decidingId, period.ends_on);
  const decidedOn = entries.reduce<string | null>((d, e) => (d === null || e.decision!.decidedOn > d ? e.decision!.decidedOn : d), null);
  const number = q.decisionNumber ?? entries.map((e) => e.decision!.decisionNumber).find((n) => n !== null) ?? null;
  const body = committeeOf(deciding?.name ?? '');
  const ground = await groundOf(db, period);
  const unitNames = new Map<number, string>();
  for (const id of new Set(entries.map((e) => e.unitId))) unitNames.set(id, await unitNameOn(db, id, period.ends_on));
  const periodName = period.name.charAt(0).toLowerCase() + period.name.slice(1);
  const dateLine = documentDateLine(decidedOn ?? todayInVietnam());

  const headerLeft = [
    ...(deciding?.parent ? [line(deciding.parent.name.toUpperCase(), { size: 26 })] : []),
    line(body.toUpperCase(), { bold: true, size: 26 }),
    line('*', { size: 26 }),
    line(number ? vi('number', { number }) : vi('number_blank'), { size: 26 }),
  ];
  const headerRight = [
    line('ĐẢNG CỘNG SẢN VIỆT NAM', { bold: true, underline: true, size: 28 }),
    line(''),
    line(dateLine.charAt(0).toUpperCase() + dateLine.slice(1), { italics: true, size: 26 }),
  ];
  const member = q.subject === 'member';
  // An older scale names the organisations' grades otherwise ("Trong sạch, vững mạnh").
  const older = member ? undefined : period.body.organisationGradeLabels;
  // The grade in force: the decision's, or the last amendment's.
  const inForce = (e: (typeof entries)[number]) => (e.grade ?? e.decision!.grade) as Grade;
  const gradeWord = (g: Grade) => older?.[g]?.vi ?? t('vi', `grading.grade.${g}`);
  const rows = entries.map((e, i) => {
    const grade = gradeWord(inForce(e));
    return member
      ? [String(i + 1), e.name, unitNames.get(e.unitId) ?? '', grade]
      : [String(i + 1), e.name, grade, e.decision!.fourGood ? vi('four_good_yes') : ''];
  });
  const counts = GRADES.map((g: Grade) => {
    const n = entries.filter((e) => inForce(e) === g).length;
    return vi('count', { grade: gradeWord(g), n, percent: percent(n, entries.length) });
  });

  const children: (Paragraph | Table)[] = [
    twoColumns(headerLeft, headerRight),
    line(''),
    line(vi('title'), { bold: true, size: 30 }),
    line(vi(member ? 'subject_members' : 'subject_organisations', { period: periodName }), { bold: true, size: 28 }),
    line('-----', { size: 26 }),
    line(''),
    line(body.toUpperCase(), { bold: true, size: 28 }),
    para(vi('ground_rules', { source: ground })),
    para(vi(member ? 'ground_members' : 'ground_organisations')),
    line(vi('decides'), { bold: true, size: 28 }),
    para(vi(member ? 'article1_members' : 'article1_organisations', { n: entries.length, period: periodName }), { bold: false }),
    grid(
      member ? [8, 42, 25, 25] : [8, 47, 30, 15],
      [member ? [vi('no'), vi('name'), vi('cell'), vi('grade')] : [vi('no'), vi('organisation'), vi('grade'), vi('four_good')], ...rows],
      [true, false, false, false],
    ),
    para(vi('counts', { counts: counts.join('; ') })),
    para(vi(member ? 'article2_members' : 'article2_organisations')),
    line(''),
    twoColumns(
      [
        line(vi('recipients'), { bold: true, italics: true, size: 24, align: AlignmentType.LEFT }),
        line(vi('recipients_article2'), { size: 22, align: AlignmentType.LEFT }),
        line(vi('recipients_archive'), { size: 22, align: AlignmentType.LEFT }),
      ],
      [
        line(vi('for_committee', { body: body.replace(/^(Đảng ủy|Chi ủy).*/u, '$1').toUpperCase() }), { bold: true, size: 28 }),
        line(vi('signer'), { bold: true, size: 28 }),
      ],
    ),
  ];
  const document = new Document({
    creator: 'chibo',
    title: `${vi('title')} ${vi(member ? 'subject_members' : 'subject_organisations', { period: periodName })}`,
    styles: { default: { document: { run: { font: FONT, size: 28 } } } },
    sections: [
      {
        properties: { page: { size: { width: mm(210), height: mm(297) }, margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) } } },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
