// Keeps unit_ancestry (the temporal organisation model) equal to what unit_versions say.
// Each unit's version intervals are intersected, up the chain, with its ancestors'
// version intervals in one recursive query; equal rows that follow each other (a rename
// changes the name, not the ancestry) are merged, so the result does not depend on how
// the history was written. Every restructuring rebuilds the units it touched and
// everything under them from its effective date, in its own transaction.
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { validOn } from './valid-on.ts';

/**
 * SQL: the ancestry rows of the units `unitIds` (all units when undefined), from their
 * whole history. `seen` stops the walk should a history ever hold a loop.
 */
export function ancestryRowsSql(unitIds?: readonly number[]): RawBuilder<unknown> {
  const only = unitIds === undefined ? sql`true` : sql`v.unit_id = any(${sql.val([...unitIds])}::int[])`;
  return sql`
    with recursive chain(unit_id, ancestor_id, depth, unit_kind, ancestor_kind, next_id, seen, valid_from, valid_to) as (
      select v.unit_id, v.unit_id, 0, v.kind, v.kind, v.parent_id, array[v.unit_id], v.valid_from, v.valid_to
        from unit_versions v
       where ${only} and (v.valid_to is null or v.valid_to > v.valid_from)
      union all
      select c.unit_id, p.unit_id, c.depth + 1, c.unit_kind, p.kind, p.parent_id, c.seen || p.unit_id,
             greatest(c.valid_from, p.valid_from), least(c.valid_to, p.valid_to)
        from chain c
        join unit_versions p on p.unit_id = c.next_id
         and (p.valid_to is null or p.valid_to > c.valid_from)
         and (c.valid_to is null or p.valid_from < c.valid_to)
         and (p.valid_to is null or p.valid_to > p.valid_from)
       where not (p.unit_id = any(c.seen))
    ),
    marked as (
      select c.*, case when lag(c.valid_to) over w = c.valid_from then 0 else 1 end as starts
        from chain c
      window w as (partition by c.unit_id, c.ancestor_id, c.depth, c.unit_kind, c.ancestor_kind order by c.valid_from)
    ),
    islands as (
      select m.*, sum(m.starts) over (partition by m.unit_id, m.ancestor_id, m.depth, m.unit_kind, m.ancestor_kind order by m.valid_from) as island
        from marked m
    )
    select unit_id, ancestor_id, depth, unit_kind, ancestor_kind, min(valid_from) as valid_from,
           case when bool_or(valid_to is null) then null else max(valid_to) end as valid_to
      from islands
     group by unit_id, ancestor_id, depth, unit_kind, ancestor_kind, island`;
}

/** SQL: replaces the rows of `unitIds` (all rows when undefined) with the derived ones. */
export function rebuildAncestrySql(unitIds?: readonly number[]): { remove: RawBuilder<unknown>; insert: RawBuilder<unknown> } {
  return {
    remove: unitIds === undefined ? sql`delete from unit_ancestry` : sql`delete from unit_ancestry where unit_id = any(${sql.val([...unitIds])}::int[])`,
    // Written in key order, so a full rebuild leaves each ancestor's rows side by side on
    // disk: "units under a province" then reads a few pages, not one page per row.
    insert: sql`insert into unit_ancestry (unit_id, ancestor_id, depth, unit_kind, ancestor_kind, valid_from, valid_to)
      select * from (${ancestryRowsSql(unitIds)}) r order by r.ancestor_id, r.valid_from, r.unit_id`,
  };
}

export interface RebuildResult {
  units: number;
  rows: number;
}

/**
 * Recomputes unit_ancestry from unit_versions: for every unit, or only for `unitIds`
 * (their rows are replaced; rows of other units are left as they are).
 */
export async function rebuildUnitAncestry(db: Db, unitIds?: readonly number[]): Promise<RebuildResult> {
  if (unitIds !== undefined && unitIds.length === 0) return { units: 0, rows: 0 };
  const { remove, insert } = rebuildAncestrySql(unitIds);
  await remove.execute(db);
  const inserted = await insert.execute(db);
  const rows = Number(inserted.numAffectedRows ?? 0n);
  const units = unitIds?.length ?? Number((await sql<{ n: number }>`select count(distinct unit_id)::int as n from unit_ancestry`.execute(db)).rows[0]!.n);
  return { units, rows };
}

/**
 * `unitIds` and every unit under one of them in a version in force on or after `from`:
 * the units whose ancestry a change effective on `from` to `unitIds` can alter. (Rows
 * that ended before `from` are intersections with versions that did not change.)
 */
export async function subtreeSince(db: Db, unitIds: readonly number[], from: string): Promise<number[]> {
  if (unitIds.length === 0) return [];
  const { rows } = await sql<{ unit_id: number }>`
    with recursive sub(unit_id) as (
      select unnest(${sql.val([...unitIds])}::int[])
      union
      select v.unit_id from sub join unit_versions v on v.parent_id = sub.unit_id
       where v.valid_to is null or v.valid_to > ${from}::date
    )
    select unit_id from sub order by unit_id`.execute(db);
  return rows.map((r) => r.unit_id);
}

/** Brings unit_ancestry up to date after a change effective on `from` to the versions of `unitIds`. */
export async function keepUnitAncestry(db: Db, unitIds: readonly number[], from: string): Promise<RebuildResult> {
  return rebuildUnitAncestry(db, await subtreeSince(db, unitIds, from));
}

/**
 * After a restructuring event: the units it gave a new version with another parent or
 * kind (or a first one), and those of `unitIds` whose version ended on its date
 * (dissolved, or re-parented), with everything under them.
 */
export async function keepAncestryForEvent(db: Db, eventId: number, unitIds: readonly number[]): Promise<RebuildResult> {
  const event = await db.selectFrom('unit_events').select('effective_on').where('id', '=', eventId).executeTakeFirstOrThrow();
  // A unit whose version from the date has the parent and kind the kept rows already give
  // it on that date (a rename) keeps every ancestry row as it was. The kept rows are the
  // reference, not the version before: a second move on the same day amends that day's
  // version, and the rows then still show the first move.
  const onDate = (alias: string) => validOn(alias, event.effective_on);
  const { rows } = await sql<{ unit_id: number }>`
    with touched as (
      select v.unit_id from unit_versions v where v.event_id = ${eventId}::int
      union
      select v.unit_id from unit_versions v
       where v.unit_id = any(${sql.val([...unitIds])}::int[]) and v.valid_to = ${event.effective_on}::date
    )
    select t.unit_id from touched t
     where not exists (
       select 1 from unit_versions n
        where n.unit_id = t.unit_id and ${onDate('n')}
          and exists (select 1 from unit_ancestry a where a.unit_id = n.unit_id and a.depth = 0 and a.unit_kind = n.kind and ${onDate('a')})
          and not exists (select 1 from unit_ancestry a where a.unit_id = n.unit_id and a.depth = 1 and a.ancestor_id is distinct from n.parent_id and ${onDate('a')})
          and (n.parent_id is null or exists (select 1 from unit_ancestry a where a.unit_id = n.unit_id and a.depth = 1 and a.ancestor_id = n.parent_id and ${onDate('a')})))`.execute(
    db,
  );
  if (rows.length === 0) return { units: 0, rows: 0 };
  return keepUnitAncestry(
    db,
    rows.map((r) => r.unit_id),
    event.effective_on,
  );
}
