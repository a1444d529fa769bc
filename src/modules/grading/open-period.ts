// Opening a grading period for a unit (issue 9 item 5): the rule set in force on the
// period's end date is fixed on the period, its body kept, so a set loaded later never
// changes how the period is graded. The roll is drawn in the same transaction from the
// organisation as it stood on the end date (units-under.ts): every member placed under the
// unit then, graded or left out with the reason (grading-roll.ts), and every organisation
// graded (the unit itself and the cells and committees under it).
import { type Kysely, sql } from 'kysely';
import type { DB, MemberStatus, UnitKind } from '../../db/types.ts';
import { formatDateVi } from '../../domain/calendar.ts';
import { exclusionOf } from '../../domain/grading-roll.ts';
import { type GradingRules, gradingRulesForPeriod, quarterPeriod, yearPeriod } from '../../domain/grading-rules.ts';
import { NoRuleSetInForce } from '../../domain/rules/load-rule-set.ts';
import { conflict, notFound } from '../../http/app-error.ts';
import { t } from '../../i18n/messages.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { membersUnderOn, readUnitOn, unitsUnderOn } from '../org-history/units-under.ts';
import { validOn } from '../org-history/valid-on.ts';
import { unitRuleSets } from '../rule-sets/unit-rule-sets.ts';
import { requireGradeOver } from './period-access.ts';
import type { OpenPeriodInput } from './schemas.ts';

/** The organisations a period grades: cells and party committees, not party groups nor the levels above the grassroots. */
export const GRADED_ORGANISATION_KINDS: readonly UnitKind[] = ['dang_bo_xa', 'dang_bo_co_so', 'chi_bo_co_so', 'dang_bo_bo_phan', 'chi_bo'];

/** The group a member is counted in for the quota until the cell says otherwise: members holding no post, when the set has it. */
export function defaultRoleGroup(rules: GradingRules): string {
  return (rules.roleGroups.find((g) => g.key === 'khong_giu_chuc_vu') ?? rules.roleGroups[0]!).key;
}

/** The name lists show when none is given: "Năm 2025", "Quý 1/2026", else the kind and the dates (stored in Vietnamese, the records' language). */
export function periodName(input: Pick<OpenPeriodInput, 'name' | 'kind' | 'startsOn' | 'endsOn'>): string {
  if (input.name) return input.name;
  const year = Number(input.startsOn.slice(0, 4));
  const word = t('vi', `grading.period.${input.kind}`);
  const same = (p: { start: string; end: string }) => p.start === input.startsOn && p.end === input.endsOn;
  if (input.kind === 'year' && same(yearPeriod(year))) return `${word} ${year}`;
  const quarter = ([1, 2, 3, 4] as const).find((q) => same(quarterPeriod(year, q)));
  if (input.kind === 'quarter' && quarter) return `${word} ${quarter}/${year}`;
  return `${word} ${formatDateVi(input.startsOn)} – ${formatDateVi(input.endsOn)}`;
}

