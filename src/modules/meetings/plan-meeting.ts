// Planning a meeting: the secretary (manage_meetings over the unit) sets the date, time,
// place, kind and topic; the agenda is prefilled from the rule set in force (editable);
// a regular meeting names its 2–3 focal issues; a committee pre-meeting names the cell
// meeting it prepares. The meeting gets its check-in code and QR secret here.
import type { Kysely } from 'kysely';
import type { DB, Db, MeetingKind, UnitKind } from '../../db/types.ts';
import { formatDateVi, lastDayOfMonth } from '../../domain/calendar.ts';
import { CELL_MEETING_KINDS, type MeetingRules, standardAgenda } from '../../domain/meeting-rules.ts';
import { monthOf, vnDateTime } from '../../domain/meeting-time.ts';
import { CELL_KINDS } from '../../domain/unit-tree.ts';
import { AppError, badRequest } from '../../http/app-error.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { newCheckInSecret, uniqueCheckInCode } from './check-in-token.ts';
import { unitRefusal } from './meeting-access.ts';
import type { PlanMeetingInput } from './schemas.ts';
import { findUsableTopic } from './topic-bank.ts';
import { meetingRulesFor } from './unit-rule-sets.ts';

/** Which kinds of unit hold which kinds of meeting. */
export function kindFitsUnit(kind: MeetingKind, unitKind: UnitKind): boolean {
  const isCell = CELL_KINDS.includes(unitKind);
  if (kind === 'regular' || kind === 'thematic' || kind === 'committee') return isCell;
  if (kind === 'grassroots_committee' || kind === 'briefing') return !isCell && unitKind !== 'to_dang';
  return unitKind !== 'to_dang';
}

export function checkTimes(startTime: string, endTime: string) {
  if (endTime <= startTime) throw badRequest('meetings.end_before_start', {}, [{ path: 'body.endTime', message: 'meetings.end_before_start' }]);
}

export function checkFocalIssues(kind: MeetingKind, focalIssues: readonly string[], rules: MeetingRules) {
  if (kind !== 'regular') return;
  const { min, max } = rules.focalIssues;
  if (focalIssues.length < min || focalIssues.length > max) {
    throw badRequest('meetings.focal_issues_count', { min, max }, [{ path: 'body.focalIssues', message: 'meetings.focal_issues_count', params: { min, max } }]);
  }
}

/** A party group's meeting: a group of this cell that exists on the meeting's date. */
export async function checkPartyGroup(db: Db, unitId: number, partyGroupId: number | null | undefined, on: string) {
  if (!partyGroupId) return;
  const group = await db
    .selectFrom('unit_versions')
    .select('unit_id')
    .where('unit_id', '=', partyGroupId)
    .where('parent_id', '=', unitId)
    .where('kind', '=', 'to_dang')
    .where('valid_from', '<=', on)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', on)]))
    .executeTakeFirst();
  if (!group) throw badRequest('meetings.bad_party_group', {}, [{ path: 'body.partyGroupId', message: 'meetings.bad_party_group' }]);
}

/**
 * HD 12: one regular meeting (sinh hoạt thường kỳ) a month for a cell (or for each of its
 * party groups); another meeting that month is an extraordinary one (bất thường), which
 * the secretary plans as such. `except` is the meeting being moved. Callers hold the
 * unit's row lock, so two plans sent at once cannot both pass.
 */
export async function checkOneRegularInMonth(
  db: Db,
  m: { unitId: number; partyGroupId: number | null; kind: MeetingKind; date: string },
  except: number | null = null,
) {
  if (m.kind !== 'regular') return;
  const month = monthOf(m.date);
  let query = db
    .selectFrom('meetings')
    .select(['id', 'held_on'])
    .where('unit_id', '=', m.unitId)
    .where('kind', '=', 'regular')
    .where('status', '=', 'planned')
    .where('held_on', '>=', `${month}-01`)
    .where('held_on', '<=', lastDayOfMonth(month))
    .where((eb) => (m.partyGroupId === null ? eb('party_group_id', 'is', null) : eb('party_group_id', '=', m.partyGroupId)));
  if (except !== null) query = query.where('id', '<>', except);
  const other = await query.orderBy('held_on').executeTakeFirst();
  if (other) {
    const params = { month: `${month.slice(5, 7)}/${month.slice(0, 4)}`, date: formatDateVi(other.held_on) };
    throw new AppError('meetings.second_regular_in_month', 409, params, [{ path: 'body.date', message: 'meetings.second_regular_in_month', params }]);
  }
}

