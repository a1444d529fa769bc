// The steps every restructuring shares (rename, move, reclassify, merge, split, dissolve): lock the
// units in the caller's write scope, check the effective date, record the event, end one
// version and start the next, re-parent a subtree, carry members to a new unit, dissolve.
// History is never rewritten: a change effective on D ends the old row on D (valid_to is
// exclusive) and starts the new one on D.
import { sql, type Transaction } from 'kysely';
import type { DB, UnitEventKind, UnitKind } from '../../db/types.ts';
import type { AuditAction } from '../../domain/audit-actions.ts';
import { formatDateVi, todayInVietnam } from '../../domain/calendar.ts';
import { LEAVING_STATUSES } from '../../domain/member-status.ts';
import { canContain, pathIds } from '../../domain/unit-tree.ts';
import { AppError, badRequest, notFound } from '../../http/app-error.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { keepAncestryForEvent } from '../org-history/keep-ancestry.ts';

export type Trx = Transaction<DB>;

export interface CurrentUnit {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  parent_id: number | null;
  path: string;
  depth: number;
  established_on: string;
  dissolved_on: string | null;
  /** Start of the version in force now: a new change must take effect after it. */
  version_from: string;
}

const unitColumns = [
  'u.id',
  'u.code',
  'u.name',
  'u.kind',
  'u.parent_id',
  'u.path',
  'u.depth',
  'u.established_on',
  'u.dissolved_on',
  'v.valid_from as version_from',
] as const;

/**
 * Loads and locks units the caller may restructure. A unit outside the read scope is
 * "not found", one they may only read is forbidden; a dissolved one cannot change any more.
 */
export async function lockUnits(trx: Trx, access: Access, ids: number[]): Promise<CurrentUnit[]> {
  const rows = await trx
    .selectFrom('units as u')
    .innerJoin('unit_versions as v', (j) => j.onRef('v.unit_id', '=', 'u.id').on('v.valid_to', 'is', null))
    .select([...unitColumns])
    .where('u.id', 'in', ids)
    .where((eb) => unitInScope(access.scope('write_units'), eb.ref('u.id')))
    .orderBy('u.id')
    .forUpdate('u')
    .execute();
  const found = new Map(rows.map((r) => [r.id, r]));
  if (found.size < ids.length) {
    // A dissolved unit has no open version: say so rather than "not found".
    const dissolved = await trx
      .selectFrom('units as u')
      .select(['u.id', 'u.name', 'u.dissolved_on'])
      .where('u.id', 'in', ids)
      .where('u.dissolved_on', 'is not', null)
      .where((eb) => unitInScope(access.scope('write_units'), eb.ref('u.id')))
      .executeTakeFirst();
    if (dissolved) throw badRequest('units.dissolved', { name: dissolved.name, date: formatDateVi(dissolved.dissolved_on!) });
    // Units the caller sees but may not restructure: 403. One they cannot see: 404, as for no unit.
    const missing = [...new Set(ids.filter((id) => !found.has(id)))];
    if (missing.length > 0) {
      const seen = await trx
        .selectFrom('units as u')
        .select('u.id')
        .where('u.id', 'in', missing)
        .where((eb) => unitInScope(access.scope('read'), eb.ref('u.id')))
        .execute();
      if (seen.length === missing.length) throw new AppError('forbidden', 403);
    }
  }
  return ids.map((id) => {
    const u = found.get(id);
    if (!u) throw notFound('entities.unit');
    return u;
  });
}

export async function lockUnit(trx: Trx, access: Access, id: number): Promise<CurrentUnit> {
  return (await lockUnits(trx, access, [id]))[0]!;
}

/** A restructuring takes effect today at the latest: its decision has been made. */
function assertNotInFuture(date: string) {
  if (date > todayInVietnam()) throw badRequest('units.effective_in_future', {}, [{ path: 'body.effectiveOn', message: 'units.effective_in_future_field' }]);
}

/**
 * The effective date is not in the future and falls after each unit's last change. With
 * `sameDay`, a change on the very day of the last one is accepted too (a commune committee
 * reclassified and moved under the province, both on 1/7/2025): nextVersion then amends
 * that day's version instead of opening an empty one.
 */
export function assertEffectiveDate(date: string, units: Array<{ name: string; version_from: string }>, options: { sameDay?: boolean } = {}) {
  assertNotInFuture(date);
  for (const u of units) {
    if (date < u.version_from || (date === u.version_from && !options.sameDay)) {
      throw badRequest('units.effective_too_early', { name: u.name, date: formatDateVi(u.version_from) }, [
        { path: 'body.effectiveOn', message: 'units.effective_too_early_field', params: { date: formatDateVi(u.version_from) } },
      ]);
    }
  }
}

/**
 * A unit that will hold others from `date` on. It and every unit above it must already
 * exist on the date and sit under the same parent from then on as now; otherwise the
 * tree read on some later date could hold a unit twice or a loop.
 */
