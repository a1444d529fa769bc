// Access to villages is access to their cell, checked in SQL: reading needs `read` over the
// cell, adding, merging and dissolving villages and recording where members live
// `write_members` (the cell's secretary knows who lives where). A village the caller sees
// but may not change: 403; one they cannot see: 404.
import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { AppError, notFound } from '../../http/app-error.ts';
import { type Access, unitInScope } from '../access/access.ts';
import type { VillageKind } from './schemas.ts';

export interface VillageRow {
  id: number;
  cell_id: number;
  name: string;
  kind: VillageKind;
  established_on: string;
  dissolved_on: string | null;
}

export async function villageFor(db: Db, access: Access, villageId: number, permission: 'read' | 'write_members', lock = false): Promise<VillageRow> {
  const find = (p: 'read' | 'write_members') =>
    db
      .selectFrom('villages as v')
      .innerJoin('units as u', 'u.id', 'v.cell_id')
      .select([
        'v.id',
        'v.cell_id',
        'v.name',
        'v.kind',
        sql<string>`v.established_on::text`.as('established_on'),
        sql<string | null>`v.dissolved_on::text`.as('dissolved_on'),
      ])
      .where('v.id', '=', villageId)
      .where((eb) => unitInScope(access.scope(p), eb.ref('u.id')));
  const village = await (lock ? find(permission).forUpdate('v') : find(permission)).executeTakeFirst();
  if (village) return village as VillageRow;
  if (permission !== 'read' && (await find('read').executeTakeFirst())) throw new AppError('forbidden', 403);
  throw notFound('entities.village');
}

/** Whether the caller may change villages of the unit (write_members over it). */
export async function canManageUnit(db: Db, access: Access, unitId: number): Promise<boolean> {
  const row = await db
    .selectFrom('units')
    .select('id')
    .where('id', '=', unitId)
    .where((eb) => unitInScope(access.scope('write_members'), eb.ref('units.id')))
    .executeTakeFirst();
  return row !== undefined;
}
