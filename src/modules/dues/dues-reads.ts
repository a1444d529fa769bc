// Reads of dues: a cell's month (each member's amount prefilled, what is recorded, arrears
// before it), a member's own dues, and the arrears of a unit's members over a period.
import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { addMonths, lastDayOfMonth } from '../../domain/calendar.ts';
import { duesRulesFor } from '../../domain/party-dues.ts';
import type { Lang } from '../../i18n/messages.ts';
import { t } from '../../i18n/messages.ts';
import type { Access } from '../access/access.ts';
import { membersUnderDuring, membersUnderOn } from '../org-history/units-under.ts';
import { unitRuleSets } from '../rule-sets/unit-rule-sets.ts';
import { readableMember, readableUnit } from './dues-access.ts';
import { arrearOf, duesLedger, type MemberMonth, unpaidMonth } from './dues-ledger.ts';
import { monthView } from './month-view.ts';
import { monthStart, monthsSpan } from './months.ts';
import type { CellMonthOut } from './schemas.ts';

const shiftMonth = (month: string, n: number) => addMonths(monthStart(month), n).slice(0, 7);

/** The members under the unit on the month's last day, in Vietnamese name order. */
export async function membersOfMonth(db: Db, unitId: number, month: string) {
  const { rows } = await sql<{ member_id: number; full_name: string; unit_id: number }>`
    select mu.member_id, m.full_name, mu.unit_id from (${membersUnderOn([unitId], lastDayOfMonth(month))}) mu
      join members m on m.id = mu.member_id order by m.sort_key, m.id`.execute(db);
  return rows;
}

/** The words for a rule set's item ('fixed.other') that is chibo's reading, not yet confirmed. */
export const unconfirmedItemLabel = (lang: Lang, item: string) => t(lang, `dues.rule_item.${item.replaceAll('.', '_')}`);

export async function duesRuleSetOf(db: Db, unitId: number, month: string, lang: Lang) {
  const set = duesRulesFor(month, await unitRuleSets(db, 'dues', unitId, monthStart(month)));
  const unconfirmed = set.body.unconfirmed;
  return { set, out: { code: set.code, title: set.title[lang], unconfirmed, unconfirmedItems: unconfirmed.map((item) => unconfirmedItemLabel(lang, item)) } };
}

const owedSum = (months: readonly MemberMonth[]) => months.reduce((s, m) => s + (arrearOf(m) ?? 0), 0);

/** The cell's sheet of a month; each member's earlier arrears count the months over (up to `lastMonthOver`), as the list does. */
export async function cellMonth(db: Db, access: Access, unitId: number, month: string, lastMonthOver: string, lang: Lang): Promise<CellMonthOut> {
  const unit = await readableUnit(db, access, unitId, monthsSpan(month));
  const [members, rules] = await Promise.all([membersOfMonth(db, unitId, month), duesRuleSetOf(db, unitId, month, lang)]);
  const ledger = await duesLedger(
    db,
    members.map((m) => m.member_id),
    shiftMonth(month, -11),
    month,
  );
  const rows = members.map((m) => {
    const months = ledger.get(m.member_id) ?? [];
    const current = months.find((x) => x.month === month)!;
    return {
      memberId: m.member_id,
      fullName: m.full_name,
      dues: monthView(current, lang),
      arrearsBefore: owedSum(months.filter((x) => x.month < month && x.month <= lastMonthOver)),
    };
  });
  return {
    unit: { id: unit.id, name: unit.name, dissolvedOn: unit.dissolved_on },
    month,
    ruleSet: rules.out,
    canRecord: unit.writable,
    members: rows,
    totals: {
      due: rows.reduce((s, r) => s + (r.dues.due ?? 0), 0),
      paid: rows.reduce((s, r) => s + (r.dues.payment?.amount ?? 0), 0),
      members: rows.length,
      paidMembers: rows.filter((r) => (r.dues.payment?.amount ?? 0) > 0).length,
    },
  };
}

