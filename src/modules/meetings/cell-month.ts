// What a cell's months hold, read once for the home pages, the plan form's defaults and the
// yearly calendar: each regular meeting (sinh hoạt thường kỳ) with how far it went —
// notice sent, attendance taken (from the figures engine's meeting_facts), minutes,
// grade — and the last resolution with its tasks. Callers check access first.
import { sql } from 'kysely';
import type { Db, MeetingKind } from '../../db/types.ts';
import { isOverdue } from '../../domain/tasks.ts';
import { actionItemsOf, openTasksOn } from '../tasks/minutes-tasks.ts';

export interface MonthMeeting {
  id: number;
  unitId: number;
  kind: MeetingKind;
  heldOn: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  topic: string;
  noticeSent: boolean;
  attendanceTaken: boolean;
  minutes: 'none' | 'draft' | 'adopted';
  graded: boolean;
}

/** The cells' meetings of the given kinds dated in [from, to] and not cancelled, oldest first. */
export async function cellMeetings(db: Db, unitIds: readonly number[], from: string, to: string, kinds: readonly MeetingKind[]): Promise<MonthMeeting[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('meetings as m')
    .leftJoin('meeting_facts as f', 'f.meeting_id', 'm.id')
    .leftJoin('meeting_minutes as mm', 'mm.meeting_id', 'm.id')
    .select([
      'm.id',
      'm.unit_id',
      'm.kind',
      'm.held_on',
      'm.starts_at',
      'm.ends_at',
      'm.place',
      'm.topic',
      sql<boolean>`coalesce(f.attendance_taken, false)`.as('attendance_taken'),
      sql<boolean>`exists (select 1 from meeting_notice_batches b where b.meeting_id = m.id and b.dedupe_key like 'meeting_planned:%')`.as('notice_sent'),
      sql<boolean>`exists (select 1 from meeting_quality q where q.meeting_id = m.id)`.as('graded'),
      sql<'none' | 'draft' | 'adopted'>`case when mm.meeting_id is null then 'none' when mm.adopted_at is null then 'draft' else 'adopted' end`.as('minutes'),
    ])
    .where('m.unit_id', 'in', [...unitIds])
    .where('m.status', '=', 'planned')
    .where('m.kind', 'in', [...kinds])
    .where('m.held_on', '>=', from)
    .where('m.held_on', '<=', to)
    .orderBy('m.held_on')
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    kind: r.kind as MeetingKind,
    heldOn: r.held_on,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    place: r.place,
    topic: r.topic,
    noticeSent: r.notice_sent,
    attendanceTaken: r.attendance_taken,
    minutes: r.minutes,
    graded: r.graded,
  }));
}

export interface PreviousResolution {
  meetingId: number;
  heldOn: string;
  resolutionItems: string[];
  actionItems: { id: number; assignee: string; description: string; dueOn: string | null; status: 'open' | 'done'; overdue: boolean }[];
}

/**
 * The resolution of the cell's last regular meeting before `before` that has minutes
 * (adopted, or a draft when none is adopted), with the tasks it set.
 */
export async function previousResolution(db: Db, unitId: number, before: string, today: string): Promise<PreviousResolution | null> {
  const last = await db
    .selectFrom('meetings as m')
    .innerJoin('meeting_minutes as mm', 'mm.meeting_id', 'm.id')
    .select(['m.id', 'm.held_on', 'mm.content'])
    .where('m.unit_id', '=', unitId)
    .where('m.kind', '=', 'regular')
    .where('m.status', '=', 'planned')
    .where('m.held_on', '<', before)
    .orderBy('m.held_on', 'desc')
    .orderBy('m.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!last) return null;
  const items = await actionItemsOf(db, [last.id]);
  const content = (last.content ?? {}) as { resolutionItems?: string[] };
  return {
    meetingId: last.id,
    heldOn: last.held_on,
    resolutionItems: content.resolutionItems ?? [],
    actionItems: items.map((i) => ({
      id: i.id,
      assignee: i.assignee,
      description: i.description,
      dueOn: i.dueOn,
      status: i.status,
      overdue: isOverdue(i, today),
    })),
  };
}

/** The cell's open tasks whose due date has passed (from the minutes or assigned directly), oldest first. */
export async function overdueActionItems(db: Db, unitId: number, today: string) {
  const rows = await openTasksOn(db, unitId, today, { overdueOnly: true });
  return rows.map(({ overdue: _, ...r }) => ({ ...r, dueOn: r.dueOn! }));
}
