// The facts the system already holds about the members of a grading entry's period, filled in
// automatically (issue 9 item 4): meeting attendance at their cells' meetings held in the
// period (the roll call, or a later self check-in — the rule of the meeting facts), the
// discipline decided in the period, the tasks that fell due in it (tasks/task-facts.ts), and
// the residence cells' comments for the period's year (life/residence-comments-by-member.ts,
// QĐ 213: shown in the member's year-end file). Each is a part with the same shape — members and dates in, a Map by member out —
// so a part is added in one line of MEMBER_FACT_PARTS; a part not wired leaves its facts
// unknown, which the rules read as unknown (never as clean).
import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import type { AttendanceFacts, MemberAutoFacts, TaskFacts } from '../../domain/grading-facts.ts';
import { residenceCommentsByMember } from '../life/residence-comments-by-member.ts';
import { validOn } from '../org-history/valid-on.ts';
import { taskFactsByMember } from '../tasks/task-facts.ts';

type Part<T> = (db: Db, memberIds: readonly number[], from: string, to: string) => Promise<Map<number, T>>;

export const attendanceByMember: Part<AttendanceFacts> = async (db, memberIds, from, to) => {
  if (memberIds.length === 0) return new Map();
  const { rows } = await sql<{ member_id: number; meetings: number; present: number; absent_excused: number; absent_unexcused: number }>`
    with marks as (
      select meeting_id, member_id from meeting_attendance where member_id = any(${sql.val([...memberIds])}::int[])
      union
      select meeting_id, member_id from meeting_check_ins where member_id = any(${sql.val([...memberIds])}::int[])
    ), eff as (
      select k.member_id, case
          when a.status is not null and (c.checked_in_at is null or a.recorded_at >= c.checked_in_at) then a.status
          when c.checked_in_at is not null then 'present' end as att
        from marks k
        join meeting_facts mf on mf.meeting_id = k.meeting_id
        left join meeting_attendance a on a.meeting_id = k.meeting_id and a.member_id = k.member_id
        left join meeting_check_ins c on c.meeting_id = k.meeting_id and c.member_id = k.member_id
       where mf.recorded and mf.held_on >= ${from}::date and mf.held_on <= ${to}::date
         and mf.kind in ('regular', 'thematic', 'extraordinary')
    )
    select member_id, count(*)::int as meetings,
           count(*) filter (where att = 'present')::int as present,
           count(*) filter (where att in ('absent_excused', 'on_duty'))::int as absent_excused,
           count(*) filter (where att = 'absent_unexcused')::int as absent_unexcused
      from eff group by member_id`.execute(db);
  return new Map(
    rows.map((r) => [r.member_id, { meetings: r.meetings, present: r.present, absentExcused: r.absent_excused, absentUnexcused: r.absent_unexcused }]),
  );
};

export const disciplinesByMember: Part<MemberAutoFacts['disciplines']> = async (db, memberIds, from, to) => {
  const out = new Map<number, MemberAutoFacts['disciplines']>();
  if (memberIds.length === 0) return out;
  const rows = await db
    .selectFrom('member_disciplines')
    .select(['member_id', 'form', 'decided_on', 'decision_number'])
    .where(sql<boolean>`member_id = any(${sql.val([...memberIds])}::int[])`)
    .where('decided_on', '>=', from)
    .where('decided_on', '<=', to)
    .orderBy('decided_on')
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.member_id) ?? [];
    list.push({ form: r.form, decidedOn: r.decided_on, decisionNumber: r.decision_number });
    out.set(r.member_id, list);
  }
  return out;
};

export interface MemberFactParts {
  attendance: Part<AttendanceFacts>;
  disciplines: Part<MemberAutoFacts['disciplines']>;
  tasks: Part<TaskFacts> | null;
  residenceComments: Part<MemberAutoFacts['residenceComments']>;
}

/** The comments of the period's year (the year its end date falls in). */
const residenceCommentsInPeriod: Part<MemberAutoFacts['residenceComments']> = (db, memberIds, _from, to) =>
  residenceCommentsByMember(db, memberIds, Number(to.slice(0, 4)));

export const MEMBER_FACT_PARTS: MemberFactParts = {
  attendance: attendanceByMember,
  disciplines: disciplinesByMember,
  tasks: taskFactsByMember,
  residenceComments: residenceCommentsInPeriod,
};

const NO_ATTENDANCE: AttendanceFacts = { meetings: 0, present: 0, absentExcused: 0, absentUnexcused: 0 };

/** Each member's facts for the period [from, to]. */
export async function memberAutoFacts(
  db: Db,
  memberIds: readonly number[],
  from: string,
  to: string,
  parts: MemberFactParts = MEMBER_FACT_PARTS,
): Promise<Map<number, MemberAutoFacts>> {
  const [attendance, disciplines, tasks, residenceComments] = [
    await parts.attendance(db, memberIds, from, to),
    await parts.disciplines(db, memberIds, from, to),
    parts.tasks ? await parts.tasks(db, memberIds, from, to) : new Map<number, TaskFacts>(),
    await parts.residenceComments(db, memberIds, from, to),
  ];
  return new Map(
    memberIds.map((id) => [
      id,
      {
        attendance: attendance.get(id) ?? NO_ATTENDANCE,
        disciplines: disciplines.get(id) ?? [],
        tasks: tasks.get(id) ?? null,
        residenceComments: residenceComments.get(id) ?? [],
      },
    ]),
  );
}

/** Members of an organisation's subtree (on the period's end date) disciplined in the period: a fact of "Chi bộ 4 tốt". */
export async function disciplinedMembersUnder(db: Db, unitIds: readonly number[], from: string, to: string): Promise<Map<number, number>> {
  if (unitIds.length === 0) return new Map();
  const { rows } = await sql<{ unit_id: number; n: number }>`
    select a.ancestor_id as unit_id, count(distinct d.member_id)::int as n
      from unit_ancestry a
      join member_placements p on p.unit_id = a.unit_id and ${validOn('p', to)}
      join member_disciplines d on d.member_id = p.member_id and d.decided_on >= ${from}::date and d.decided_on <= ${to}::date
     where a.ancestor_id = any(${sql.val([...unitIds])}::int[])
       and ${validOn('a', to)}
     group by a.ancestor_id`.execute(db);
  return new Map(rows.map((r) => [r.unit_id, r.n]));
}
