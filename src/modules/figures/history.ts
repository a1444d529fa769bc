// The temporal organisation model as the figures engine reads it. The shared contract
// (docs: issue 7 brief) puts unitsUnderOn / membersUnderOn / unitOn in
// src/modules/org-history/units-under.ts (core lane); until that lands on this branch
// they are written here over unit_versions with the same names and columns, so the
// switch is this one file. `cellsUnderDuring` is the engine's own: the cells under a root
// over a period, each with the sub-unit (child of the root) it sat under, per interval.
import { sql, type RawBuilder } from 'kysely';
import type { Db, UnitKind } from '../../db/types.ts';
import { notFound } from '../../http/app-error.ts';
import { unitInScope, type Scope } from '../access/access.ts';

const ids = (rootIds: readonly number[]) => sql`${sql.val([...rootIds])}::int[]`;
const validOn = (alias: string, date: RawBuilder<unknown>) =>
  sql`${sql.ref(`${alias}.valid_from`)} <= ${date} and (${sql.ref(`${alias}.valid_to`)} is null or ${sql.ref(`${alias}.valid_to`)} > ${date})`;

/** Units under each root on the date, roots included, as they were then. */
export function unitsUnderOn(rootIds: readonly number[], date: string): RawBuilder<unknown> {
  const d = sql`${date}::date`;
  return sql`
    with recursive t(root_id, unit_id, depth) as (
      select v.unit_id, v.unit_id, 0 from unit_versions v where v.unit_id = any(${ids(rootIds)}) and ${validOn('v', d)}
      union all
      select t.root_id, v.unit_id, t.depth + 1 from t join unit_versions v on v.parent_id = t.unit_id and ${validOn('v', d)}
    )
    select t.root_id, t.unit_id, t.depth, v.kind, v.parent_id, v.name, u.code
    from t join unit_versions v on v.unit_id = t.unit_id and ${validOn('v', d)} join units u on u.id = t.unit_id`;
}

/** Members placed under each root on the date, with their status then; those who left are out. */
export function membersUnderOn(rootIds: readonly number[], date: string): RawBuilder<unknown> {
  const d = sql`${date}::date`;
  return sql`
    select uu.root_id, p.member_id, p.unit_id, s.status
    from (${unitsUnderOn(rootIds, date)}) uu
    join member_placements p on p.unit_id = uu.unit_id and ${validOn('p', d)}
    join member_statuses s on s.member_id = p.member_id and ${validOn('s', d)}
    where s.status in ('du_bi', 'chinh_thuc', 'mien_sinh_hoat', 'dinh_chi')`;
}

/**
 * Units under one root at some time in [from, to] (inclusive dates): one row per interval
 * during which the unit had a kind and name and sat under a given child of the root (`top_id`; the
 * root itself has top_id null). valid_to is exclusive, never null (clipped to to + 1).
 */
export function unitsUnderDuring(rootId: number, from: string, to: string): RawBuilder<unknown> {
  const f = sql`${from}::date`;
  const e = sql`(${to}::date + 1)`;
  return sql`
    with recursive t(unit_id, kind, name, top_id, depth, valid_from, valid_to) as (
      select v.unit_id, v.kind, v.name, null::int, 0, greatest(v.valid_from, ${f}), least(coalesce(v.valid_to, ${e}), ${e})
      from unit_versions v where v.unit_id = ${rootId} and v.valid_from < ${e} and (v.valid_to is null or v.valid_to > ${f})
      union all
      select v.unit_id, v.kind, v.name, coalesce(t.top_id, v.unit_id), t.depth + 1, greatest(v.valid_from, t.valid_from), least(coalesce(v.valid_to, ${e}), t.valid_to)
      from t join unit_versions v on v.parent_id = t.unit_id and v.valid_from < t.valid_to and (v.valid_to is null or v.valid_to > t.valid_from)
    )
    select unit_id, kind, name, top_id, depth, valid_from, valid_to from t where valid_from < valid_to`;
}

export interface UnitOn {
  id: number; code: string; name: string; kind: UnitKind; parent: { id: number; name: string } | null;
}

/** The unit as it was on the date, or 404 when it did not exist then or is out of scope. */
export async function unitOn(db: Db, unitId: number, date: string, scope: Scope): Promise<UnitOn> {
  const d = sql`${date}::date`;
  const row = await sql<{ id: number; code: string; name: string; kind: UnitKind; parent_id: number | null; parent_name: string | null }>`
    select u.id, u.code, v.name, v.kind, v.parent_id, pv.name as parent_name
    from units u join unit_versions v on v.unit_id = u.id and ${validOn('v', d)}
    left join unit_versions pv on pv.unit_id = v.parent_id and ${validOn('pv', d)}
    where u.id = ${unitId} and ${unitInScope(scope, sql.ref('u.id'))}`.execute(db);
  const r = row.rows[0];
  if (!r) throw notFound('entities.unit');
  return { id: r.id, code: r.code, name: r.name, kind: r.kind, parent: r.parent_id === null ? null : { id: r.parent_id, name: r.parent_name ?? '' } };
}
