// Who may see and record dues, in SQL with the one access filter: a unit's sheets, arrears
// and reports by who reads the unit (404 otherwise); a member's dues by who reads the member
// (their own too); recording a payment or a member's basis, exemption or reduction takes
// `write_members` over the member's cell (403 for who only reads it).
import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { forbidden, notFound } from '../../http/app-error.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { memberReadable } from '../members/member-access.ts';
import { validDuring } from '../org-history/valid-on.ts';

/**
 * The unit (its current name) when the caller reads it and it existed on some day of the
 * period; else 404, as for a unit that never was. `writable`: the caller may record for it and
 * it is not dissolved (its members' dues then go through the cell they moved to).
 */
export async function readableUnit(db: Db, access: Access, unitId: number, period: { from: string; to: string }) {
  const row = await db
    .selectFrom('units as u')
    .select(['u.id', 'u.name', 'u.path', 'u.dissolved_on'])
    .select((eb) => sql<boolean>`(${unitInScope(access.scope('write_members'), eb.ref('u.id'))} and u.dissolved_on is null)`.as('writable'))
    .where('u.id', '=', unitId)
    .where((eb) => unitInScope(access.scope('read'), eb.ref('u.id')))
    .where(sql<boolean>`exists (select 1 from unit_versions v where v.unit_id = u.id and ${validDuring('v', period.from, period.to)})`)
    .executeTakeFirst();
  if (!row) throw notFound('entities.unit');
  return row;
}

/** The member when the caller reads them (their own record included); else 404. `lock`: for a write. */
export async function readableMember(db: Db, access: Access, memberId: number, lock = false) {
  let q = db
    .selectFrom('members as m')
    .select(['m.id', 'm.full_name', 'm.unit_id'])
    .where('m.id', '=', memberId)
    .where((eb) => memberReadable(access, eb));
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('entities.member');
  return row;
}

/** 403 unless the caller may write members of `unitId`. */
export async function requireWriteOver(db: Db, access: Access, unitId: number): Promise<void> {
  const ok = await db
    .selectFrom('units as u')
    .select('u.id')
    .where('u.id', '=', unitId)
    .where((eb) => unitInScope(access.scope('write_members'), eb.ref('u.id')))
    .executeTakeFirst();
  if (!ok) throw forbidden();
}
