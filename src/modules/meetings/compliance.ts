// Compliance with the meeting rules for any unit subtree and period (see
// src/domain/meeting-compliance.ts for the rules). A meeting counts as held when it was
// not cancelled, its date has come, and attendance was taken (a roll call or a
// check-in): a plan alone is not a meeting. Attendance is computed set-wise in SQL from
// the roll as of each meeting's date, so a province-wide year stays one query.
import { sql, type Kysely } from 'kysely';
import type { DB, MeetingKind } from '../../db/types.ts';
import { notFound } from '../../http/app-error.ts';
import { computeCompliance, type ComplianceResult } from '../../domain/meeting-compliance.ts';
import type { QualityGrade } from '../../domain/meeting-quality.ts';
import { monthOf } from '../../domain/meeting-time.ts';
import { CELL_KINDS } from '../../domain/unit-tree.ts';
import { CELL_MEETING_KINDS } from '../../domain/meeting-rules.ts';
import { sqlLiterals } from './meeting-roll.ts';
import { unitInScope, type Access, type Scope } from '../access/access.ts';
import { meetingRulesFor } from './unit-rule-sets.ts';

export interface ComplianceQuery { unitId: number; from: string; to: string; asOf: string }

/** Effective attendance of every expected member at the held cell meetings under `prefix` that the caller may see. */
function attendanceCte(prefix: string, from: string, end: string, scope: Scope) {
  return sql`
    with ms as (
      select m.id, m.unit_id, m.held_on, coalesce(g.path, u.path) as roll_path
      from meetings m join units u on u.id = m.unit_id left join units g on g.id = m.party_group_id
      where u.path like ${prefix} and ${unitInScope(scope, sql.ref('u.id'))} and u.kind in (${sqlLiterals(CELL_KINDS)}) and m.status = 'planned'
        and m.kind in (${sqlLiterals(CELL_MEETING_KINDS)}) and m.held_on >= ${from} and m.held_on <= ${end}
    ), roll as (
      select ms.id as meeting_id, ms.unit_id, ms.held_on, p.member_id
      from ms
      join units pu on pu.path like ms.roll_path || '%'
      join member_placements p on p.unit_id = pu.id and p.valid_from <= ms.held_on and (p.valid_to is null or p.valid_to > ms.held_on)
      join member_statuses s on s.member_id = p.member_id and s.valid_from <= ms.held_on and (s.valid_to is null or s.valid_to > ms.held_on)
      where s.status in ('du_bi', 'chinh_thuc')
    ), eff as (
      select roll.*, case
          when a.status is not null and (c.checked_in_at is null or a.recorded_at >= c.checked_in_at) then a.status
          when c.checked_in_at is not null then 'present' end as attendance
      from roll
      left join meeting_attendance a on a.meeting_id = roll.meeting_id and a.member_id = roll.member_id
      left join meeting_check_ins c on c.meeting_id = roll.meeting_id and c.member_id = roll.member_id
    )`;
}

export type ComplianceReport = Omit<ComplianceResult, 'strikeOffWarnings'> & {
  unit: { id: number; name: string };
  strikeOffWarnings: (ComplianceResult['strikeOffWarnings'][number] & { unitName: string })[];
};

export async function meetingCompliance(db: Kysely<DB>, access: Access, q: ComplianceQuery): Promise<ComplianceReport> {
  // The cells counted are those under the unit that the caller may see: a grant on a
  // commune alone does not reach its cells' names, figures or absent members.
  const scope = access.scope('read');
  const unit = await db.selectFrom('units').select(['id', 'name', 'path']).where('id', '=', q.unitId)
    .where((eb) => unitInScope(scope, eb.ref('units.id'))).executeTakeFirst();
  if (!unit) throw notFound('entities.unit');
  const rules = (await meetingRulesFor(db, unit.id, q.asOf)).body.compliance;
  const prefix = `${unit.path}%`;
  const end = q.to < q.asOf ? q.to : q.asOf;
  const thisMonthStart = `${monthOf(q.asOf)}-01`;

  const [cells, meetings, counts, absences] = await Promise.all([
    db.selectFrom('units').select(['id', 'name', 'established_on', 'dissolved_on'])
      .where(sql<boolean>`path like ${prefix}`).where((eb) => unitInScope(scope, eb.ref('units.id')))
      .where('kind', 'in', [...CELL_KINDS]).orderBy('name').execute(),
    db.selectFrom('meetings as m').innerJoin('units as u', 'u.id', 'm.unit_id').leftJoin('meeting_quality as mq', 'mq.meeting_id', 'm.id')
      .select(['m.id', 'm.unit_id', 'm.kind', 'm.held_on', 'm.status', 'mq.grade',
        sql<boolean>`exists (select 1 from meeting_attendance a where a.meeting_id = m.id) or exists (select 1 from meeting_check_ins c where c.meeting_id = m.id)`.as('attendance_taken')])
      .where(sql<boolean>`u.path like ${prefix}`).where((eb) => unitInScope(scope, eb.ref('u.id'))).where('u.kind', 'in', [...CELL_KINDS])
      .where((eb) => eb.or([eb.and([eb('m.held_on', '>=', q.from), eb('m.held_on', '<=', end)]), eb('m.held_on', '>=', thisMonthStart)]))
      .execute(),
    sql<{ meeting_id: number; expected: number; present: number }>`${attendanceCte(prefix, q.from, end, scope)}
      select meeting_id, count(*) as expected, count(*) filter (where attendance = 'present') as present
      from eff group by meeting_id`.execute(db),
    sql<{ member_id: number; full_name: string; unit_id: number; held_on: string }>`${attendanceCte(prefix, q.from, end, scope)}
      select eff.member_id, mb.full_name, eff.unit_id, eff.held_on from eff join members mb on mb.id = eff.member_id
      where eff.attendance = 'absent_unexcused' order by eff.held_on`.execute(db),
  ]);
  const countOf = new Map(counts.rows.map((r) => [r.meeting_id, r]));

  const result = computeCompliance({
    from: q.from, to: q.to, asOf: q.asOf, rules,
    cells: cells.map((c) => ({ unitId: c.id, name: c.name, establishedOn: c.established_on, dissolvedOn: c.dissolved_on })),
    meetings: meetings.map((m) => {
      const n = countOf.get(m.id);
      const recorded = m.status === 'planned';
      return {
        unitId: m.unit_id, kind: m.kind as MeetingKind, heldOn: m.held_on, recorded,
        held: recorded && m.held_on <= q.asOf && m.attendance_taken,
        expected: n?.expected ?? 0, present: n?.present ?? 0, grade: (m.grade ?? null) as QualityGrade | null,
      };
    }),
    unexcusedAbsences: absences.rows.map((a) => ({ memberId: a.member_id, fullName: a.full_name, unitId: a.unit_id, heldOn: a.held_on })),
  });
  const cellName = new Map(cells.map((c) => [c.id, c.name]));
  return {
    unit: { id: unit.id, name: unit.name },
    ...result,
    strikeOffWarnings: result.strikeOffWarnings.map((w) => ({ ...w, unitName: cellName.get(w.unitId) ?? '' })),
  };
}
