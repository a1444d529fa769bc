// Who is on the roll of a meeting, as the organisation stood on the meeting's date (the
// units under the cell then come from the temporal organisation model, unit_ancestry):
// - cell meetings: every current member placed in the cell; a party group's meeting
//   (meetings.party_group_id): those of them who belong to the group that day
//   (party_group_members, effective-dated);
// - committee meetings: the committee members of the unit;
// - a briefing (giao ban): the unit's committee and the secretaries of the units below.
// One SQL definition serves both the whole roll (for a meeting given by value) and the
// check-in's "is this member on it" (correlated with a meeting row in the query).
import { type Expression, type RawBuilder, sql } from 'kysely';
import type { Db, MeetingKind, MemberStatus } from '../../db/types.ts';
import { CELL_MEETING_KINDS, COMMITTEE_MEETING_KINDS } from '../../domain/meeting-rules.ts';
import { CURRENT_STATUSES as CURRENT_MEMBER_STATUSES } from '../../domain/member-status.ts';

export interface RollMeeting {
  kind: MeetingKind;
  unit_id: number;
  party_group_id: number | null;
  held_on: string;
}
export interface RollMember {
  memberId: number;
  fullName: string;
  sortKey: string;
  memberStatus: MemberStatus;
}

type Ref = Expression<unknown> | RawBuilder<unknown>;

/** SQL: a list of constants, for `x in (…)`. */
export const sqlLiterals = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)));

/** Statuses of people who are still members on a date (those who left are off the roll). */
const CURRENT_STATUSES = sqlLiterals(CURRENT_MEMBER_STATUSES);

/** SQL: the member ids on the roll of the meeting whose kind, unit, group and date are given. */
export function rollMemberIds(m: { kind: Ref; unitId: Ref; partyGroupId: Ref; heldOn: Ref }) {
  return sql`
    select p.member_id from member_placements p
    where ${m.kind} in (${sqlLiterals(CELL_MEETING_KINDS)})
      and p.valid_from <= ${m.heldOn} and (p.valid_to is null or p.valid_to > ${m.heldOn})
      and p.unit_id in (select a.unit_id from unit_ancestry a
                         where a.ancestor_id = ${m.unitId}
                           and a.valid_from <= ${m.heldOn} and (a.valid_to is null or a.valid_to > ${m.heldOn}))
      and (${m.partyGroupId} is null or p.member_id in (select g.member_id from party_group_members g
             where g.party_group_id = ${m.partyGroupId} and g.valid_from <= ${m.heldOn} and (g.valid_to is null or g.valid_to > ${m.heldOn})))
    union all
    select c.member_id from committee_members c
    where ${m.kind} in (${sqlLiterals(COMMITTEE_MEETING_KINDS)}) and c.unit_id = ${m.unitId} and c.member_id is not null
      and c.valid_from <= ${m.heldOn} and (c.valid_to is null or c.valid_to > ${m.heldOn})
    union all
    select c.member_id from committee_members c
    where ${m.kind} = 'briefing' and c.member_id is not null and c.valid_from <= ${m.heldOn} and (c.valid_to is null or c.valid_to > ${m.heldOn})
      and (c.unit_id = ${m.unitId} or (c.position = 'bi_thu' and c.unit_id in (
            select a.unit_id from unit_ancestry a
             where a.ancestor_id = ${m.unitId} and a.depth = 1
               and a.valid_from <= ${m.heldOn} and (a.valid_to is null or a.valid_to > ${m.heldOn}))))`;
}

const byValue = (m: RollMeeting) => ({
  kind: sql.val(m.kind),
  unitId: sql`${m.unit_id}::int`,
  partyGroupId: sql`${m.party_group_id}::int`,
  heldOn: sql`${m.held_on}::date`,
});

/** SQL: the status of `memberId` on the roll of meeting `m` (given as column refs), or null. */
export function rollStatusSql(memberId: number, m: { kind: Ref; unitId: Ref; partyGroupId: Ref; heldOn: Ref }) {
  return sql<MemberStatus | null>`(select s.status from member_statuses s
    where s.member_id = ${memberId} and s.valid_from <= ${m.heldOn} and (s.valid_to is null or s.valid_to > ${m.heldOn})
      and s.status in (${CURRENT_STATUSES}) and ${memberId} in (${rollMemberIds(m)})
    limit 1)`;
}

/** The roll, sorted the Vietnamese way. */
export async function loadRoll(db: Db, meeting: RollMeeting): Promise<RollMember[]> {
  const d = meeting.held_on;
  const { rows } = await sql<{ id: number; full_name: string; sort_key: string; status: MemberStatus }>`
    select m.id, m.full_name, m.sort_key, s.status
    from members m
    join member_statuses s on s.member_id = m.id and s.valid_from <= ${d} and (s.valid_to is null or s.valid_to > ${d})
    where m.id in (${rollMemberIds(byValue(meeting))}) and s.status in (${CURRENT_STATUSES})
    order by m.sort_key collate "C", m.id`.execute(db);
  return rows.map((r) => ({ memberId: r.id, fullName: r.full_name, sortKey: r.sort_key, memberStatus: r.status }));
}

/** One member's status on the roll, or null when they are not on it. */
export async function rollStatusOf(db: Db, meeting: RollMeeting, memberId: number): Promise<MemberStatus | null> {
  const { rows } = await sql<{ status: MemberStatus | null }>`select ${rollStatusSql(memberId, byValue(meeting))} as status`.execute(db);
  return rows[0]?.status ?? null;
}
