// The temporal organisation model as the figures engine reads it: the core lane's helpers
// (src/modules/org-history/units-under.ts) for "units / members under X on D", and the
// engine's own `unitsUnderDuring` over the same unit_ancestry table for periods.

import { type RawBuilder, sql } from 'kysely';
import { keptCountsFromMembers, reusedPlansUpToUnits } from '../../config.ts';
import { jsonRowsOf, type RowsOf } from '../../db/read-together.ts';
import { reusingPlan } from '../../db/reused-plans.ts';
import type { Db, UnitKind } from '../../db/types.ts';
import type { RuleSet } from '../../domain/rules/load-rule-set.ts';
import { AppError, notFound } from '../../http/app-error.ts';
import { type Scope, underSubtreeGrantOn, unitInScopeOn } from '../access/access.ts';
import type { CallerCheck } from '../auth/caller-check.ts';
import { validDuring, validOn } from '../org-history/valid-on.ts';
import { type RuleSetRow, ruleSetsFromRows, unitRuleSetsJson } from '../rule-sets/unit-rule-sets.ts';
import { keepsAllDimsSql, keptMembersSql } from './kept-member-counts.ts';

export { membersUnderOn, unitsUnderOn } from '../org-history/units-under.ts';

/**
 * Units under one root at some time in [from, to] (inclusive dates): one row per stretch
 * during which the unit had one kind and sat under one child of the root (`top_id`; the
 * root itself has top_id null). valid_to is exclusive, never null (clipped to to + 1).
 * A unit sits under the root through child c exactly while it sits under c and c sits
 * under the root (the ancestry rows are those of one chain). With `byChild` false, the
 * stretches under the root alone (top_id null): the same days, read in one pass.
 */
export function unitsUnderDuring(rootId: number, from: string, to: string, byChild = true): RawBuilder<unknown> {
  const f = sql`${from}::date`;
  const e = sql`(${to}::date + 1)`;
  if (!byChild) {
    return sql`
    select unit_id, kind, top_id, depth, valid_from, valid_to from (
      select a.unit_id, a.unit_kind as kind, null::int as top_id, a.depth,
        greatest(a.valid_from, ${f}) as valid_from, least(coalesce(a.valid_to, ${e}), ${e}) as valid_to
      from unit_ancestry a
      where a.ancestor_id = ${rootId}::int and a.valid_from < ${e} and (a.valid_to is null or a.valid_to > ${f})
    ) x where valid_from < valid_to`;
  }
  // Under a child c of the root: the rows (unit, c) while c sat under the root, read through
  // the key by those few children (the nation: 40 of them, not 1.8 M ancestry rows hashed).
  return sql`
    select unit_id, kind, top_id, depth, valid_from, valid_to from (
      select b.unit_id, b.unit_kind as kind, b.ancestor_id as top_id, b.depth + 1 as depth,
        greatest(b.valid_from, c.valid_from, ${f}) as valid_from, least(coalesce(b.valid_to, ${e}), coalesce(c.valid_to, ${e}), ${e}) as valid_to
      from unit_ancestry c
      -- Each child's rows by key, whatever the planner guesses of the children (its guess of
      -- 75,000 for the nation's 40 made it hash every ancestry row); offset 0 keeps it a loop.
      cross join lateral (select * from unit_ancestry b where b.ancestor_id = c.unit_id
        and b.valid_from < coalesce(c.valid_to, ${e}) and (b.valid_to is null or b.valid_to > c.valid_from)
        and b.valid_from < ${e} and (b.valid_to is null or b.valid_to > ${f}) offset 0) b
      where c.ancestor_id = ${rootId}::int and c.depth = 1 and c.valid_from < ${e} and (c.valid_to is null or c.valid_to > ${f})
      union all
      select a.unit_id, a.unit_kind, null, 0, greatest(a.valid_from, ${f}), least(coalesce(a.valid_to, ${e}), ${e})
      from unit_ancestry a where a.ancestor_id = ${rootId}::int and a.depth = 0 and a.valid_from < ${e} and (a.valid_to is null or a.valid_to > ${f})
    ) x where valid_from < valid_to`;
}

export interface UnitOn {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  parent: { id: number; name: string } | null;
}

export interface FiguresHead {
  unit: UnitOn;
  /** The caller sees the unit's whole subtree (only then do figures name the units below it: subtree-visible.ts). */
  whole: boolean;
  /**
   * Member figures come from the kept per-subtree counts: the unit's current kind keeps every
   * dimension (kept-member-counts.ts) and its subtree is big enough for the kept rows to be
   * the cheaper read (config.ts).
   */
  readsKeptCounts: boolean;
  /**
   * The unit's subtree on the date is small enough (reusedPlansUpToUnits) for its figures'
   * statements to keep their plans on the connection (db/reused-plans.ts). On the date, not
   * today: a district merged away in 2025 has no members today but hundreds of cells in 2024.
   */
  reusesPlans: boolean;
  /** With `ruleKind`: the rule sets of that kind the unit or a unit above it on `rulesOn` (default the date) loaded (unitRuleSets). */
  ruleSets: RuleSet[];
}

/**
 * The unit as it was on the date, or 404 when it did not exist then or is out of scope
 * (as org-history's unitOn), with what a figure decides before reading figures — whether
 * the caller sees the whole subtree, whether its member figures come from the kept counts, and (given
 * a kind) the unit's own rule sets — in one query, as every figures request starts with it.
 */
export async function unitForFigures(db: Db, unitId: number, date: string, scope: Scope, ruleKind?: string, rulesOn = date): Promise<FiguresHead> {
  return (await unitForFiguresWith(db, unitId, date, scope, ruleKind, rulesOn, null)).head;
}

