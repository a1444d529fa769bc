// The decision by the competent level (the grassroots committee for members and cells; the
// level above for the period's own organisation) and the amendments of a decided grade.
// The HTXSNV quota (grading-quota.ts) is checked over every grade of the period as it would
// stand after the change, within each group of similar roles, and refused with the exact
// numbers ("4 HTXSNV > 20% × 17 HTTNV = 3"). The period row is locked first, so two
// decisions made at once cannot pass the quota together. A decided grade is locked: a
// second decision is refused (409); a correction is an amendment with its reason, audited.
import type { Kysely } from 'kysely';
import type { DB, Db } from '../../db/types.ts';
import { formatDateVi } from '../../domain/calendar.ts';
import type { Reason } from '../../domain/grading.ts';
import { type QuotaEntry, quotaViolations } from '../../domain/grading-quota.ts';
import { type Grade, type GradingRules, gradeRank } from '../../domain/grading-rules.ts';
import { AppError, badRequest, conflict } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { competentUnit, type LoadedPeriod, requireGradeOver, visibleEntry, visiblePeriod } from './period-access.ts';
import type { AmendmentInput, DecisionsInput } from './schemas.ts';

/** The quota group's label: the rule set's name of the group of similar roles, or "organisations". */
function groupLabel(rules: GradingRules, subject: string, roleGroup: string): string {
  if (subject === 'organisation') return 'grading.role_group_organisation';
  return rules.roleGroups.find((g) => g.key === roleGroup)?.label.vi ?? roleGroup;
}

interface Caps {
  rulesGrade?: Grade;
  reasons?: Reason[];
}

/** 400 naming the entry, with the caps' reasons, when `grade` is above what the rules allow it (the proposal's rulesGrade). */
function checkRulesCap(name: string, caps: unknown, grade: Grade, path: string): void {
  const c = (caps ?? null) as Caps | null;
  if (!c?.rulesGrade || gradeRank(grade) >= gradeRank(c.rulesGrade)) return;
  const reasons = c.reasons ?? [];
  throw new AppError(
    'grading.above_rules_named',
    400,
    { name, grade: `grading.grade_short.${c.rulesGrade}` },
    reasons.length ? reasons.map((r) => ({ path, message: r.key, params: r.params })) : [{ path, message: 'grading.above_rules_band', params: {} }],
  );
}

/** 409 with the numbers when the period's grades, with `changes` applied, break the quota. */
async function checkQuotaAfter(trx: Db, period: LoadedPeriod, changes: ReadonlyMap<number, Grade>): Promise<void> {
  const rows = await trx
    .selectFrom('grading_entries')
    .select(['id', 'subject', 'role_group', 'grade'])
    .where('period_id', '=', period.id)
    .where('excluded', 'is', null)
    .execute();
  const entries: QuotaEntry[] = [];
  for (const r of rows) {
    const grade = changes.get(r.id) ?? (r.grade as Grade | null);
    if (grade) entries.push({ group: groupLabel(period.body, r.subject, r.role_group), grade });
  }
  const violations: Reason[] = quotaViolations(period.body.quota, entries);
  if (violations.length) {
    throw new AppError(
      'grading.quota_exceeded',
      409,
      violations[0]!.params,
      violations.map((v) => ({ path: 'body', message: v.key, params: v.params })),
    );
  }
}

/** Grades an organisation must have to be recognised "4 tốt" (Chi bộ / Đảng bộ cơ sở 4 tốt). */
const FOUR_GOOD_GRADES: readonly Grade[] = ['htxsnv', 'httnv'];

/**
 * `today` is Việt Nam's date: a decision is never dated in the future, and may be taken
 * within the period (a December review of the year), not before it starts.
 */
