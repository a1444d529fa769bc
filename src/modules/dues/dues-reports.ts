// The dues reports as xlsx, in the style of the figures exports (figures/export-xlsx.ts):
// Vietnamese headings, the unit, the month and the date of extraction above the table, dates
// dd/mm/yyyy, whole đồng. The collection report lists each member under the unit for the
// month: due, paid, how, when, still owed. The remittance report follows each cell's
// collection up the tree as it stood on the month's last day: what each level received,
// kept by the rule set's share and remitted above (sharesUpTheTree: nothing lost).
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Db, UnitKind } from '../../db/types.ts';
import { formatDateVi, formatMonthVi, lastDayOfMonth } from '../../domain/calendar.ts';
import { vnDate } from '../../domain/meeting-time.ts';
import { type DuesLevel, sharesUpTheTree } from '../../domain/party-dues.ts';
import { type Lang, t } from '../../i18n/messages.ts';
import type { Access } from '../access/access.ts';
import { tableSheet } from '../figures/export-xlsx.ts';
import { clock } from '../meetings/clock.ts';
import { readableUnit } from './dues-access.ts';
import { duesLedger, stillOwed } from './dues-ledger.ts';
import { duesRuleSetOf, membersOfMonth } from './dues-reads.ts';
import { monthStart, monthsSpan } from './months.ts';

function headingLines(lang: Lang, unitName: string, month: string, rules: { title: string; unconfirmedItems: string[] }) {
  const h = (key: string, params: Record<string, string | number> = {}) => t(lang, `dues.export.${key}`, params);
  return [
    h('unit_line', { unit: unitName }),
    h('month_line', { month: formatMonthVi(month) }),
    h('rules_line', {
      rules: rules.title,
      unconfirmed: rules.unconfirmedItems.length > 0 ? h('unconfirmed', { items: rules.unconfirmedItems.join(', ') }) : '',
    }),
    h('extracted_line', { date: formatDateVi(vnDate(clock.now())) }),
  ];
}

