// The topic bank (ngân hàng chuyên đề) for thematic meetings: topics a committee
// publishes to every unit below it, and topics a unit writes for itself. The list shows
// which units (within the caller's read scope) have used each topic.

import { type Kysely, sql } from 'kysely';
import type { DB, Db } from '../../db/types.ts';
import { badRequest } from '../../http/app-error.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { unitInScopeOr404 } from '../access/unit-in-scope-or-404.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { unitRefusal } from './meeting-access.ts';

/** SQL: topic `t` (joined with its unit as `tu`) is offered to unit `u`. */
const offeredTo = sql<boolean>`(t.unit_id = u.id or (t.published and u.path like tu.path || '%'))`;

/** A topic the unit may pick for a meeting: its own, or published above it (400 otherwise). */
export async function findUsableTopic(db: Db, topicId: number, unitId: number) {
  const topic = await db
    .selectFrom('meeting_topics as t')
    .innerJoin('units as tu', 'tu.id', 't.unit_id')
    .innerJoin('units as u', (j) => j.on('u.id', '=', unitId))
    .select(['t.id', 't.title'])
    .where('t.id', '=', topicId)
    .where(offeredTo)
    .executeTakeFirst();
  if (!topic) throw badRequest('meetings.topic_not_available', {}, [{ path: 'body.topicId', message: 'meetings.topic_not_available' }]);
  return topic;
}

export interface TopicOut {
  id: number;
  title: string;
  summary: string | null;
  unitId: number;
  unitName: string;
  published: boolean;
  createdAt: string;
  usedBy: { unitId: number; unitName: string; meetings: number; lastHeldOn: string }[];
}

export async function listTopics(db: Kysely<DB>, access: Access, unitId: number): Promise<TopicOut[]> {
  await unitInScopeOr404(db, access.scope('read'), unitId);
  const topics = await db
    .selectFrom('meeting_topics as t')
    .innerJoin('units as tu', 'tu.id', 't.unit_id')
    .innerJoin('units as u', (j) => j.on('u.id', '=', unitId))
    .select(['t.id', 't.title', 't.summary', 't.unit_id', 'tu.name as unit_name', 't.published', 't.created_at'])
    .where(offeredTo)
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(500)
    .execute();
  if (topics.length === 0) return [];
  const usage = await db
    .selectFrom('meetings as m')
    .innerJoin('units as mu', 'mu.id', 'm.unit_id')
    .select(['m.topic_id', 'm.unit_id', 'mu.name', sql<number>`count(*)`.as('n'), sql<string>`max(m.held_on)::text`.as('last')])
    .where(
      'm.topic_id',
      'in',
      topics.map((t) => t.id),
    )
    .where('m.status', '=', 'planned')
    .where((eb) => unitInScope(access.scope('read'), eb.ref('m.unit_id')))
    .groupBy(['m.topic_id', 'm.unit_id', 'mu.name'])
    .orderBy('mu.name')
    .execute();
  return topics.map((t) => ({
    id: t.id,
    title: t.title,
    summary: t.summary,
    unitId: t.unit_id,
    unitName: t.unit_name,
    published: t.published,
    createdAt: t.created_at.toISOString(),
    usedBy: usage.filter((u) => u.topic_id === t.id).map((u) => ({ unitId: u.unit_id, unitName: u.name, meetings: u.n, lastHeldOn: u.last })),
  }));
}

export async function createTopic(db: Kysely<DB>, access: Access, input: { unitId: number; title: string; summary?: string | null; published: boolean }) {
  return db.transaction().execute(async (trx) => {
    const unit = await trx
      .selectFrom('units')
      .select('id')
      .where('id', '=', input.unitId)
      .where((eb) => unitInScope(access.scope('manage_meetings'), eb.ref('units.id')))
      .executeTakeFirst();
    if (!unit) throw await unitRefusal(trx, access, input.unitId);
    const row = await trx
      .insertInto('meeting_topics')
      .values({
        unit_id: input.unitId,
        title: input.title,
        summary: input.summary ?? null,
        published: input.published,
        created_by: access.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, access.userId, { action: 'meeting_topic.create', entityType: 'meeting_topic', entityId: row.id, unitId: input.unitId, after: input });
    return row.id;
  });
}