export async function decide(db: Kysely<DB>, access: Access, periodId: number, input: DecisionsInput, today: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const period = await visiblePeriod(trx, access, periodId, true);
    if (input.decidedOn > today)
      throw badRequest('validation', {}, [{ path: 'body.decidedOn', message: 'grading.decided_in_future', params: { date: formatDateVi(today) } }]);
    if (input.decidedOn < period.starts_on)
      throw badRequest('validation', {}, [
        { path: 'body.decidedOn', message: 'grading.decided_before_start', params: { date: formatDateVi(period.starts_on) } },
      ]);
    const ids = input.decisions.map((d) => d.entryId);
    if (new Set(ids).size !== ids.length) throw badRequest('grading.duplicate_entry');
    const entries = await trx
      .selectFrom('grading_entries as e')
      .leftJoin('members as m', 'm.id', 'e.member_id')
      .innerJoin('units as u', 'u.id', 'e.unit_id')
      .select(['e.id', 'e.subject', 'e.unit_id', 'e.excluded', 'e.proposed_grade', 'e.decided_grade', 'e.proposed_caps', 'm.full_name', 'u.name as unit_name'])
      .where('e.period_id', '=', period.id)
      .where('e.id', 'in', ids)
      .forUpdate('e')
      .execute();
    const byId = new Map(entries.map((e) => [e.id, e]));
    const missing = input.decisions.flatMap((d, i) => (byId.has(d.entryId) ? [] : [{ path: `body.decisions.${i}.entryId`, message: 'grading.not_in_period' }]));
    if (missing.length) throw badRequest('validation', {}, missing);
    // The competent level for each entry: checked once per unit.
    const competent = new Set<number | null>();
    for (const e of entries) competent.add(await competentUnit(trx, period, { subject: e.subject as 'member' | 'organisation', unit_id: e.unit_id }));
    for (const unit of competent) await requireGradeOver(trx, access, unit);

    const changes = new Map<number, Grade>();
    for (const [i, d] of input.decisions.entries()) {
      const e = byId.get(d.entryId)!;
      const name = e.full_name ?? e.unit_name;
      if (e.excluded !== null) throw conflict('grading.excluded');
      if (e.decided_grade !== null) throw conflict('grading.locked_named', { name });
      const grade = d.grade ?? (e.proposed_grade as Grade | null);
      if (grade === null || e.proposed_grade === null) throw conflict('grading.not_proposed', { name });
      checkRulesCap(name, e.proposed_caps, grade, `body.decisions.${i}.grade`);
      if (d.fourGood === true && (e.subject !== 'organisation' || !FOUR_GOOD_GRADES.includes(grade))) throw badRequest('grading.four_good_grade', { name });
      changes.set(e.id, grade);
    }
    await checkQuotaAfter(trx, period, changes);
    const now = new Date();
    for (const d of input.decisions) {
      const grade = changes.get(d.entryId)!;
      const e = byId.get(d.entryId)!;
      await trx
        .updateTable('grading_entries')
        .set({
          decided_grade: grade,
          grade,
          decided_on: input.decidedOn,
          decision_number: input.decisionNumber ?? null,
          decided_by: access.userId,
          decided_at: now,
          four_good: e.subject === 'organisation' ? (d.fourGood ?? false) : null,
        })
        .where('id', '=', d.entryId)
        .execute();
      await writeAudit(trx, access.userId, {
        action: 'grading.decision',
        entityType: 'grading_entry',
        entityId: d.entryId,
        unitId: e.unit_id,
        before: { proposedGrade: e.proposed_grade },
        after: { grade, decidedOn: input.decidedOn, decisionNumber: input.decisionNumber ?? null, fourGood: d.fourGood ?? null },
      });
    }
  });
}

export async function amend(db: Kysely<DB>, access: Access, entryId: number, input: AmendmentInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const found = await visibleEntry(trx, access, entryId);
    const period = await visiblePeriod(trx, access, found.entry.period_id, true);
    // Read again under the period's lock: an amendment made meanwhile is seen.
    const { entry } = await visibleEntry(trx, access, entryId, true);
    await requireGradeOver(trx, access, await competentUnit(trx, period, entry));
    if (entry.decided_grade === null || entry.grade === null) throw conflict('grading.not_decided');
    if (entry.grade === input.grade) throw conflict('grading.amend_same');
    const named = await trx
      .selectFrom('grading_entries as e')
      .leftJoin('members as m', 'm.id', 'e.member_id')
      .innerJoin('units as u', 'u.id', 'e.unit_id')
      .select(['e.proposed_caps', 'm.full_name', 'u.name as unit_name'])
      .where('e.id', '=', entry.id)
      .executeTakeFirstOrThrow();
    checkRulesCap(named.full_name ?? named.unit_name, named.proposed_caps, input.grade, 'body.grade');
    await checkQuotaAfter(trx, period, new Map([[entry.id, input.grade]]));
    await trx
      .insertInto('grading_amendments')
      .values({
        entry_id: entry.id,
        from_grade: entry.grade,
        to_grade: input.grade,
        reason: input.reason,
        decision_number: input.decisionNumber ?? null,
        amended_by: access.userId,
      })
      .execute();
    await trx.updateTable('grading_entries').set({ grade: input.grade }).where('id', '=', entry.id).execute();
    await writeAudit(trx, access.userId, {
      action: 'grading.amendment',
      entityType: 'grading_entry',
      entityId: entry.id,
      unitId: entry.unit_id,
      before: { grade: entry.grade },
      after: { grade: input.grade, reason: input.reason, decisionNumber: input.decisionNumber ?? null },
    });
  });
}
