// The committee's pre-meeting record (họp chi ủy trước khi sinh hoạt): each member's
// strengths and shortcomings this month, the agreed content, the draft resolution. It is
// kept on the committee meeting, which points at the cell meeting it prepares.
import type { Kysely } from 'kysely';
import type { DB, Db } from '../../db/types.ts';
import { COMMITTEE_MEETING_KINDS } from '../../domain/meeting-rules.ts';
import { badRequest } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import type { MeetingRow } from './get-meeting.ts';
import { findManageableMeeting, findVisibleMeeting, viewerOf } from './meeting-access.ts';
import { loadRoll } from './meeting-roll.ts';
import type { PreparationInput } from './schemas.ts';

/** The members a pre-meeting reviews: the roll of the meeting it prepares, or of the cell. */
async function reviewedRoll(db: Db, committeeMeeting: MeetingRow) {
  const prepared = committeeMeeting.prepares_meeting_id
    ? await db.selectFrom('meetings').selectAll().where('id', '=', committeeMeeting.prepares_meeting_id).executeTakeFirst()
    : undefined;
  return loadRoll(db, prepared ?? { kind: 'regular', unit_id: committeeMeeting.unit_id, party_group_id: null, held_on: committeeMeeting.held_on });
}

export async function recordPreparation(db: Kysely<DB>, access: Access, id: number, input: PreparationInput) {
  await db.transaction().execute(async (trx) => {
    const m = await findManageableMeeting(trx, access, id, { forUpdate: true });
    if (!COMMITTEE_MEETING_KINDS.includes(m.kind)) throw badRequest('meetings.preparation_only_committee');
    const roll = new Set((await reviewedRoll(trx, m)).map((r) => r.memberId));
    const errors = input.memberReviews.flatMap((r, i) =>
      roll.has(r.memberId) ? [] : [{ path: `body.memberReviews.${i}.memberId`, message: 'meetings.not_on_roll' }],
    );
    if (errors.length) throw badRequest('validation', {}, errors);
    const before = await trx.selectFrom('meeting_preparations').selectAll().where('meeting_id', '=', id).executeTakeFirst();
    const values = {
      member_reviews: JSON.stringify(input.memberReviews),
      agreed_content: input.agreedContent ?? null,
      draft_resolution: input.draftResolution ?? null,
      updated_by: access.userId,
      updated_at: new Date(),
    };
    await trx
      .insertInto('meeting_preparations')
      .values({ meeting_id: id, ...values })
      .onConflict((oc) => oc.column('meeting_id').doUpdateSet(values))
      .execute();
    await writeAudit(trx, access.userId, {
      action: 'meeting.preparation',
      entityType: 'meeting',
      entityId: id,
      unitId: m.unit_id,
      before: before ? { memberReviews: before.member_reviews, agreedContent: before.agreed_content, draftResolution: before.draft_resolution } : undefined,
      after: input,
    });
  });
  return getPreparation(db, access, id);
}

export async function getPreparation(db: Kysely<DB>, access: Access, id: number) {
  const m = await findVisibleMeeting(db, await viewerOf(db, access), id);
  if (!COMMITTEE_MEETING_KINDS.includes(m.kind)) throw badRequest('meetings.preparation_only_committee');
  const row = await db.selectFrom('meeting_preparations').selectAll().where('meeting_id', '=', id).executeTakeFirst();
  const reviews = (row?.member_reviews ?? []) as { memberId: number; strengths: string | null; shortcomings: string | null }[];
  const names = new Map((await reviewedRoll(db, m)).map((r) => [r.memberId, r.fullName]));
  return {
    meetingId: id,
    preparesMeetingId: m.prepares_meeting_id,
    memberReviews: reviews.map((r) => ({
      memberId: r.memberId,
      fullName: names.get(r.memberId) ?? '',
      strengths: r.strengths ?? null,
      shortcomings: r.shortcomings ?? null,
    })),
    agreedContent: row?.agreed_content ?? null,
    draftResolution: row?.draft_resolution ?? null,
    updatedAt: row?.updated_at.toISOString() ?? null,
  };
}
