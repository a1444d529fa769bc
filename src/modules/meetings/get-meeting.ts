// One meeting as its page shows it: the plan, guests, documents, the committee
// pre-meetings that prepared it, where the minutes and the grade stand, the check-in
// window, and whether the caller may change it.
import type { Selectable } from 'kysely';
import type { Db, MeetingsTable } from '../../db/types.ts';
import { vnTime } from '../../domain/meeting-time.ts';
import type { Access } from '../access/access.ts';
import { markMeetingNoticesSeen } from '../notifications/notice-status.ts';
import { meetingGuests } from './assign-guest.ts';
import { presentWindow } from './check-in-window.ts';
import { clock } from './clock.ts';
import { findVisibleMeeting, meetingManageable, viewerOf } from './meeting-access.ts';
import type { MeetingOut } from './schemas.ts';
import { meetingRulesFor } from './unit-rule-sets.ts';

export type MeetingRow = Selectable<MeetingsTable>;

export async function getMeeting(db: Db, access: Access, id: number): Promise<MeetingOut> {
  const meeting = await findVisibleMeeting(db, await viewerOf(db, access), id);
  // The read receipt: a member who opens the meeting has seen its notices.
  if (access.memberId !== null) await markMeetingNoticesSeen(db, access.memberId, id, clock.now());
  return presentMeeting(db, access, meeting);
}

export async function presentMeeting(db: Db, access: Access, m: MeetingRow): Promise<MeetingOut> {
  const [unit, group, guests, documents, preMeetings, minutes, quality, manageable, rules] = await Promise.all([
    db.selectFrom('units').select('name').where('id', '=', m.unit_id).executeTakeFirstOrThrow(),
    m.party_group_id ? db.selectFrom('units').select('name').where('id', '=', m.party_group_id).executeTakeFirst() : undefined,
    meetingGuests(db, m.id),
    db
      .selectFrom('meeting_documents')
      .select(['id', 'file_name', 'content_type', 'size_bytes', 'uploaded_at'])
      .where('meeting_id', '=', m.id)
      .orderBy('id')
      .execute(),
    db.selectFrom('meetings').select('id').where('prepares_meeting_id', '=', m.id).where('status', '=', 'planned').orderBy('held_on').execute(),
    db.selectFrom('meeting_minutes').select(['adopted_at']).where('meeting_id', '=', m.id).executeTakeFirst(),
    db.selectFrom('meeting_quality').select(['grade', 'points', 'max_points']).where('meeting_id', '=', m.id).executeTakeFirst(),
    db.selectFrom('meetings as m').select('m.id').where('m.id', '=', m.id).where(meetingManageable(access)).executeTakeFirst(),
    meetingRulesFor(db, m.unit_id, m.held_on),
  ]);
  return {
    id: m.id,
    unitId: m.unit_id,
    unitName: unit.name,
    partyGroupId: m.party_group_id,
    partyGroupName: group?.name ?? null,
    kind: m.kind,
    heldOn: m.held_on,
    startTime: vnTime(m.starts_at),
    endTime: vnTime(m.ends_at),
    startsAt: m.starts_at.toISOString(),
    endsAt: m.ends_at.toISOString(),
    place: m.place,
    topic: m.topic,
    topicId: m.topic_id,
    focalIssues: m.focal_issues as string[],
    agenda: m.agenda as { title: string; note: string | null }[],
    status: m.status,
    cancelReason: m.cancel_reason,
    preparesMeetingId: m.prepares_meeting_id,
    preMeetingIds: preMeetings.map((p) => p.id),
    guests,
    documents: documents.map((d) => ({
      id: d.id,
      fileName: d.file_name,
      contentType: d.content_type,
      sizeBytes: d.size_bytes,
      uploadedAt: d.uploaded_at.toISOString(),
    })),
    minutesStatus: !minutes ? 'none' : minutes.adopted_at ? 'adopted' : 'draft',
    quality: quality ? { grade: quality.grade as 'tot' | 'kha' | 'trung_binh' | 'kem', points: quality.points, maxPoints: quality.max_points } : null,
    checkIn: presentWindow(m, rules.body.checkIn, clock.now()),
    canManage: Boolean(manageable),
  };
}
