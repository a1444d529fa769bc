// Access to a cell's party groups is access to the cell, checked in SQL: reading needs
// `read` over it, changing groups and who is in them `write_members` (the cell's
// secretary organises its groups; a transfer between cells stays the committee's).
// A cell the caller sees but may not change: 403; one they cannot see: 404.
import type { Db } from '../../db/types.ts';
import { CELL_KINDS } from '../../domain/unit-tree.ts';
import { AppError, notFound } from '../../http/app-error.ts';
import { type Access, unitInScope } from '../access/access.ts';

export interface CellRow {
  id: number;
  code: string;
  name: string;
  established_on: string;
}

export async function cellFor(db: Db, access: Access, cellId: number, permission: 'read' | 'write_members'): Promise<CellRow> {
  const cell = await db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'established_on'])
    .where('id', '=', cellId)
    .where('kind', 'in', [...CELL_KINDS])
    .where((eb) => unitInScope(access.scope(permission), eb.ref('units.id')))
    .executeTakeFirst();
  if (cell) return cell;
  if (permission !== 'read') {
    const seen = await db
      .selectFrom('units')
      .select('id')
      .where('id', '=', cellId)
      .where((eb) => unitInScope(access.scope('read'), eb.ref('units.id')))
      .executeTakeFirst();
    if (seen) throw new AppError('forbidden', 403);
  }
  throw notFound('entities.unit');
}

/** The party group (a `to_dang` unit) and its cell, locked, for a change. */
export async function groupFor(db: Db, access: Access, groupId: number) {
  const group = await db
    .selectFrom('units as u')
    .innerJoin('unit_versions as v', (j) => j.onRef('v.unit_id', '=', 'u.id').on('v.valid_to', 'is', null))
    .select(['u.id', 'u.code', 'u.name', 'u.kind', 'u.parent_id', 'u.path', 'u.depth', 'u.established_on', 'u.dissolved_on', 'v.valid_from as version_from'])
    .where('u.id', '=', groupId)
    .where('u.kind', '=', 'to_dang')
    .where((eb) => unitInScope(access.scope('read'), eb.ref('u.id')))
    .forUpdate('u')
    .executeTakeFirst();
  if (!group || group.parent_id === null) {
    const closed = await db
      .selectFrom('units')
      .select(['name', 'dissolved_on'])
      .where('id', '=', groupId)
      .where('kind', '=', 'to_dang')
      .where((eb) => unitInScope(access.scope('read'), eb.ref('units.id')))
      .executeTakeFirst();
    if (closed?.dissolved_on) throw new AppError('party_groups.closed', 409, { name: closed.name });
    throw notFound('entities.party_group');
  }
  const cell = await cellFor(db, access, group.parent_id, 'write_members');
  return { group, cell };
}