async function checkPrepares(db: Db, input: PlanMeetingInput) {
  if (!input.preparesMeetingId) return;
  if (input.kind !== 'committee')
    throw badRequest('meetings.prepares_only_committee', {}, [{ path: 'body.preparesMeetingId', message: 'meetings.prepares_only_committee' }]);
  const target = await db.selectFrom('meetings').select(['unit_id', 'held_on', 'kind']).where('id', '=', input.preparesMeetingId).executeTakeFirst();
  if (!target || target.unit_id !== input.unitId || !CELL_MEETING_KINDS.includes(target.kind)) {
    throw badRequest('meetings.bad_prepared_meeting', {}, [{ path: 'body.preparesMeetingId', message: 'meetings.bad_prepared_meeting' }]);
  }
  if (input.date > target.held_on) throw badRequest('meetings.pre_meeting_after', {}, [{ path: 'body.date', message: 'meetings.pre_meeting_after' }]);
}

export async function planMeeting(db: Kysely<DB>, access: Access, input: PlanMeetingInput): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const unit = await trx
      .selectFrom('units')
      .select(['id', 'kind'])
      .where('id', '=', input.unitId)
      .where('dissolved_on', 'is', null)
      .where((eb) => unitInScope(access.scope('manage_meetings'), eb.ref('units.id')))
      .forUpdate()
      .executeTakeFirst();
    if (!unit) throw await unitRefusal(trx, access, input.unitId);
    if (!kindFitsUnit(input.kind, unit.kind)) throw new AppError('meetings.kind_not_for_unit', 400, { kind: `meetings.kinds.${input.kind}` });
    checkTimes(input.startTime, input.endTime);
    await checkPartyGroup(trx, unit.id, input.partyGroupId, input.date);
    await checkPrepares(trx, input);
    await checkOneRegularInMonth(trx, { unitId: unit.id, partyGroupId: input.partyGroupId ?? null, kind: input.kind, date: input.date });
    const rules = await meetingRulesFor(trx, unit.id, input.date);
    checkFocalIssues(input.kind, input.focalIssues, rules.body);

    let topic = input.topic;
    if (input.topicId) {
      const picked = await findUsableTopic(trx, input.topicId, unit.id);
      topic ??= picked.title;
    }
    if (!topic) throw badRequest('validation', {}, [{ path: 'body.topic', message: 'fields.required' }]);

    const agenda = input.agenda ?? standardAgenda(rules.body, input.kind).map((title) => ({ title, note: null }));
    const row = await trx
      .insertInto('meetings')
      .values({
        unit_id: unit.id,
        party_group_id: input.partyGroupId ?? null,
        kind: input.kind,
        held_on: input.date,
        starts_at: vnDateTime(input.date, input.startTime),
        ends_at: vnDateTime(input.date, input.endTime),
        place: input.place,
        topic,
        topic_id: input.topicId ?? null,
        focal_issues: JSON.stringify(input.focalIssues),
        agenda: JSON.stringify(agenda),
        prepares_meeting_id: input.preparesMeetingId ?? null,
        check_in_code: await uniqueCheckInCode(trx, input.date),
        check_in_secret: newCheckInSecret(),
        created_by: access.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, access.userId, {
      action: 'meeting.plan',
      entityType: 'meeting',
      entityId: row.id,
      unitId: unit.id,
      after: { ...input, topic, agenda, ruleSet: `${rules.code}@${rules.version}` },
    });
    return row.id;
  });
}