export async function loadNewParent(trx: Trx, access: Access, parentId: number, date: string) {
  const [parent] = await lockUnits(trx, access, [parentId]);
  assertNotInFuture(date);
  const chain = await trx
    .selectFrom('units as u')
    .select((eb) => [
      'u.name',
      'u.established_on',
      eb
        .selectFrom('unit_versions as v')
        .select((e) => e.fn.max('v.valid_to').as('t'))
        .whereRef('v.unit_id', '=', 'u.id')
        .where(sql<boolean>`v.parent_id is distinct from u.parent_id`)
        .as('placed_since'),
    ])
    .where('u.id', 'in', pathIds(parent!.path))
    .execute();
  for (const c of chain) {
    if (date < c.established_on)
      throw badRequest('units.not_yet_established', { name: c.name, date: formatDateVi(c.established_on) }, [
        { path: 'body.effectiveOn', message: 'units.effective_not_before_field', params: { date: formatDateVi(c.established_on) } },
      ]);
    if (c.placed_since && date < c.placed_since)
      throw badRequest('units.effective_before_parent_change', { name: c.name, date: formatDateVi(c.placed_since) }, [
        { path: 'body.effectiveOn', message: 'units.effective_not_before_field', params: { date: formatDateVi(c.placed_since) } },
      ]);
  }
  return parent!;
}

export function assertCanContain(parent: { kind: UnitKind }, child: { kind: UnitKind }) {
  if (!canContain(parent.kind, child.kind)) {
    throw badRequest('units.kind_not_allowed', { child: `units.kinds.${child.kind}`, parent: `units.kinds.${parent.kind}` });
  }
}

