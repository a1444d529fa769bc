// Finding a unit by name or code, ignoring case and diacritics ("bac binh" finds "Bắc Bình").
// units.search_name holds the code and every name the unit has had, folded; the result
// shows the name and ancestors on the date asked.

import { sql } from 'kysely';
import { escapeLike } from '../../db/escape-like.ts';
import type { Db } from '../../db/types.ts';
import { compareUnitNames, foldForSearch } from '../../domain/vietnamese.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { ancestorsOn, validOn } from './tree-at-date.ts';

const MAX_RESULTS = 50;

export async function searchUnits(db: Db, access: Access, q: string, at: string) {
  const words = foldForSearch(q).split(' ').filter(Boolean);
  if (words.length === 0) return [];
  const scope = access.scope('read');
  const rows = await db
    .selectFrom('units as u')
    .innerJoin('unit_versions as v', 'v.unit_id', 'u.id')
    .select(['u.id', 'u.code', 'v.name', 'v.kind'])
    .select(sql<number>`(select max(a.depth) from unit_ancestry a where a.unit_id = u.id and ${validOn('a', at)})`.as('depth_on'))
    .where(validOn('v', at))
    .where((eb) => eb.and(words.map((w) => eb('u.search_name', 'like', `%${escapeLike(w)}%`))))
    .where((eb) => unitInScope(scope, eb.ref('u.id')))
    // Higher units first, by their depth on the date (the organisation model), then by name.
    .orderBy('depth_on')
    .orderBy(sql`v.name`)
    .orderBy('u.id')
    .limit(MAX_RESULTS)
    .execute();
  // The database orders names byte by byte; people read them in Vietnamese order.
  rows.sort((a, b) => (a.depth_on ?? 0) - (b.depth_on ?? 0) || compareUnitNames(a.name, b.name) || a.id - b.id);
  const ancestors = await ancestorsOn(
    db,
    rows.map((r) => r.id),
    at,
    scope,
  );
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, path: (ancestors.get(r.id) ?? []).map((a) => a.name) }));
}