export async function openPeriod(db: Kysely<DB>, access: Access, input: OpenPeriodInput): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const visible = await trx
      .selectFrom('units as u')
      .select('u.id')
      .where('u.id', '=', input.unitId)
      .where((eb) => unitInScope(access.scope('read'), eb.ref('u.id')))
      .executeTakeFirst();
    if (!visible) throw notFound('entities.unit');
    await requireGradeOver(trx, access, input.unitId);
    const unit = await readUnitOn(trx, input.unitId, input.endsOn);
    if (!unit) throw conflict('grading.unit_not_on_date', { date: formatDateVi(input.endsOn) });
    // The same members and cells may not sit in two periods of the same kind at once: a
    // period of this unit, of a unit above it or of a unit under it (as the tree stood on the
    // end date) whose dates overlap is refused, with its name.
    const taken = await trx
      .selectFrom('grading_periods as p')
      .leftJoin('unit_versions as v', (j) => j.onRef('v.unit_id', '=', 'p.unit_id').on(validOn('v', input.endsOn)))
      .select(['p.id', 'p.name', 'p.starts_on', 'p.ends_on', 'v.name as unit_name'])
      .where('p.kind', '=', input.kind)
      .where('p.starts_on', '<=', input.endsOn)
      .where('p.ends_on', '>=', input.startsOn)
      .where((eb) =>
        eb.or([
          eb('p.unit_id', '=', input.unitId),
          eb.exists(
            eb
              .selectFrom('unit_ancestry as a')
              .select('a.unit_id')
              .where(validOn('a', input.endsOn))
              .where(
                sql<boolean>`((a.unit_id = ${input.unitId}::int and a.ancestor_id = p.unit_id) or (a.unit_id = p.unit_id and a.ancestor_id = ${input.unitId}::int))`,
              ),
          ),
        ]),
      )
      .orderBy('p.starts_on')
      .executeTakeFirst();
    if (taken)
      throw conflict('grading.period_overlaps', {
        name: taken.name,
        unit: taken.unit_name ?? '',
        from: formatDateVi(taken.starts_on),
        to: formatDateVi(taken.ends_on),
      });

    let rules: ReturnType<typeof gradingRulesForPeriod>;
    try {
      const candidates = await unitRuleSets(trx, 'grading', input.unitId, input.endsOn);
      rules = gradingRulesForPeriod({ kind: input.kind, start: input.startsOn, end: input.endsOn }, candidates);
    } catch (e) {
      if (e instanceof NoRuleSetInForce) throw conflict('grading.no_rule_set', { date: formatDateVi(input.endsOn) });
      throw e;
    }
    const period = await trx
      .insertInto('grading_periods')
      .values({
        unit_id: input.unitId,
        kind: input.kind,
        name: periodName(input),
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        rule_set_code: rules.code,
        rule_set_version: rules.version,
        rule_set_id: rules.origin.type === 'unit' ? rules.origin.id : null,
        rules: JSON.stringify(rules.body),
        opened_by: access.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const { rows: members } = await sql<{ member_id: number; unit_id: number; status: MemberStatus; admitted_on: string | null }>`
      select mu.member_id, mu.unit_id, mu.status, m.admitted_on::text as admitted_on
        from (${membersUnderOn([input.unitId], input.endsOn)}) mu join members m on m.id = mu.member_id
       order by mu.member_id`.execute(trx);
    const group = defaultRoleGroup(rules.body);
    const memberRows = members.map((m) => {
      const reason = exclusionOf(rules.body, { id: m.member_id, status: m.status, admittedOn: m.admitted_on }, { end: input.endsOn });
      return {
        period_id: period.id,
        subject: 'member' as const,
        member_id: m.member_id,
        unit_id: m.unit_id,
        role_group: group,
        excluded: reason ? JSON.stringify(reason) : null,
      };
    });
    const { rows: organisations } = await sql<{ unit_id: number }>`
      select uu.unit_id from (${unitsUnderOn([input.unitId], input.endsOn)}) uu
       where uu.kind = any(${sql.val([...GRADED_ORGANISATION_KINDS])}::text[]) order by uu.depth, uu.unit_id`.execute(trx);
    const orgRows = organisations.map((o) => ({
      period_id: period.id,
      subject: 'organisation' as const,
      member_id: null,
      unit_id: o.unit_id,
      role_group: 'organisation',
      excluded: null,
    }));
    const rows = [...memberRows, ...orgRows];
    for (let i = 0; i < rows.length; i += 1000)
      await trx
        .insertInto('grading_entries')
        .values(rows.slice(i, i + 1000))
        .execute();

    await writeAudit(trx, access.userId, {
      action: 'grading.period.open',
      entityType: 'grading_period',
      entityId: period.id,
      unitId: input.unitId,
      after: {
        kind: input.kind,
        name: periodName(input),
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        ruleSet: { code: rules.code, version: rules.version, unitRuleSetId: rules.origin.type === 'unit' ? rules.origin.id : null },
        members: memberRows.length,
        excluded: memberRows.filter((r) => r.excluded !== null).length,
        organisations: orgRows.length,
      },
    });
    return period.id;
  });
}
