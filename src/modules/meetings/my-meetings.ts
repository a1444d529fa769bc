// A member's own meetings: those of their cell (or party group), of their residence
// cell, those they are invited to as a guest, and those of a committee they sit on —
// what their page and their calendar feed show, with the check-in window as the check-in
// itself applies it (the unit's rule set, or as the secretary set it).
import { type Kysely, sql } from 'kysely';
import type { AttendanceStatus, DB, Db } from '../../db/types.ts';
import { meetingRulesOn } from '../../domain/meeting-rules.ts';
import { vnTime } from '../../domain/meeting-time.ts';
import { AppError } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { ruleSetsFromRows, unitRuleSetsJson } from '../rule-sets/unit-rule-sets.ts';
import { presentWindow } from './check-in-window.ts';
import { memberLink, memberMeeting, memberRole, type Viewer } from './meeting-access.ts';
import type { CheckInWindowOut } from './schemas.ts';

export interface MyMeeting {
  id: number;
  kind: string;
  unitId: number;
  unitName: string;
  heldOn: string;
  startTime: string;
  endTime: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  topic: string;
  status: 'planned' | 'cancelled';
  role: 'member' | 'guest' | 'residence' | 'committee';
  checkedIn: boolean;
  /** The member's own mark in the roll call, once taken (null before, and for a guest). */
  attendance: AttendanceStatus | null;
  checkIn: CheckInWindowOut;
  /** checkIn.state === 'open', for pages that only need the yes or no. */
  checkInOpen: boolean;
}

export async function meetingsOfMember(db: Db, me: NonNullable<Viewer['member']>, from: string, to: string, now: Date): Promise<MyMeeting[]> {
  const rows = await db
    .selectFrom('meetings as m')
    .innerJoin('units as u', 'u.id', 'm.unit_id')
    .select([
      'm.id',
      'm.kind',
      'm.unit_id',
      'u.name',
      'm.held_on',
      'm.starts_at',
      'm.ends_at',
      'm.place',
      'm.topic',
      'm.status',
      'm.check_in_opens_at',
      'm.check_in_closes_at',
      unitRuleSetsJson('meeting-rules', sql.ref<number>('m.unit_id'), sql.ref<string>('m.held_on')).as('unit_rules'),
      sql<boolean>`${memberRole(me, 'guest')}`.as('is_guest'),
      sql<boolean>`${memberRole(me, 'residence')}`.as('is_residence'),
      sql<boolean>`${memberRole(me, 'committee')}`.as('is_committee'),
      sql<boolean>`exists (select 1 from meeting_check_ins c where c.meeting_id = m.id and c.member_id = ${me.id})`.as('checked_in'),
      sql<AttendanceStatus | null>`(select a.status from meeting_attendance a where a.meeting_id = m.id and a.member_id = ${me.id})`.as('attendance'),
    ])
    .where(memberMeeting(me))
    .where('m.held_on', '>=', from)
    .where('m.held_on', '<=', to)
    .orderBy('m.starts_at')
    .orderBy('m.id')
    .limit(500)
    .execute();
  return rows.map((r): MyMeeting => {
    const checkIn = presentWindow(r, meetingRulesOn(r.held_on, ruleSetsFromRows(r.unit_rules)).body.checkIn, now);
    return {
      id: r.id,
      kind: r.kind,
      unitId: r.unit_id,
      unitName: r.name,
      heldOn: r.held_on,
      startTime: vnTime(r.starts_at),
      endTime: vnTime(r.ends_at),
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      place: r.place,
      topic: r.topic,
      status: r.status,
      role: r.is_guest ? 'guest' : r.is_committee ? 'committee' : r.is_residence ? 'residence' : 'member',
      checkedIn: r.checked_in,
      attendance: r.attendance,
      checkIn,
      checkInOpen: checkIn.state === 'open',
    };
  });
}

export async function myMeetings(db: Kysely<DB>, access: Access, from: string, to: string, now: Date) {
  if (access.memberId === null) throw new AppError('meetings.no_member_link', 403);
  const me = await memberLink(db, access.memberId);
  if (!me) throw new AppError('meetings.no_member_link', 403);
  return meetingsOfMember(db, me, from, to, now);
}
