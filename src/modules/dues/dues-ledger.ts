// What each member owed and paid, month by month: the one reader behind the cell's monthly
// sheet, arrears, unpaid months, the reports and the figures. A member owes dues for a month
// when on its last day they sat in a unit with a status that is not a leaving one (probation
// included); the amount is computed by src/domain/party-dues.ts from the basis, exemption and
// reduction recorded for the month, under the rule set in force on its 1st for the member's
// unit then (the unit's own set before the built-in one). Nothing here is stored twice: a
// correction of a basis changes what every later read computes.
import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { addMonths, lastDayOfMonth, monthsBetween } from '../../domain/calendar.ts';
import { groupBy } from '../../domain/group-by.ts';
import { LEAVING_STATUSES } from '../../domain/member-status.ts';
import { type DuesBasis, type DuesMember, type DuesRules, duesRulesFor, type MonthlyDues, monthlyDues } from '../../domain/party-dues.ts';
import { NoRuleSetInForce, type RuleSet } from '../../domain/rules/load-rule-set.ts';
import { validDuring } from '../org-history/valid-on.ts';
import { unitRuleSetsOfUnits } from '../rule-sets/unit-rule-sets.ts';
import { monthStart } from './months.ts';

export interface PaymentInForce {
  id: number;
  due: number;
  amount: number;
  method: 'cash' | 'online';
  reference: string | null;
  paidOn: string;
  unitId: number;
  recordedAt: Date;
  corrections: number;
}

export interface MemberMonth {
  memberId: number;
  month: string;
  /** The member's unit on the month's last day: the cell that collects. */
  unitId: number;
  basis: DuesBasis;
  /** False: no basis recorded for the month; the rule set's fixed amount for others is used. */
  basisSet: boolean;
  /** Null when it cannot be computed (a salary or pension missing): `problem` says why. */
  dues: MonthlyDues | null;
  problem: string | null;
  ruleSet: RuleSet<DuesRules>;
  payment: PaymentInForce | null;
  /**
   * The cell kept the month's dues in chibo (recordedSpans: between the first and the last
   * month it recorded on time). Other months were kept on paper or are still to be entered:
   * never arrears (arrearOf). A month within, with nobody paid, is arrears for all.
   */
  recorded: boolean;
}

interface BasisRow {
  member_id: number;
  basis: DuesBasis;
  earnings: number | null;
  fixed_amount: number | null;
  past_working_age: boolean;
  valid_from: string;
  valid_to: string | null;
}

const inForce = (r: { valid_from: string; valid_to: string | null }, day: string) => r.valid_from <= day && (r.valid_to === null || r.valid_to > day);

/**
 * The months (of `from`..`to`, 'YYYY-MM') each member owed dues, with their unit then, by
 * member and month. PostgreSQL gives the stretches when a member sat in a unit with a status
 * that is not a leaving one (one row per placement and status that overlap); the months whose
 * last day falls in a stretch are listed here. Joining each month in SQL instead made a
 * province's year 1.1 M rows and a status lookup per row (7.6 s for 100,000 members).
 */
export async function owedMonths(db: Db, memberIds: readonly number[], from: string, to: string) {
  const months = monthsBetween(from, to).map((month) => ({ month, lastDay: lastDayOfMonth(month) }));
  const first = months[0]!.lastDay;
  const last = months.at(-1)!.lastDay;
  const ids = sql.val([...memberIds]);
  const { rows } = await sql<{ member_id: number; unit_id: number; from_day: string; to_day: string | null }>`
    select p.member_id, p.unit_id, greatest(p.valid_from, s.valid_from)::text as from_day,
           least(coalesce(p.valid_to, 'infinity'), coalesce(s.valid_to, 'infinity'))::text as to_day
      from member_placements p
      join member_statuses s on s.member_id = p.member_id
       and s.valid_from < coalesce(p.valid_to, 'infinity') and p.valid_from < coalesce(s.valid_to, 'infinity')
     where p.member_id = any(${ids}::int[]) and s.member_id = any(${ids}::int[])
       and not (s.status = any(${sql.val([...LEAVING_STATUSES])}::text[]))
       and ${validDuring('p', first, last)} and ${validDuring('s', first, last)}
     order by p.member_id, from_day`.execute(db);
  const out: { member_id: number; month: string; unit_id: number }[] = [];
  for (const r of rows) {
    const until = r.to_day === 'infinity' ? null : r.to_day;
    for (const m of months)
      if (r.from_day <= m.lastDay && (until === null || until > m.lastDay)) out.push({ member_id: r.member_id, month: m.month, unit_id: r.unit_id });
  }
  return out;
}

export type OwedMonth = Awaited<ReturnType<typeof owedMonths>>[number];