/**
 * A period's figures show the unit as it was on `date` (the period's last day, or today).
 * A unit dissolved within the period is shown as on its last day instead: a 2025 report of a
 * district dissolved on 1/7/2025 covers its first half, not a 404. Tried only when the unit
 * is not found on `date` (404), so the usual request costs nothing more.
 */
export async function onLastDayInPeriod<T>(db: Db, unitId: number, from: string, date: string, read: (date: string) => Promise<T>): Promise<T> {
  try {
    return await read(date);
  } catch (e) {
    if (!(e instanceof AppError) || e.status !== 404) throw e;
    const { rows } = await sql<{ last: string | null }>`
      select max(least(v.valid_to - 1, ${date}::date))::text as last from unit_versions v
       where v.unit_id = ${unitId}::int and ${validDuring('v', from, date)}`.execute(db);
    const last = rows[0]?.last;
    if (!last || last >= date) throw e;
    return read(last);
  }
}

/** How many units sat under each unit (counted up to the limit + 1) when it was last asked for: which statement to send first. */
const unitsUnderLastTime = new Map<number, number>();
const UNITS_UNDER_LAST_TIME_MAX = 20_000;

/**
 * unitForFigures, and in the same statement, for a small unit (reusesPlans), the figure
 * reads `reads` builds (read-together.ts): one round trip where the head and then the reads
 * took two. The answer's `reads` is null for a unit above the size limit (then read them
 * apart, planned for it), or when the unit was not seen small before in this process (the
 * statement with the reads keeps its plan, so it is sent only for units known small; the
 * SQL checks the size again). The reads are built only when they are sent. `check`: the
 * remembered caller's check (auth/caller-check.ts) rides in this first statement.
 */
export async function unitForFiguresWith<Q extends Record<string, RawBuilder<unknown>>>(
  db: Db,
  unitId: number,
  date: string,
  scope: Scope,
  ruleKind: string | undefined,
  rulesOn: string,
  reads: (() => Q) | null,
  check?: CallerCheck,
): Promise<{ head: FiguresHead; reads: RowsOf<Q> | null }> {
  const upToUnits = reusedPlansUpToUnits();
  const knownSmall = (unitsUnderLastTime.get(unitId) ?? Number.POSITIVE_INFINITY) <= upToUnits;
  const gated = reads && knownSmall ? Object.entries(reads()) : [];
  const checked = check?.pending === true;
  const { rows } = await sql<{
    id: number;
    code: string;
    name: string;
    kind: UnitKind;
    path: string;
    parent: { id: number; name: string } | null;
    keeps_all_dims: boolean;
    members: number;
    units_under: number;
    rule_sets: RuleSetRow[] | null;
    under_grant_then: boolean;
    caller_ok?: boolean | null;
    [read: `read_${string}`]: unknown[] | null;
  }>`${reusingPlan(sql`
    select h.* ${sql.join(
      gated.map(([n, query]) => sql`, case when h.units_under <= ${upToUnits} then ${jsonRowsOf(query)} end as ${sql.ref(`read_${n}`)}`),
      sql``,
    )} ${checked ? sql`, c.caller_ok` : sql``} from ${checked ? sql`(select ${check!.expression()} as caller_ok) c left join lateral` : sql``} (
    select u.id, u.code, v.name, v.kind, u.path,
      (select json_build_object('id', a.ancestor_id, 'name', pv.name) from unit_ancestry a
         join unit_versions pv on pv.unit_id = a.ancestor_id and ${validOn('pv', date)}
        where a.unit_id = u.id and a.depth = 1 and ${validOn('a', date)}) as parent,
      ${keepsAllDimsSql(sql.ref('u.id'))} as keeps_all_dims, ${keptMembersSql(sql.ref('u.id'))} as members,
      (select count(*)::int from (select 1 from unit_ancestry s where s.ancestor_id = u.id and ${validOn('s', date)} limit ${upToUnits + 1}) n) as units_under,
      ${ruleKind === undefined ? sql`null` : unitRuleSetsJson(ruleKind, sql.ref('u.id'), sql.val(rulesOn))} as rule_sets,
      ${underSubtreeGrantOn(scope, sql.ref('u.id'), date)} as under_grant_then
    from units u join unit_versions v on v.unit_id = u.id and ${validOn('v', date)}
    where u.id = ${unitId}::int and ${unitInScopeOn(scope, sql.ref('u.id'), date)}) h ${checked ? sql`on true` : sql``}`)}`.execute(db);
  // With the check, a row always comes (the unit's columns null when not found): the caller
  // is confirmed before a 404 is decided on their access.
  check?.confirm(rows);
  const u = rows[0];
  if (!u || u.id === null) throw notFound('entities.unit');
  if (unitsUnderLastTime.size >= UNITS_UNDER_LAST_TIME_MAX) unitsUnderLastTime.clear();
  unitsUnderLastTime.set(unitId, u.units_under);
  const small = u.units_under <= upToUnits;
  const head: FiguresHead = {
    unit: { id: u.id, code: u.code, name: u.name, kind: u.kind, parent: u.parent },
    // The whole subtree on the date is the caller's when a subtree grant held the unit then.
    whole: u.under_grant_then,
    readsKeptCounts: u.keeps_all_dims && u.members >= keptCountsFromMembers(),
    reusesPlans: small,
    ruleSets: ruleSetsFromRows(u.rule_sets ?? []),
  };
  return { head, reads: gated.length > 0 && small ? (Object.fromEntries(gated.map(([n]) => [n, u[`read_${n}`]])) as RowsOf<Q>) : null };
}
