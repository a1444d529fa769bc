// A transfer often goes to a cell in another commune, which the sender may not browse: the
// sender types the receiving cell's code (mã đơn vị, which the receiving cell gives with its
// letter of acceptance) and sees that one cell's name and its parent's — nothing else outside
// its scope. Only someone who may send transfers (write_members somewhere) may ask.
import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { CELL_KINDS } from '../../domain/unit-tree.ts';
import { AppError, forbidden } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';

export async function transferDestination(db: Db, access: Access, code: string) {
  if (!access.can('write_members')) throw forbidden();
  const cell = await db
    .selectFrom('units as u')
    .leftJoin('units as p', 'p.id', 'u.parent_id')
    .select(['u.id', 'u.code', 'u.name', 'p.name as parent_name'])
    .where(sql<boolean>`lower(u.code) = lower(${code.trim()})`)
    .where('u.kind', 'in', [...CELL_KINDS])
    .where('u.dissolved_on', 'is', null)
    .executeTakeFirst();
  if (!cell) throw new AppError('life.no_cell_with_code', 404, { code: code.trim() });
  return { id: cell.id, code: cell.code, name: cell.name, parentName: cell.parent_name };
}
