// Guests of a meeting. Higher committees assign their members to attend and guide a
// cell's meeting (the assigned guest then sees it in their own meetings and calendar);
// other invitees are recorded by name.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB, Db } from '../../db/types.ts';
import { pathIds } from '../../domain/unit-tree.ts';
import { badRequest, conflict, notFound } from '../../http/app-error.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { meetingNoticeParams } from '../notifications/send-meeting-notices.ts';
import { findManageableMeeting } from './meeting-access.ts';
import type { GuestInput, guestOut } from './schemas.ts';

/** The guests of a meeting as its page and its attendance show them. */
export async function meetingGuests(db: Db, meetingId: number): Promise<z.infer<typeof guestOut>[]> {
  const rows = await db
    .selectFrom('meeting_guests as g')
    .leftJoin('units as u', 'u.id', 'g.assigned_by_unit_id')
    .select(['g.id', 'g.member_id', 'g.full_name', 'g.position', 'g.assigned_by_unit_id', 'u.name as unit_name', 'g.attended', 'g.confirmed_at'])
    .where('g.meeting_id', '=', meetingId)
    .orderBy('g.id')
    .execute();
  return rows.map((g) => ({
    id: g.id,
    memberId: g.member_id,
    fullName: g.full_name,
    position: g.position,
    assignedByUnitId: g.assigned_by_unit_id,
    assignedByUnitName: g.unit_name,
    attended: g.attended,
    confirmedAt: g.confirmed_at?.toISOString() ?? null,
  }));
}

export async function assignGuest(db: Kysely<DB>, access: Access, meetingId: number, input: GuestInput): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const m = await findManageableMeeting(trx, access, meetingId);
    let fullName = input.fullName;
    if (input.memberId) {
      const member = await trx
        .selectFrom('members')
        .select(['id', 'full_name'])
        .where('id', '=', input.memberId)
        .where((eb) => unitInScope(access.scope('read'), eb.ref('members.unit_id')))
        .executeTakeFirst();
      if (!member) throw notFound('entities.member');
      fullName = member.full_name;
      const already = await trx
        .selectFrom('meeting_guests')
        .select('id')
        .where('meeting_id', '=', meetingId)
        .where('member_id', '=', member.id)
        .executeTakeFirst();
      if (already) throw conflict('meetings.guest_already', { name: member.full_name });
    }
    if (!fullName) throw badRequest('validation', {}, [{ path: 'body.fullName', message: 'fields.required' }]);
    if (input.assignedByUnitId) {
      // The assigning committee sits above the meeting's unit and within the caller's scope.
      const unit = await trx.selectFrom('units').select('path').where('id', '=', m.unit_id).executeTakeFirstOrThrow();
      const above = pathIds(unit.path).slice(0, -1);
      const assigning = await trx
        .selectFrom('units')
        .select('id')
        .where('id', '=', input.assignedByUnitId)
        .where((eb) => unitInScope(access.scope('manage_meetings'), eb.ref('units.id')))
        .executeTakeFirst();
      if (!assigning || !above.includes(assigning.id)) {
        throw badRequest('meetings.guest_unit_not_above', {}, [{ path: 'body.assignedByUnitId', message: 'meetings.guest_unit_not_above' }]);
      }
    }
    const row = await trx
      .insertInto('meeting_guests')
      .values({
        meeting_id: meetingId,
        member_id: input.memberId ?? null,
        full_name: fullName,
        position: input.position ?? null,
        assigned_by_unit_id: input.assignedByUnitId ?? null,
        created_by: access.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.memberId) {
      // The assigned guest hears of it at once, in the app (and by email on the next run).
      const unitName = (await trx.selectFrom('units').select('name').where('id', '=', m.unit_id).executeTakeFirstOrThrow()).name;
      await trx
        .insertInto('notices')
        .values({
          member_id: input.memberId,
          kind: 'meeting_guest',
          meeting_id: meetingId,
          params: JSON.stringify(meetingNoticeParams({ ...m, unit_name: unitName })),
          dedupe_key: `meeting:${meetingId}:guest:${row.id}`,
        })
        .onConflict((oc) => oc.columns(['member_id', 'dedupe_key']).doNothing())
        .execute();
    }
    await writeAudit(trx, access.userId, {
      action: 'meeting.guest.add',
      entityType: 'meeting',
      entityId: meetingId,
      unitId: m.unit_id,
      after: { guestId: row.id, ...input, fullName },
    });
    return row.id;
  });
}

export async function removeGuest(db: Kysely<DB>, access: Access, meetingId: number, guestId: number) {
  await db.transaction().execute(async (trx) => {
    const m = await findManageableMeeting(trx, access, meetingId);
    const guest = await trx
      .deleteFrom('meeting_guests')
      .where('id', '=', guestId)
      .where('meeting_id', '=', meetingId)
      .returning(['full_name', 'member_id'])
      .executeTakeFirst();
    if (!guest) throw notFound('entities.guest');
    await writeAudit(trx, access.userId, {
      action: 'meeting.guest.remove',
      entityType: 'meeting',
      entityId: meetingId,
      unitId: m.unit_id,
      before: { guestId, fullName: guest.full_name, memberId: guest.member_id },
    });
  });
}
