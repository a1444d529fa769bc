// The residence cell's yearly comment on a working member (QĐ 213-QĐ/TW, HD 33-HD/BTCTW):
// each year the work-place organisation asks, for every member linked to a residence cell,
// the residence cell's comment; the residence cell answers on the form (keeps contact,
// fulfils citizen's duties where they live, and its comment in words). Members in the HD 33
// categories (armed forces in barracks, students far from home, full-time study ≥ 12 months)
// are introduced but not asked: their link is marked, and the request leaves them out.
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { DB, Db, Hd33Category } from '../../db/types.ts';
import { isLeaving, LEAVING_STATUSES } from '../../domain/member-status.ts';
import { conflict } from '../../http/app-error.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { unitInScopeOr404 } from '../access/unit-in-scope-or-404.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { unitRefusal, writeRefusal } from '../meetings/meeting-access.ts';
import type { answerCommentBody } from './schemas.ts';

/** The work place marks a link as one of HD 33's categories (or clears the mark). */
export async function markLinkCategory(db: Kysely<DB>, access: Access, linkId: number, category: Hd33Category | null) {
  return db.transaction().execute(async (trx) => {
    const link = await trx
      .selectFrom('member_residence_links as r')
      .innerJoin('members as m', 'm.id', 'r.member_id')
      .select(['r.id', 'r.member_id', 'r.unit_id', 'r.hd33_category', 'm.unit_id as work_unit_id', 'm.status'])
      .where('r.id', '=', linkId)
      .where((eb) => unitInScope(access.scope('write_members'), eb.ref('m.unit_id')))
      .executeTakeFirst();
    if (!link) {
      const seen = await trx
        .selectFrom('member_residence_links as r')
        .innerJoin('members as m', 'm.id', 'r.member_id')
        .select('r.id')
        .where('r.id', '=', linkId)
        .where((eb) => eb.or([unitInScope(access.scope('read'), eb.ref('m.unit_id')), unitInScope(access.scope('read'), eb.ref('r.unit_id'))]))
        .executeTakeFirst();
      throw writeRefusal(seen, 'entities.record');
    }
    if (isLeaving(link.status)) throw conflict('life.member_has_left');
    await trx.updateTable('member_residence_links').set({ hd33_category: category }).where('id', '=', linkId).execute();
    await writeAudit(trx, access.userId, {
      action: 'residence_link.category',
      entityType: 'member',
      entityId: link.member_id,
      unitId: link.work_unit_id,
      before: { linkId, category: link.hd33_category },
      after: { linkId, category },
    });
    return { id: linkId, category };
  });
}

/**
 * The work-place organisation (a cell, or a committee for the cells under it) asks for the
 * year's comments: one request per link in force during the year of a member now under it,
 * except the HD 33 categories; a link already asked this year is not asked twice.
 */
export async function requestResidenceComments(db: Kysely<DB>, access: Access, input: { unitId: number; year: number; requestedOn: string }) {
  return db.transaction().execute(async (trx) => {
    const unit = await trx
      .selectFrom('units')
      .select(['id', 'path'])
      .where('id', '=', input.unitId)
      .where((eb) => unitInScope(access.scope('write_members'), eb.ref('units.id')))
      .executeTakeFirst();
    if (!unit) throw await unitRefusal(trx, access, input.unitId);
    const [yearStart, yearEnd] = [`${input.year}-01-01`, `${input.year}-12-31`];
    const links = await trx
      .selectFrom('member_residence_links as r')
      .innerJoin('members as m', 'm.id', 'r.member_id')
      .innerJoin('units as wu', 'wu.id', 'm.unit_id')
      .leftJoin('residence_comments as c', (join) => join.onRef('c.link_id', '=', 'r.id').on('c.year', '=', input.year))
      .select(['r.id', 'r.member_id', 'r.unit_id', 'r.hd33_category', 'm.unit_id as work_unit_id', 'c.id as comment_id'])
      .where('wu.path', 'like', `${unit.path}%`)
      .where((eb) => unitInScope(access.scope('write_members'), eb.ref('m.unit_id')))
      .where('m.status', 'not in', LEAVING_STATUSES)
      .where('r.valid_from', '<=', yearEnd)
      .where((eb) => eb.or([eb('r.valid_to', 'is', null), eb('r.valid_to', '>', yearStart)]))
      .execute();
    const toAsk = links.filter((l) => l.hd33_category === null && l.comment_id === null);
    if (toAsk.length > 0) {
      await trx
        .insertInto('residence_comments')
        .values(
          toAsk.map((l) => ({
            link_id: l.id,
            member_id: l.member_id,
            residence_unit_id: l.unit_id,
            work_unit_id: l.work_unit_id,
            year: input.year,
            requested_on: input.requestedOn,
            requested_by: access.userId,
          })),
        )
        .execute();
    }
    const counts = {
      requested: toAsk.length,
      alreadyAsked: links.filter((l) => l.hd33_category === null && l.comment_id !== null).length,
      notAsked: links.filter((l) => l.hd33_category !== null).length,
    };
    await writeAudit(trx, access.userId, {
      action: 'residence_comment.request',
      entityType: 'unit',
      entityId: unit.id,
      unitId: unit.id,
      after: { year: input.year, requestedOn: input.requestedOn, ...counts },
    });
    return counts;
  });
}

