// Who may see and who may manage a meeting, folded into SQL like every other access
// check (src/modules/access/access.ts): managers by the manage_meetings scope over the
// meeting's unit, readers by the read scope; a plain member sees the meetings of their
// own cell (through users.member_id), of their residence cell, those they are invited
// to as a guest, and the committee meetings of a committee they sit on.
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db, UnitKind } from '../../db/types.ts';
import { CELL_MEETING_KINDS, COMMITTEE_MEETING_KINDS } from '../../domain/meeting-rules.ts';
import { LEAVING_STATUSES } from '../../domain/member-status.ts';
import { AppError, notFound } from '../../http/app-error.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { sqlLiterals } from './meeting-roll.ts';

const CELL_KINDS_SQL = sqlLiterals(CELL_MEETING_KINDS);

export interface Viewer {
  access: Access;
  member: { id: number; unitId: number; unitKind: UnitKind; parentId: number | null } | null;
}

export async function viewerOf(db: Db, access: Access): Promise<Viewer> {
  return { access, member: access.memberId === null ? null : await memberLink(db, access.memberId) };
}

/**
 * The member behind an account (or a calendar token): their cell, for the member path.
 * None once they have left (struck off, expelled, transferred out, deceased): they no
 * longer see the cell's meetings.
 */
export async function memberLink(db: Db, memberId: number): Promise<Viewer['member']> {
  const row = await db
    .selectFrom('members as mb')
    .innerJoin('units as u', 'u.id', 'mb.unit_id')
    .select(['mb.id', 'mb.unit_id', 'u.kind', 'u.parent_id'])
    .where('mb.id', '=', memberId)
    .where('mb.status', 'not in', [...LEAVING_STATUSES])
    .executeTakeFirst();
  return row ? { id: row.id, unitId: row.unit_id, unitKind: row.kind, parentId: row.parent_id } : null;
}

/** SQL: the viewer may read meeting `m` (the alias must be `m`). */
export function meetingVisible(viewer: Viewer): Expression<SqlBool> {
  const byScope = unitInScope(viewer.access.scope('read'), sql.ref<number>('m.unit_id'));
  if (!viewer.member) return byScope;
  return sql<SqlBool>`(${byScope} or ${memberMeeting(viewer.member)})`;
}

/**
 * SQL: meeting `m` concerns this member personally — their own cell (or party group),
 * their residence cell, a meeting they are a guest of, a committee they sit on.
 */
export function memberMeeting(me: NonNullable<Viewer['member']>): Expression<SqlBool> {
  // A meeting of one of the cell's party groups concerns the members of that group on its
  // date (party_group_members), not the rest of the cell.
  const inGroup = sql`(m.party_group_id is null or exists (select 1 from party_group_members pg where pg.party_group_id = m.party_group_id
    and pg.member_id = ${me.id} and pg.valid_from <= m.held_on and (pg.valid_to is null or pg.valid_to > m.held_on)))`;
  // A member placed in a party group unit itself (older data) also belongs to the cell above it.
  const ownCell =
    me.unitKind === 'to_dang' && me.parentId !== null
      ? sql`(m.unit_id = ${me.unitId} or m.unit_id = ${me.parentId} or m.party_group_id = ${me.unitId})`
      : sql`(m.unit_id = ${me.unitId} and ${inGroup})`;
  return sql<SqlBool>`((m.kind in (${CELL_KINDS_SQL}) and ${ownCell})
    or ${memberRole(me, 'guest')} or ${memberRole(me, 'residence')} or ${memberRole(me, 'committee')})`;
}

/** SQL: the member's particular link to meeting `m`. */
export function memberRole(me: NonNullable<Viewer['member']>, role: 'guest' | 'residence' | 'committee'): Expression<SqlBool> {
  if (role === 'guest') return sql<SqlBool>`exists (select 1 from meeting_guests g where g.meeting_id = m.id and g.member_id = ${me.id})`;
  if (role === 'residence') {
    return sql<SqlBool>`(m.kind in (${CELL_KINDS_SQL}) and exists (select 1 from member_residence_links r where r.member_id = ${me.id}
      and r.unit_id = m.unit_id and r.valid_from <= m.held_on and (r.valid_to is null or r.valid_to > m.held_on)))`;
  }
  return sql<SqlBool>`(m.kind in (${sqlLiterals(COMMITTEE_MEETING_KINDS)}) and exists (select 1 from committee_members c where c.member_id = ${me.id}
    and c.unit_id = m.unit_id and c.valid_from <= m.held_on and (c.valid_to is null or c.valid_to > m.held_on)))`;
}

/** SQL: the caller may manage meeting `m`. */
export function meetingManageable(access: Access): Expression<SqlBool> {
  return unitInScope(access.scope('manage_meetings'), sql.ref<number>('m.unit_id'));
}

export async function findVisibleMeeting(db: Db, viewer: Viewer, id: number) {
  const row = await db.selectFrom('meetings as m').selectAll('m').where('m.id', '=', id).where(meetingVisible(viewer)).executeTakeFirst();
  if (!row) throw notFound('entities.meeting');
  return row;
}

/**
 * The meeting for a write. Not visible → 404, so its existence does not leak; visible
 * but not manageable (a plain member, a reader) → 403.
 */
export async function findManageableMeeting(db: Db, access: Access, id: number, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom('meetings as m').selectAll('m').where('m.id', '=', id).where(meetingManageable(access));
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (row) return row;
  const viewer = await viewerOf(db, access);
  const visible = await db.selectFrom('meetings as m').select('m.id').where('m.id', '=', id).where(meetingVisible(viewer)).executeTakeFirst();
  if (visible) throw new AppError('forbidden', 403);
  throw notFound('entities.meeting');
}

/**
 * The refusal for a meeting write on a unit the caller cannot manage: 403 when they may
 * read it (a committee member reads and attends but does not run meetings), 404 when they
 * may not even see it, so its existence does not leak.
 */
export async function unitRefusal(db: Db, access: Access, unitId: number): Promise<AppError> {
  const visible = await db
    .selectFrom('units')
    .select('id')
    .where('id', '=', unitId)
    .where((eb) => unitInScope(access.scope('read'), eb.ref('units.id')))
    .executeTakeFirst();
  return visible ? new AppError('forbidden', 403) : notFound('entities.unit');
}

/** The same for a record found only by reading (a residence link or request): 403 if the caller sees it, else 404. */
export function writeRefusal(visible: unknown, entity: string): AppError {
  return visible ? new AppError('forbidden', 403) : notFound(entity);
}