export async function collectionXlsx(db: Db, access: Access, unitId: number, month: string, lang: Lang): Promise<Buffer> {
  const h = (key: string, params: Record<string, string | number> = {}) => t(lang, `dues.export.${key}`, params);
  const unit = await readableUnit(db, access, unitId, monthsSpan(month));
  const [members, rules] = await Promise.all([membersOfMonth(db, unitId, month), duesRuleSetOf(db, unitId, month, lang)]);
  const ledger = await duesLedger(
    db,
    members.map((m) => m.member_id),
    month,
    month,
  );
  const { rows: names } = await sql<{ id: number; name: string }>`
    select v.unit_id as id, v.name from unit_versions v
     where v.unit_id = any(${sql.val([...new Set(members.map((m) => m.unit_id))])}::int[])
       and v.valid_from <= ${lastDayOfMonth(month)}::date and (v.valid_to is null or v.valid_to > ${lastDayOfMonth(month)}::date)`.execute(db);
  const unitName = new Map(names.map((n) => [n.id, n.name]));
  let due = 0;
  let paid = 0;
  let owed = 0;
  const rows = members.map((m, i) => {
    const e = ledger.get(m.member_id)![0]!;
    due += e.dues?.due ?? 0;
    paid += e.payment?.amount ?? 0;
    owed += stillOwed(e) ?? 0;
    const relief = e.dues?.exemption
      ? t(lang, `dues.exemption.${e.dues.exemption}`)
      : e.dues?.reductionPercent
        ? h('reduced', { percent: e.dues.reductionPercent })
        : '';
    return [
      i + 1,
      m.full_name,
      unitName.get(m.unit_id) ?? '',
      t(lang, `dues.basis.${e.basis}`),
      relief,
      e.dues?.due ?? (e.problem ? t(lang, e.problem) : null),
      e.payment?.amount ?? 0,
      e.payment ? t(lang, `dues.method.${e.payment.method}`) + (e.payment.reference ? ` (${e.payment.reference})` : '') : '',
      e.payment ? formatDateVi(e.payment.paidOn) : '',
      stillOwed(e),
    ];
  });
  const wb = new ExcelJS.Workbook();
  wb.creator = 'chibo';
  tableSheet(
    wb,
    h('sheet_collection'),
    h('title_collection', { month: formatMonthVi(month) }),
    headingLines(lang, unit.name, month, rules.out),
    [
      { header: h('no'), width: 6 },
      { header: h('member'), width: 28 },
      { header: h('cell'), width: 24 },
      { header: h('basis'), width: 22 },
      { header: h('relief'), width: 20 },
      { header: h('due'), width: 12 },
      { header: h('paid'), width: 12 },
      { header: h('method'), width: 18 },
      { header: h('paid_on'), width: 12 },
      { header: h('owed'), width: 12 },
    ],
    [...rows, [null, h('total'), null, null, null, due, paid, null, null, owed]],
    1,
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The dues level of a unit of `kind` whose parent is of `parentKind`; null: a level that passes everything on (đảng bộ bộ phận, tổ đảng). */
export function duesLevel(kind: UnitKind, parentKind: UnitKind | null): DuesLevel | null {
  if (kind === 'chi_bo')
    return parentKind === 'dang_bo_bo_phan' || parentKind === 'dang_bo_xa' || parentKind === 'dang_bo_co_so' ? 'cell_under_committee' : null;
  if (kind === 'dang_bo_xa') return 'grassroots_commune';
  if (kind === 'dang_bo_co_so' || kind === 'chi_bo_co_so') return 'grassroots_other';
  if (kind === 'dang_bo_bo_phan' || kind === 'to_dang') return null;
  return 'above_grassroots';
}

interface LevelRow {
  unitId: number;
  name: string;
  level: DuesLevel;
  depth: number;
  received: number;
  kept: number;
  remitted: number;
}

export async function remittance(db: Db, access: Access, unitId: number, month: string, lang: Lang) {
  const unit = await readableUnit(db, access, unitId, monthsSpan(month));
  const rules = await duesRuleSetOf(db, unitId, month, lang);
  const end = lastDayOfMonth(month);
  // Each unit under the asked one that collected for the month, with its chain of ancestors then (itself first).
  const { rows } = await sql<{ unit_id: number; collected: number; chain: { id: number; kind: UnitKind; name: string; depth: number }[] }>`
    select c.unit_id, c.collected,
      (select json_agg(json_build_object('id', a.ancestor_id, 'kind', a.ancestor_kind, 'name', v.name, 'depth', a.depth) order by a.depth)
         from unit_ancestry a join unit_versions v on v.unit_id = a.ancestor_id and v.valid_from <= ${end}::date and (v.valid_to is null or v.valid_to > ${end}::date)
        where a.unit_id = c.unit_id and a.valid_from <= ${end}::date and (a.valid_to is null or a.valid_to > ${end}::date)) as chain
      from (select p.unit_id, sum(p.amount)::int as collected from dues_payments p
             where p.month = ${monthStart(month)}::date and p.replaced_by is null
               and p.unit_id in (select a.unit_id from unit_ancestry a where a.ancestor_id = ${unitId}::int
                                   and a.valid_from <= ${end}::date and (a.valid_to is null or a.valid_to > ${end}::date))
             group by p.unit_id) c`.execute(db);
  const byUnit = new Map<number, LevelRow>();
  let collected = 0;
  for (const r of rows) {
    collected += r.collected;
    const chain = r.chain.flatMap((u, i) => {
      const level = duesLevel(u.kind, r.chain[i + 1]?.kind ?? null);
      return level ? [{ ...u, level }] : [];
    });
    const shares = sharesUpTheTree(
      r.collected,
      chain.map((c) => c.level),
      rules.set.body,
    );
    shares.forEach((s, i) => {
      const u = chain[i]!;
      const row = byUnit.get(u.id) ?? { unitId: u.id, name: u.name, level: u.level, depth: u.depth, received: 0, kept: 0, remitted: 0 };
      row.received += s.received;
      row.kept += s.kept;
      row.remitted += s.remitted;
      byUnit.set(u.id, row);
    });
  }
  const levels = [...byUnit.values()].sort((a, b) => a.depth - b.depth || a.name.localeCompare(b.name, 'vi'));
  return { unit: { id: unit.id, name: unit.name }, month, ruleSet: rules.out, collected, levels };
}

export async function remittanceXlsx(db: Db, access: Access, unitId: number, month: string, lang: Lang): Promise<Buffer> {
  const h = (key: string, params: Record<string, string | number> = {}) => t(lang, `dues.export.${key}`, params);
  const r = await remittance(db, access, unitId, month, lang);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'chibo';
  tableSheet(
    wb,
    h('sheet_remittance'),
    h('title_remittance', { month: formatMonthVi(month) }),
    [...headingLines(lang, r.unit.name, month, r.ruleSet), h('collected_line', { amount: r.collected.toLocaleString('vi-VN') })],
    [
      { header: h('no'), width: 6 },
      { header: h('organisation'), width: 32 },
      { header: h('level'), width: 30 },
      { header: h('received'), width: 14 },
      { header: h('kept'), width: 14 },
      { header: h('remitted'), width: 14 },
    ],
    r.levels.map((l, i) => [i + 1, l.name, t(lang, `dues.level.${l.level}`), l.received, l.kept, l.remitted]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