/** A member's dues of `from`..`to`; arrears count the months that are over (up to `lastMonthOver`), as the cell's list does. */
export async function memberDues(db: Db, access: Access, memberId: number, from: string, to: string, lastMonthOver: string, lang: Lang) {
  const member = await readableMember(db, access, memberId);
  const [ledger, bases, exemptions, reductions, payments] = await Promise.all([
    duesLedger(db, [memberId], from, to),
    db.selectFrom('dues_bases').selectAll().where('member_id', '=', memberId).orderBy('valid_from').execute(),
    db.selectFrom('dues_exemptions').selectAll().where('member_id', '=', memberId).orderBy('from_month').execute(),
    db.selectFrom('dues_reductions').selectAll().where('member_id', '=', memberId).orderBy('from_month').execute(),
    db.selectFrom('dues_payments').selectAll().where('member_id', '=', memberId).orderBy('month').orderBy('id').execute(),
  ]);
  const months = ledger.get(memberId) ?? [];
  const over = months.filter((m) => m.month <= lastMonthOver);
  const owed = over.filter((m) => (arrearOf(m) ?? 0) > 0);
  const ym = (d: string) => d.slice(0, 7);
  return {
    memberId,
    fullName: member.full_name,
    bases: bases.map((b) => ({
      basis: b.basis,
      earnings: b.earnings,
      fixedAmount: b.fixed_amount,
      pastWorkingAge: b.past_working_age,
      from: ym(b.valid_from),
      to: b.valid_to ? ym(addMonths(b.valid_to, -1)) : null,
    })),
    exemptions: exemptions.map((e) => ({
      reason: e.reason,
      label: t(lang, `dues.exemption.${e.reason}`),
      from: ym(e.from_month),
      to: e.to_month ? ym(e.to_month) : null,
      decisionNumber: e.decision_number,
    })),
    reductions: reductions.map((r) => ({ percent: r.percent, from: ym(r.from_month), months: r.months, decisionNumber: r.decision_number })),
    months: months.map((m) => monthView(m, lang)),
    arrears: {
      total: owedSum(over),
      months: owed.map((m) => ({ month: m.month, owed: arrearOf(m)! })),
      extra: months.reduce((s, m) => s + (m.dues && m.payment ? Math.max(0, m.payment.amount - m.dues.due) : 0), 0),
      unknown: over.filter((m) => arrearOf(m) === null).length,
    },
    payments: payments.map((p) => ({
      month: ym(p.month),
      amount: p.amount,
      method: p.method,
      reference: p.reference,
      paidOn: p.paid_on,
      recordedAt: p.recorded_at.toISOString(),
      replaced: p.replaced_by !== null,
    })),
  };
}

/** Members owing for months of `from`..`to` that are over (up to `lastMonthOver`): the running month is not arrears yet. */
export async function unitArrears(db: Db, access: Access, unitId: number, from: string, to: string, lastMonthOver: string) {
  const unit = await readableUnit(db, access, unitId, monthsSpan(from, to));
  const { rows } = await sql<{ member_id: number; full_name: string; unit_id: number }>`
    select distinct on (m.sort_key, m.id) m.id as member_id, m.full_name, d.unit_id
      from (${membersUnderDuring([unitId], monthStart(from), lastDayOfMonth(to))}) d join members m on m.id = d.member_id
     order by m.sort_key, m.id, d.valid_from desc`.execute(db);
  const ledger = await duesLedger(
    db,
    rows.map((r) => r.member_id),
    from,
    to,
  );
  const members = rows
    .map((r) => {
      const months = (ledger.get(r.member_id) ?? []).filter((m) => m.month <= lastMonthOver);
      const owing = months.filter((m) => arrearOf(m) !== 0);
      return {
        memberId: r.member_id,
        fullName: r.full_name,
        unitId: r.unit_id,
        total: owedSum(months),
        months: owing.map((m) => ({ month: m.month, owed: arrearOf(m) })),
        unpaidMonths: months.filter(unpaidMonth).map((m) => m.month),
      };
    })
    .filter((m) => m.months.length > 0);
  return { unit: { id: unit.id, name: unit.name }, from, to, members, total: members.reduce((s, m) => s + m.total, 0) };
}