/**
 * The months each unit kept its dues in chibo ('YYYY-MM', both ends included): from the first
 * to the last month it recorded a payment paid in that month or the next. A payment entered
 * late for an old month (a debt settled now), a withdrawn one (0 đ) or none at all moves
 * nothing: the months outside were kept on paper or are still to be entered, as far as chibo
 * knows, and are nobody's arrears.
 */
export type RecordedSpans = ReadonlyMap<number, { first: string; last: string }>;
export async function recordedSpans(db: Db, unitIds: readonly number[]): Promise<RecordedSpans> {
  const units = [...new Set(unitIds)];
  if (units.length === 0) return new Map();
  const { rows } = await sql<{ unit_id: number; first: string; last: string }>`
    select unit_id, to_char(min(month), 'YYYY-MM') as first, to_char(max(month), 'YYYY-MM') as last from dues_payments
     where replaced_by is null and amount > 0 and paid_on < month + interval '2 months' and unit_id = any(${sql.val(units)}::int[])
     group by unit_id`.execute(db);
  return new Map(rows.map((r) => [r.unit_id, { first: r.first, last: r.last }]));
}

/** Whether the unit kept its dues of `month` in chibo (recordedSpans). */
export function inRecordedSpan(spans: RecordedSpans, unitId: number, month: string): boolean {
  const span = spans.get(unitId);
  return span !== undefined && span.first <= month && month <= span.last;
}

/**
 * Month by month, what each member owed and what is recorded as paid, `from`..`to` ('YYYY-MM').
 * `known`: these members' owed months (owedMonths) and their cells' recorded spans when the caller has already read them.
 */
