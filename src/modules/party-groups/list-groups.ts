// A cell's party groups on a date, each with its members that day, and the cell's members
// in no group. Memberships count only while the member is placed in the cell, so someone
// who left the cell is never listed in one of its groups.
import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { todayInVietnam } from '../../domain/calendar.ts';
import { CURRENT_STATUSES } from '../../domain/member-status.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { sqlLiterals } from '../meetings/meeting-roll.ts';
import { cellFor } from './cell-of-group.ts';
import type { GroupsOut } from './schemas.ts';

/** SQL: the members placed in the cell on `on` who are still members then. */
export function cellMembersOn(cellId: number, on: string) {
  return sql<{ member_id: number; full_name: string; sort_key: string }>`
    select m.id as member_id, m.full_name, m.sort_key from members m
    join member_placements p on p.member_id = m.id and p.unit_id = ${cellId} and p.valid_from <= ${on} and (p.valid_to is null or p.valid_to > ${on})
    join member_statuses s on s.member_id = m.id and s.valid_from <= ${on} and (s.valid_to is null or s.valid_to > ${on})
    where s.status in (${sqlLiterals(CURRENT_STATUSES)})`;
}

export async function listGroups(db: Db, access: Access, cellId: number, on = todayInVietnam()): Promise<GroupsOut> {
  const cell = await cellFor(db, access, cellId, 'read');
  const groups = await db
    .selectFrom('unit_versions as v')
    .innerJoin('units as u', 'u.id', 'v.unit_id')
    .select(['u.id', 'u.code', 'v.name', 'u.established_on', 'u.dissolved_on'])
    .where('v.parent_id', '=', cell.id)
    .where('v.kind', '=', 'to_dang')
    .where('v.valid_from', '<=', on)
    .where((eb) => eb.or([eb('v.valid_to', 'is', null), eb('v.valid_to', '>', on)]))
    .orderBy('v.name')
    .orderBy('u.id')
    .execute();
  const { rows: members } = await sql<{ member_id: number; full_name: string; party_group_id: number | null; since: string | null }>`
    select cm.member_id, cm.full_name, g.party_group_id, g.valid_from::text as since
    from (${cellMembersOn(cell.id, on)}) cm
    left join party_group_members g on g.member_id = cm.member_id and g.valid_from <= ${on} and (g.valid_to is null or g.valid_to > ${on})
      and g.party_group_id in (select id from units where parent_id = ${cell.id} and kind = 'to_dang')
    order by cm.sort_key collate "C", cm.member_id`.execute(db);
  const writable = await db
    .selectFrom('units')
    .select('id')
    .where('id', '=', cell.id)
    .where((eb) => unitInScope(access.scope('write_members'), eb.ref('units.id')))
    .executeTakeFirst();
  const canManage = writable !== undefined;
  return {
    cellId: cell.id,
    on,
    canManage,
    groups: groups.map((g) => ({
      id: g.id,
      code: g.code,
      name: g.name,
      establishedOn: g.established_on,
      dissolvedOn: g.dissolved_on,
      members: members.filter((m) => m.party_group_id === g.id).map((m) => ({ memberId: m.member_id, fullName: m.full_name, since: m.since! })),
    })),
    unassigned: members
      .filter((m) => m.party_group_id === null || !groups.some((g) => g.id === m.party_group_id))
      .map((m) => ({ memberId: m.member_id, fullName: m.full_name })),
  };
}