/** The residence cell answers on the form; it may correct its answer until the year's grading reads it. */
export async function answerResidenceComment(db: Kysely<DB>, access: Access, id: number, input: z.infer<typeof answerCommentBody>) {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('residence_comments as c')
      .select(['c.id', 'c.member_id', 'c.residence_unit_id', 'c.year', 'c.requested_on', 'c.comment'])
      .where('c.id', '=', id)
      .where((eb) => unitInScope(access.scope('manage_meetings'), eb.ref('c.residence_unit_id')))
      .forUpdate()
      .executeTakeFirst();
    if (!row) {
      const seen = await trx
        .selectFrom('residence_comments as c')
        .select('c.id')
        .where('c.id', '=', id)
        .where((eb) => eb.or([unitInScope(access.scope('read'), eb.ref('c.residence_unit_id')), unitInScope(access.scope('read'), eb.ref('c.work_unit_id'))]))
        .executeTakeFirst();
      throw writeRefusal(seen, 'entities.record');
    }
    if (input.answeredOn < row.requested_on) throw conflict('life.answer_before_request');
    await trx
      .updateTable('residence_comments')
      .set({
        keeps_contact: input.keepsContact,
        fulfils_citizen_duties: input.fulfilsCitizenDuties,
        comment: input.comment,
        answered_on: input.answeredOn,
        answered_by: access.userId,
      })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, access.userId, {
      action: 'residence_comment.answer',
      entityType: 'member',
      entityId: row.member_id,
      unitId: row.residence_unit_id,
      before: row.comment === null ? null : { comment: row.comment },
      after: {
        commentId: id,
        year: row.year,
        keepsContact: input.keepsContact,
        fulfilsCitizenDuties: input.fulfilsCitizenDuties,
        answeredOn: input.answeredOn,
      },
    });
    const [out] = (await commentRows(trx, access).where('c.id', '=', id).execute()).map(commentOutOf);
    return out!;
  });
}

function commentRows(db: Db, access: Access) {
  return db
    .selectFrom('residence_comments as c')
    .innerJoin('members as m', 'm.id', 'c.member_id')
    .innerJoin('units as ru', 'ru.id', 'c.residence_unit_id')
    .innerJoin('units as wu', 'wu.id', 'c.work_unit_id')
    .select((eb) => [
      'c.id',
      'c.year',
      'm.full_name',
      'c.member_id',
      'c.residence_unit_id',
      'ru.name as residence_unit_name',
      'wu.name as work_unit_name',
      'c.requested_on',
      'c.keeps_contact',
      'c.fulfils_citizen_duties',
      'c.comment',
      'c.answered_on',
      sql<boolean>`${unitInScope(access.scope('read'), eb.ref('m.unit_id'))}`.as('member_readable'),
      sql<boolean>`${unitInScope(access.scope('manage_meetings'), eb.ref('c.residence_unit_id'))}`.as('can_answer'),
    ]);
}
type CommentRow = Awaited<ReturnType<ReturnType<typeof commentRows>['executeTakeFirstOrThrow']>>;
const commentOutOf = (r: CommentRow) => ({
  id: r.id,
  year: r.year,
  fullName: r.full_name,
  memberId: r.member_readable ? r.member_id : null,
  residenceUnitId: r.residence_unit_id,
  residenceUnitName: r.residence_unit_name,
  workUnitName: r.work_unit_name,
  requestedOn: r.requested_on,
  keepsContact: r.keeps_contact,
  fulfilsCitizenDuties: r.fulfils_citizen_duties,
  comment: r.comment,
  answeredOn: r.answered_on,
  canAnswer: r.can_answer,
});

/** The year's requests: those a residence cell (under the unit) is asked to answer, or those the work place (under the unit) asked. */
export async function listResidenceComments(db: Db, access: Access, unitId: number, year: number, side: 'residence' | 'work') {
  const unit = await unitInScopeOr404(db, access.scope('read'), unitId);
  const end = side === 'residence' ? 'ru' : 'wu';
  const rows = await commentRows(db, access)
    .where('c.year', '=', year)
    .where(`${end}.path`, 'like', `${unit.path}%`)
    .where((eb) => unitInScope(access.scope('read'), eb.ref(`${end}.id`)))
    .orderBy(sql`c.answered_on is null`, 'desc')
    .orderBy('m.sort_key')
    .orderBy('c.id')
    .limit(2000)
    .execute();
  return { items: rows.map(commentOutOf) };
}
