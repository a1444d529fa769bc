// Opening one member's full record. The personal record (citizen ID, phone, residence)
// is sensitive, so every opening is logged as a 'member.read' audit row. The record
// carries the striking-off warning when the member's absences without reason reach it.
import { type Kysely, sql } from 'kysely';
import type { DB, Db } from '../../db/types.ts';
import { todayInVietnam } from '../../domain/calendar.ts';
import { notFound } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { clock } from '../meetings/clock.ts';
import { memberStrikeOffWarning } from '../meetings/member-strike-off.ts';
import { memberReadable, memberWritable } from './member-access.ts';
import { presentMember } from './member-row.ts';
import type { MemberDetailOut } from './schemas.ts';

/** The member as the caller may see it, with whether they may edit it; no audit row. */
export async function loadMemberDetail(db: Db, access: Access, id: number): Promise<MemberDetailOut> {
  const row = await db
    .selectFrom('members as m')
    .innerJoin('units as u', 'u.id', 'm.unit_id')
    .selectAll('m')
    .select('u.name as unit_name')
    .select((eb) => sql<boolean>`${memberWritable(access, eb)}`.as('can_edit'))
    .where('m.id', '=', id)
    .where((eb) => memberReadable(access, eb))
    .executeTakeFirst();
  if (!row) throw notFound('entities.member');
  const strikeOffWarning = await memberStrikeOffWarning(db, id, row.unit_id, todayInVietnam(clock.now()));
  return { ...presentMember(row), canEdit: row.can_edit, strikeOffWarning };
}

export async function getMember(db: Kysely<DB>, access: Access, id: number): Promise<MemberDetailOut> {
  return db.transaction().execute(async (trx) => {
    const member = await loadMemberDetail(trx, access, id);
    await writeAudit(trx, access.userId, { action: 'member.read', entityType: 'member', entityId: id, unitId: member.unitId });
    return member;
  });
}
