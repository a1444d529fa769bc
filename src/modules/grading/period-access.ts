// Who may see and act on a grading period and its entries, checked in SQL with the one
// access filter (unitInScope). A period is seen by whoever reads its unit, and by whoever
// may see one of its entries (a cell's secretary: the cell's members; a plain member: their
// own entry); anything else is not found (404). Acting needs the `grade` permission over the
// competent unit: the member's cell proposes, the grassroots committee (the period's unit, or
// the committee above a cell's period) decides, and the level above decides the period's own organisation.
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { type Grade, type GradingRules, gradingRulesSchema, type Subject } from '../../domain/grading-rules.ts';
import { forbidden, notFound } from '../../http/app-error.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { readUnitOn } from '../org-history/units-under.ts';

export interface PeriodRow {
  id: number;
  unit_id: number;
  kind: string;
  name: string;
  starts_on: string;
  ends_on: string;
  rule_set_code: string;
  rule_set_version: string;
  rule_set_id: number | null;
  rules: unknown;
  opened_at: Date;
}

export interface LoadedPeriod extends PeriodRow {
  body: GradingRules;
}

const periodColumns = [
  'p.id',
  'p.unit_id',
  'p.kind',
  'p.name',
  'p.starts_on',
  'p.ends_on',
  'p.rule_set_code',
  'p.rule_set_version',
  'p.rule_set_id',
  'p.rules',
  'p.opened_at',
] as const;

/** SQL: the caller may see entry `e` (its unit or its period's unit is in read scope, or it is their own). */
export function entryVisible(access: Access, alias = 'e'): RawBuilder<SqlBool> {
  const read = access.scope('read');
  const own = access.memberId === null ? sql<SqlBool>`false` : sql<SqlBool>`${sql.ref(`${alias}.member_id`)} = ${access.memberId}::int`;
  return sql<SqlBool>`(${unitInScope(read, sql.ref(`${alias}.unit_id`))} or ${own})`;
}

function withBody(row: PeriodRow): LoadedPeriod {
  return { ...row, body: gradingRulesSchema.parse(row.rules) };
}

/** The period, when the caller may see it; else 404. */
export async function visiblePeriod(db: Db, access: Access, periodId: number, lock = false): Promise<LoadedPeriod> {
  let q = db
    .selectFrom('grading_periods as p')
    .select(periodColumns)
    .where('p.id', '=', periodId)
    .where((eb) =>
      eb.or([
        unitInScope(access.scope('read'), eb.ref('p.unit_id')),
        eb.exists(eb.selectFrom('grading_entries as e').select('e.id').whereRef('e.period_id', '=', 'p.id').where(entryVisible(access))),
      ]),
    );
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('entities.grading_period');
  return withBody(row);
}

export interface EntryRow {
  id: number;
  period_id: number;
  subject: Subject;
  member_id: number | null;
  unit_id: number;
  role_group: string;
  excluded: unknown;
  decided_grade: Grade | null;
  proposed_grade: Grade | null;
  grade: Grade | null;
}

/** The entry and its period, when the caller may see them; else 404. A write locks the entry row (`lock`), so a step and a decision taken at once do not cross. */
export async function visibleEntry(db: Db, access: Access, entryId: number, lock = false): Promise<{ entry: EntryRow; period: LoadedPeriod }> {
  let q = db
    .selectFrom('grading_entries as e')
    .innerJoin('grading_periods as p', 'p.id', 'e.period_id')
    .select(['e.id', 'e.period_id', 'e.subject', 'e.member_id', 'e.unit_id', 'e.role_group', 'e.excluded', 'e.decided_grade', 'e.proposed_grade', 'e.grade'])
    .where('e.id', '=', entryId)
    .where((eb) => eb.or([entryVisible(access), unitInScope(access.scope('read'), eb.ref('p.unit_id'))]));
  if (lock) q = q.forUpdate('e');
  const entry = await q.executeTakeFirst();
  if (!entry) throw notFound('entities.grading_entry');
  const period = await db.selectFrom('grading_periods as p').select(periodColumns).where('p.id', '=', entry.period_id).executeTakeFirstOrThrow();
  return { entry: { ...entry, subject: entry.subject as Subject }, period: withBody(period) };
}

/**
 * The unit whose committee decides (and appraises, for organisations) an entry: the
 * grassroots committee. For a period opened on a cell under a committee (chi bộ), that is the
 * committee above the cell, for its members and for the cell itself: a cell proposes but
 * never decides. For the period's own organisation (a committee, a grassroots cell) it is
 * the level above it on the period's end date; for anything else, the period's unit.
 */
export async function competentUnit(db: Db, period: PeriodRow, entry: Pick<EntryRow, 'subject' | 'unit_id'>): Promise<number | null> {
  const unit = await readUnitOn(db, period.unit_id, period.ends_on);
  if (unit?.kind === 'chi_bo') return unit.parent?.id ?? null;
  if (entry.subject === 'organisation' && entry.unit_id === period.unit_id) return unit?.parent?.id ?? null;
  return period.unit_id;
}

/** 403 unless the caller has the grading permission over `unitId`. */
export async function requireGradeOver(db: Db, access: Access, unitId: number | null): Promise<void> {
  if (unitId === null) throw forbidden();
  const ok = await db
    .selectFrom('units as u')
    .select('u.id')
    .where('u.id', '=', unitId)
    .where((eb) => unitInScope(access.scope('grade'), eb.ref('u.id')))
    .executeTakeFirst();
  if (!ok) throw forbidden();
}
