// Turning a units row into the API shape, in one place.
import type { Db, Unit } from '../../db/types.ts';
import { foldForSearch } from '../../domain/vietnamese.ts';
import { notFound } from '../../http/app-error.ts';
import type { UnitOut } from './schemas.ts';

export function presentUnit(u: Unit): UnitOut {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    kind: u.kind,
    parentId: u.parent_id,
    depth: u.depth,
    establishedOn: u.established_on,
    dissolvedOn: u.dissolved_on,
  };
}

export async function loadUnitOut(db: Db, id: number): Promise<UnitOut> {
  const u = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  if (!u) throw notFound('entities.unit');
  return presentUnit(u);
}

/** What search matches: the current name first, the code, then every former name. */
export function searchNameOf(code: string, currentName: string, formerNames: string[] = []): string {
  const names = [...new Set([currentName, ...formerNames])];
  return foldForSearch([names[0], code, ...names.slice(1)].join(' '));
}