export async function duesLedger(
  db: Db,
  memberIds: readonly number[],
  from: string,
  to: string,
  known?: { owed: readonly OwedMonth[]; spans: RecordedSpans },
): Promise<Map<number, MemberMonth[]>> {
  const out = new Map<number, MemberMonth[]>(memberIds.map((id) => [id, []]));
  if (memberIds.length === 0 || from > to) return out;
  const ids = sql.val([...memberIds]);
  const [owed, members, bases, exemptions, reductions, payments] = await Promise.all([
    known?.owed ?? owedMonths(db, memberIds, from, to),
    sql<{ id: number; admitted_on: string | null; full_member_on: string | null }>`
      select id, admitted_on::text, full_member_on::text from members where id = any(${ids}::int[])`.execute(db),
    sql<BasisRow>`
      select member_id, basis, earnings, fixed_amount, past_working_age, valid_from::text, valid_to::text
        from dues_bases where member_id = any(${ids}::int[]) order by valid_from`.execute(db),
    sql<{ member_id: number; reason: NonNullable<DuesMember['exemption']>['reason']; from_month: string; to_month: string | null }>`
      select member_id, reason, to_char(from_month, 'YYYY-MM') as from_month, to_char(to_month, 'YYYY-MM') as to_month
        from dues_exemptions where member_id = any(${ids}::int[]) order by from_month`.execute(db),
    sql<{ member_id: number; percent: number; from_month: string; months: number }>`
      select member_id, percent, to_char(from_month, 'YYYY-MM') as from_month, months
        from dues_reductions where member_id = any(${ids}::int[]) order by from_month`.execute(db),
    sql<{
      id: number;
      member_id: number;
      month: string;
      due: number;
      amount: number;
      method: 'cash' | 'online';
      reference: string | null;
      paid_on: string;
      unit_id: number;
      recorded_at: Date;
      corrections: number;
    }>`
      select p.id, p.member_id, to_char(p.month, 'YYYY-MM') as month, p.due, p.amount, p.method, p.reference, p.paid_on::text as paid_on,
             p.unit_id, p.recorded_at,
             (select count(*)::int from dues_payments o where o.member_id = p.member_id and o.month = p.month and o.replaced_by is not null) as corrections
        from dues_payments p
       where p.member_id = any(${ids}::int[]) and p.replaced_by is null
         and p.month between ${monthStart(from)}::date and ${monthStart(to)}::date`.execute(db),
  ]);
  const byMember = <T extends { member_id: number }>(rows: T[]) => groupBy(rows, (r) => r.member_id);
  const basesOf = byMember(bases.rows);
  const exemptionsOf = byMember(exemptions.rows);
  const reductionsOf = byMember(reductions.rows);
  const memberOf = new Map(members.rows.map((m) => [m.id, m]));
  const paymentOf = new Map(payments.rows.map((p) => [`${p.member_id}/${p.month}`, p]));

  // Each month's rule set for every unit that collects in it, one query per month.
  const unitsOfMonth = groupBy(owed, (o) => o.month);
  const rulesOfMonth = new Map<string, Map<number, RuleSet<DuesRules>>>();
  for (const [month, rows] of unitsOfMonth) {
    const candidates = await unitRuleSetsOfUnits(db, 'dues', [...new Set(rows.map((o) => o.unit_id))], monthStart(month));
    const rules = new Map<number, RuleSet<DuesRules>>();
    for (const [unitId, sets] of candidates) {
      try {
        rules.set(unitId, duesRulesFor(month, sets));
      } catch (e) {
        // A month before any dues rule (before QĐ 342 took effect on 1/4/2011) owed nothing
        // chibo can compute: it is left out, so a year's look-back starting there still reads.
        if (!(e instanceof NoRuleSetInForce)) throw e;
      }
    }
    rulesOfMonth.set(month, rules);
  }

  const spans =
    known?.spans ??
    (await recordedSpans(
      db,
      owed.map((o) => o.unit_id),
    ));

  const daysOf = new Map([...unitsOfMonth.keys()].map((month) => [month, { day: monthStart(month), previousDay: addMonths(monthStart(month), -1) }]));
  let listOf = 0;
  let list: MemberMonth[] = [];
  for (const o of owed) {
    const ruleSet = rulesOfMonth.get(o.month)!.get(o.unit_id);
    if (!ruleSet) continue;
    const { day, previousDay } = daysOf.get(o.month)!;
    const rows = basesOf.get(o.member_id) ?? [];
    const basis = rows.find((r) => inForce(r, day));
    const before = rows.find((r) => inForce(r, previousDay));
    const earnings: Record<string, number> = {};
    if (basis?.earnings != null) {
      earnings[o.month] = basis.earnings;
      earnings[previousDay.slice(0, 7)] = before?.basis === basis.basis && before.earnings != null ? before.earnings : basis.earnings;
    }
    const exemption = exemptionsOf.get(o.member_id)?.findLast((e) => e.from_month <= o.month && (e.to_month === null || e.to_month >= o.month));
    const reduction = reductionsOf.get(o.member_id)?.findLast((r) => r.from_month <= o.month);
    const m = memberOf.get(o.member_id);
    const input: DuesMember = {
      basis: basis?.basis ?? 'other',
      earnings,
      ...(basis?.fixed_amount != null ? { fixedAmount: basis.fixed_amount } : {}),
      pastWorkingAge: basis?.past_working_age ?? false,
      exemption: exemption ? { reason: exemption.reason, from: exemption.from_month, to: exemption.to_month } : null,
      reduction: reduction ? { percent: reduction.percent, from: reduction.from_month, months: reduction.months } : null,
      ...(m?.admitted_on ? { membership: { decisionOn: m.admitted_on, fullMemberOn: m.full_member_on } } : {}),
    };
    let dues: MonthlyDues | null = null;
    let problem: string | null = null;
    try {
      dues = monthlyDues(input, o.month, ruleSet);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      problem = 'dues.no_earnings';
    }
    const p = paymentOf.get(`${o.member_id}/${o.month}`);
    // The owed months come member by member: the member's list is looked up once for all of theirs.
    if (o.member_id !== listOf) {
      listOf = o.member_id;
      list = out.get(o.member_id)!;
    }
    list.push({
      recorded: inRecordedSpan(spans, o.unit_id, o.month),
      memberId: o.member_id,
      month: o.month,
      unitId: o.unit_id,
      basis: input.basis,
      basisSet: basis !== undefined,
      dues,
      problem,
      ruleSet,
      payment: p
        ? {
            id: p.id,
            due: p.due,
            amount: p.amount,
            method: p.method,
            reference: p.reference,
            paidOn: p.paid_on,
            unitId: p.unit_id,
            recordedAt: p.recorded_at,
            corrections: p.corrections,
          }
        : null,
    });
  }
  return out;
}

/** Paid for the month: something recorded above zero. */
export const paidSomething = (m: MemberMonth) => (m.payment?.amount ?? 0) > 0;
/** Owed something for the month (an amount that could not be computed counts as owed). */
export const owedSomething = (m: MemberMonth) => m.dues === null || m.dues.due > 0;
/** Still owed for the month, whole đồng (0 when settled or exempt; null when the amount is unknown). */
export function stillOwed(m: MemberMonth): number | null {
  if (m.dues === null) return paidSomething(m) ? 0 : null;
  return Math.max(0, m.dues.due - (m.payment?.amount ?? 0));
}

/**
 * What a past month adds to the member's arrears: what is still owed, in a month the cell
 * kept in chibo; 0 in a month it did not (chibo cannot tell who paid). The arrears
 * lists, the member's page, the dues figures and the striking-off grounds all count this way.
 */
export function arrearOf(m: MemberMonth): number | null {
  return m.recorded ? stillOwed(m) : 0;
}

/** Owed something and paid nothing, in a month the cell kept in chibo: a ground for striking off (RULES §3). */
export const unpaidMonth = (m: MemberMonth) => m.recorded && owedSomething(m) && !paidSomething(m);
