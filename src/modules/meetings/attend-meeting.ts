// "Tôi sẽ dự" in one tap: a member of a higher committee says they will attend a cell's
// meeting. Assigned already as its guest: the assignment is confirmed. Not assigned, but
// holding meeting rights over a unit above the cell: they assign themselves on behalf of
// that committee, confirmed. Anyone else who can see the meeting: 403.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { ROLE_PERMISSIONS } from '../../domain/permissions.ts';
import { AppError, conflict } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { findVisibleMeeting, viewerOf } from './meeting-access.ts';

export async function attendMeeting(db: Kysely<DB>, access: Access, meetingId: number, now: Date): Promise<void> {
  if (access.memberId === null) throw new AppError('meetings.no_member_link', 403);
  const memberId = access.memberId;
  await db.transaction().execute(async (trx) => {
    const m = await findVisibleMeeting(trx, await viewerOf(trx, access), meetingId);
    if (m.status === 'cancelled') throw conflict('meetings.cancelled');
    const guest = await trx
      .selectFrom('meeting_guests')
      .select(['id', 'confirmed_at'])
      .where('meeting_id', '=', meetingId)
      .where('member_id', '=', memberId)
      .forUpdate()
      .executeTakeFirst();
    if (guest) {
      if (guest.confirmed_at) return;
      await trx.updateTable('meeting_guests').set({ confirmed_at: now }).where('id', '=', guest.id).execute();
      await writeAudit(trx, access.userId, {
        action: 'meeting.guest.confirm',
        entityType: 'meeting',
        entityId: meetingId,
        unitId: m.unit_id,
        after: { guestId: guest.id, memberId, confirmedAt: now.toISOString() },
      });
      return;
    }
    // The committee they act for: a unit strictly above the meeting's, granted with its subtree.
    const unit = await trx.selectFrom('units').select('path').where('id', '=', m.unit_id).executeTakeFirstOrThrow();
    const committee = access.grants.find(
      (g) => g.includeSubtree && g.unitId !== m.unit_id && unit.path.startsWith(g.unitPath) && ROLE_PERMISSIONS[g.role].includes('attend_meetings'),
    );
    if (!committee) throw new AppError('meetings.attend_not_guest', 403);
    const member = await trx.selectFrom('members').select('full_name').where('id', '=', memberId).executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('meeting_guests')
      .values({
        meeting_id: meetingId,
        member_id: memberId,
        full_name: member.full_name,
        assigned_by_unit_id: committee.unitId,
        confirmed_at: now,
        created_by: access.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, access.userId, {
      action: 'meeting.guest.add',
      entityType: 'meeting',
      entityId: meetingId,
      unitId: m.unit_id,
      after: { guestId: row.id, memberId, fullName: member.full_name, assignedByUnitId: committee.unitId, confirmedAt: now.toISOString() },
    });
  });
}