export async function startEvent(
  trx: Trx,
  access: Access,
  kind: Exclude<UnitEventKind, 'create'>,
  effectiveOn: string,
  decisionNumber: string,
  note: string | null = null,
) {
  const row = await trx
    .insertInto('unit_events')
    .values({ kind, effective_on: effectiveOn, decision_number: decisionNumber, note, created_by: access.userId, payload: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Records what the event did (`unitIds` lets each touched unit's history find it) and
 * brings the organisation model (unit_ancestry) up to date in the same transaction.
 */
export async function finishEvent(trx: Trx, eventId: number, unitIds: Array<number | null>, details: Record<string, unknown>) {
  const ids = [...new Set(unitIds.filter((id): id is number => id !== null))];
  await trx
    .updateTable('unit_events')
    .set({ payload: JSON.stringify({ unitIds: ids, ...details }) })
    .where('id', '=', eventId)
    .execute();
  await keepAncestryForEvent(trx, eventId, ids);
}

/**
 * Ends the unit's current version on `date` and starts one with the changes. A second change
 * on the day the current version starts (see assertEffectiveDate's `sameDay`) amends it: a
 * version valid on no day would be history nobody could read.
 */
export async function nextVersion(
  trx: Trx,
  unit: CurrentUnit,
  date: string,
  eventId: number,
  changes: { name?: string; parent_id?: number | null; kind?: UnitKind },
) {
  const next = {
    name: changes.name ?? unit.name,
    kind: changes.kind ?? unit.kind,
    parent_id: changes.parent_id === undefined ? unit.parent_id : changes.parent_id,
  };
  if (date === unit.version_from) {
    // The version now carries this event, so finishEvent's upkeep of unit_ancestry finds it.
    await trx
      .updateTable('unit_versions')
      .set({ ...next, event_id: eventId })
      .where('unit_id', '=', unit.id)
      .where('valid_to', 'is', null)
      .execute();
    return;
  }
  await trx.updateTable('unit_versions').set({ valid_to: date }).where('unit_id', '=', unit.id).where('valid_to', 'is', null).execute();
  await trx
    .insertInto('unit_versions')
    .values({ unit_id: unit.id, ...next, valid_from: date, event_id: eventId })
    .execute();
}

/** Puts `unit` (and its whole subtree's current paths) under `parent` from `date`. */
export async function reparent(
  trx: Trx,
  access: Access,
  unit: CurrentUnit,
  parent: { id: number; path: string; depth: number; name: string },
  date: string,
  eventId: number,
  action: AuditAction,
) {
  await nextVersion(trx, unit, date, eventId, { parent_id: parent.id });
  const newPath = `${parent.path}${unit.id}/`;
  const delta = parent.depth + 1 - unit.depth;
  await trx.updateTable('units').set({ parent_id: parent.id }).where('id', '=', unit.id).execute();
  await sql`update units set path = ${newPath}::text || substr(path, ${unit.path.length + 1}::int), depth = depth + ${delta}::int
             where path like ${`${unit.path}%`}::text`.execute(trx);
  await writeAudit(trx, access.userId, {
    action,
    entityType: 'unit',
    entityId: unit.id,
    unitId: unit.id,
    before: { parentId: unit.parent_id },
    after: { parentId: parent.id, parentName: parent.name, effectiveOn: date, eventId },
  });
}

/** SQL: the member of placement `p` was a current member (not left) at some time in p from `date` on. */
const activeFrom = (date: string) => sql<boolean>`exists (
  select 1 from member_statuses s
   where s.member_id = p.member_id and not (s.status = any(${sql.val([...LEAVING_STATUSES])}::text[]))
     and (s.valid_to is null or s.valid_to > greatest(p.valid_from, ${date}::date))
     and (p.valid_to is null or s.valid_from < p.valid_to))`;

export interface PlacedMember {
  placement_id: number;
  member_id: number;
  unit_id: number;
  full_name: string;
  valid_from: string;
  valid_to: string | null;
}

/** Placements in `unitIds` of people who were current members there on or after `date`. */
export async function placementsActiveFrom(trx: Trx, unitIds: number[], date: string): Promise<PlacedMember[]> {
  if (unitIds.length === 0) return [];
  return trx
    .selectFrom('member_placements as p')
    .innerJoin('members as m', 'm.id', 'p.member_id')
    .select(['p.id as placement_id', 'p.member_id', 'p.unit_id', 'p.valid_from', 'p.valid_to', 'm.full_name'])
    .where('p.unit_id', 'in', unitIds)
    .where((eb) => eb.or([eb('p.valid_to', 'is', null), eb('p.valid_to', '>', date)]))
    .where(activeFrom(date))
    .orderBy('m.sort_key')
    .orderBy('m.id')
    .execute();
}

/**
 * The members a restructuring must carry out of `unitIds` on `date`: those placed there
 * now who were current members on or after the date. A placement that starts on or after
 * the date, or ends after it, would leave someone in a unit that no longer exists: refused.
 */
export async function membersToCarry(trx: Trx, unitIds: number[], date: string): Promise<PlacedMember[]> {
  const rows = await placementsActiveFrom(trx, unitIds, date);
  const late = rows.find((r) => r.valid_from >= date || r.valid_to !== null);
  if (late) throw badRequest('units.member_changed_after', { name: late.full_name, date: formatDateVi(date) });
  return rows;
}

/**
 * The child units a restructuring must carry out of `unitIds` on `date`: the current ones.
 * A child that changed on or after the date, or left one of them after it, is refused.
 */
export async function childrenToCarry(trx: Trx, unitIds: number[], date: string): Promise<CurrentUnit[]> {
  if (unitIds.length === 0) return [];
  const late = await trx
    .selectFrom('unit_versions as v')
    .innerJoin('units as u', 'u.id', 'v.unit_id')
    .select(['u.name'])
    .where('v.parent_id', 'in', unitIds)
    .where((eb) => eb.or([eb('v.valid_from', '>=', date), eb.and([eb('v.valid_to', 'is not', null), eb('v.valid_to', '>', date)])]))
    .executeTakeFirst();
  if (late) throw badRequest('units.child_changed_after', { name: late.name, date: formatDateVi(date) });
  return trx
    .selectFrom('units as u')
    .innerJoin('unit_versions as v', (j) => j.onRef('v.unit_id', '=', 'u.id').on('v.valid_to', 'is', null))
    .select([...unitColumns])
    .where('u.parent_id', 'in', unitIds)
    .where('u.dissolved_on', 'is', null)
    .orderBy('u.id')
    .forUpdate('u')
    .execute();
}

/** Ends the members' placements on `date` and places them in `targetId` from then on. */
export async function carryMembers(
  trx: Trx,
  access: Access,
  members: PlacedMember[],
  target: { id: number; name: string },
  date: string,
  decisionNumber: string,
  reason: 'merge' | 'split',
  eventId: number,
) {
  if (members.length === 0) return;
  const placementIds = members.map((m) => m.placement_id);
  const memberIds = members.map((m) => m.member_id);
  await trx.updateTable('member_placements').set({ valid_to: date }).where('id', 'in', placementIds).execute();
  await sql`insert into member_placements (member_id, unit_id, valid_from, decision_number, reason, event_id)
            select m, ${target.id}::int, ${date}::date, ${decisionNumber}::text, ${reason}::text, ${eventId}::int
              from unnest(${sql.val(memberIds)}::int[]) as m`.execute(trx);
  await trx.updateTable('members').set({ unit_id: target.id, updated_at: sql`now()` }).where('id', 'in', memberIds).execute();
  for (const m of members) {
    await writeAudit(trx, access.userId, {
      action: 'member.transfer',
      entityType: 'member',
      entityId: m.member_id,
      unitId: target.id,
      before: { unitId: m.unit_id },
      after: { unitId: target.id, unitName: target.name, effectiveOn: date, decisionNumber, reason, eventId },
    });
  }
}

/** Dissolves units on `date`: the last version ends, the committee leaves office. */
export async function dissolveOn(trx: Trx, unitIds: number[], date: string) {
  if (unitIds.length === 0) return;
  await trx.updateTable('unit_versions').set({ valid_to: date }).where('unit_id', 'in', unitIds).where('valid_to', 'is', null).execute();
  await trx.updateTable('units').set({ dissolved_on: date }).where('id', 'in', unitIds).execute();
  await trx
    .updateTable('committee_members')
    .set({ valid_to: date })
    .where('unit_id', 'in', unitIds)
    .where('valid_from', '<', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
    .execute();
}

export function assertDistinct(ids: ReadonlyArray<number | string>, code: string) {
  if (new Set(ids).size !== ids.length) throw badRequest(code);
}
