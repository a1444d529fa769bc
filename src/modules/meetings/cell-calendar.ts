// A cell's meeting calendar for a year: per month, its meetings (regular, thematic,
// extraordinary) each as planned, held (attendance taken on or before today) or adopted,
// with the grade — what a secretary or the commune reads at a glance, month by month.
import type { Db } from '../../db/types.ts';
import { todayInVietnam } from '../../domain/calendar.ts';
import { CELL_MEETING_KINDS } from '../../domain/meeting-rules.ts';
import type { Access } from '../access/access.ts';
import { unitInScopeOr404 } from '../access/unit-in-scope-or-404.ts';
import { cellMeetings } from './cell-month.ts';

export type CalendarState = 'planned' | 'held' | 'adopted';

export async function cellCalendar(db: Db, access: Access, unitId: number, year: number, now: Date) {
  const unit = await unitInScopeOr404(db, access.scope('read'), unitId);
  const today = todayInVietnam(now);
  const meetings = await cellMeetings(db, [unit.id], `${year}-01-01`, `${year}-12-31`, CELL_MEETING_KINDS);
  const grades = new Map(
    (meetings.length
      ? await db
          .selectFrom('meeting_quality')
          .select(['meeting_id', 'grade'])
          .where(
            'meeting_id',
            'in',
            meetings.map((m) => m.id),
          )
          .execute()
      : []
    ).map((g) => [g.meeting_id, g.grade]),
  );
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  return {
    unit: { id: unit.id, name: unit.name, kind: unit.kind },
    year,
    today,
    months: months.map((month) => ({
      month,
      meetings: meetings
        .filter((m) => m.heldOn.startsWith(month))
        .map((m) => ({
          id: m.id,
          kind: m.kind,
          heldOn: m.heldOn,
          state: (m.minutes === 'adopted' ? 'adopted' : m.attendanceTaken && m.heldOn <= today ? 'held' : 'planned') as CalendarState,
          grade: (grades.get(m.id) ?? null) as 'tot' | 'kha' | 'trung_binh' | 'kem' | null,
        })),
    })),
  };
}
