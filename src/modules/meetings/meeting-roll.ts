// Who is on the roll of a meeting, as the organisation stood on the meeting's date:
// - cell meetings: every current member placed in the cell (or the party group when
//   the cell meets by group), and in its party groups;
// - committee meetings: the committee members of the unit;
// - a briefing (giao ban): the unit's committee and the secretaries of the units below.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, MeetingKind, MemberStatus } from '../../db/types.ts';

export interface RollMeeting { kind: MeetingKind; unit_id: number; party_group_id: number | null; held_on: string }
export interface RollMember { memberId: number; fullName: string; sortKey: string; memberStatus: MemberStatus }

type Db = Kysely<DB> | Transaction<DB>;

/** Statuses of people who are still members on a date (those who left are off the roll). */
const CURRENT = sql.join(['du_bi', 'chinh_thuc', 'mien_sinh_hoat', 'dinh_chi'].map((s) => sql.lit(s)));

function rollMemberIds(meeting: RollMeeting) {
  const d = meeting.held_on;
  switch (meeting.kind) {
    case 'committee':
    case 'grassroots_committee':
      return sql`select c.member_id from committee_members c where c.unit_id = ${meeting.unit_id} and c.member_id is not null
        and c.valid_from <= ${d} and (c.valid_to is null or c.valid_to > ${d})`;
    case 'briefing':
      return sql`select c.member_id from committee_members c join units u on u.id = c.unit_id
        where c.member_id is not null and c.valid_from <= ${d} and (c.valid_to is null or c.valid_to > ${d})
          and (c.unit_id = ${meeting.unit_id} or (u.parent_id = ${meeting.unit_id} and c.position = 'bi_thu'))`;
    default: {
      const unitId = meeting.party_group_id ?? meeting.unit_id;
      return sql`select p.member_id from member_placements p
        where p.valid_from <= ${d} and (p.valid_to is null or p.valid_to > ${d})
          and p.unit_id in (select su.id from units su where su.path like (select u.path from units u where u.id = ${unitId}) || '%')`;
    }
  }
}

/** The roll, sorted the Vietnamese way. */
export async function loadRoll(db: Db, meeting: RollMeeting): Promise<RollMember[]> {
  const d = meeting.held_on;
  const { rows } = await sql<{ id: number; full_name: string; sort_key: string; status: MemberStatus }>`
    select m.id, m.full_name, m.sort_key, s.status
    from members m
    join member_statuses s on s.member_id = m.id and s.valid_from <= ${d} and (s.valid_to is null or s.valid_to > ${d})
    where m.id in (${rollMemberIds(meeting)}) and s.status in (${CURRENT})
    order by m.sort_key collate "C", m.id`.execute(db);
  return rows.map((r) => ({ memberId: r.id, fullName: r.full_name, sortKey: r.sort_key, memberStatus: r.status }));
}

/** One member's status on the roll, or null when they are not on it (the check-in path). */
export async function rollStatusOf(db: Db, meeting: RollMeeting, memberId: number): Promise<MemberStatus | null> {
  const d = meeting.held_on;
  const { rows } = await sql<{ status: MemberStatus }>`
    select s.status from member_statuses s
    where s.member_id = ${memberId} and s.valid_from <= ${d} and (s.valid_to is null or s.valid_to > ${d})
      and s.status in (${CURRENT}) and ${memberId} in (${rollMemberIds(meeting)})
    limit 1`.execute(db);
  return rows[0]?.status ?? null;
}
