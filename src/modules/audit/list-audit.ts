// The audit trail for admins: who did what, where and when, filtered by unit (with the
// units under it), person (the account that acted), action, record and dates, newest first,
// a page at a time. Rows are limited in SQL to the reader's read_audit scope; rows tied to
// no unit (accounts, logins) only for an admin of a whole tree.
import { type Kysely, sql } from 'kysely';
import { escapeLike } from '../../db/escape-like.ts';
import type { DB } from '../../db/types.ts';
import { type Access, isRootAdmin, requirePermission, unitInScope } from '../access/access.ts';
import { resolveAuditNames } from './resolve-names.ts';

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  unitId?: number;
  actor?: string;
  /** An action ('member.update'), or a group of them ending in a dot ('member.'). */
  action?: string;
  from?: string;
  to?: string;
  before?: number;
  limit: number;
}

export async function listAudit(db: Kysely<DB>, access: Access, f: AuditFilter) {
  requirePermission(access, 'read_audit');
  const scope = access.scope('read_audit');
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('users as usr', 'usr.id', 'a.actor_user_id')
    .select(['a.id', 'a.at', 'usr.username', 'usr.display_name', 'a.action', 'a.entity_type', 'a.entity_id', 'a.unit_id', 'a.before', 'a.after'])
    .where((eb) => eb.or([unitInScope(scope, eb.ref('a.unit_id')), eb.and([eb('a.unit_id', 'is', null), sql<boolean>`${isRootAdmin(access)}`])]));
  if (f.entityType) q = q.where('a.entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('a.entity_id', '=', f.entityId);
  if (f.unitId !== undefined) {
    const unitId = f.unitId;
    // The unit and every unit under it today; a unit out of scope simply matches no row.
    q = q.where((eb) =>
      eb(
        'a.unit_id',
        'in',
        eb
          .selectFrom('units as fu')
          .innerJoin('units as top', (j) => j.on('top.id', '=', unitId))
          .select('fu.id')
          // Paths are digits and slashes ('/1/5/23/'): nothing in them acts as a wildcard.
          .where(sql<boolean>`fu.path like top.path || '%'`),
      ),
    );
  }
  if (f.actor) q = q.where('usr.username', '=', f.actor.trim().toLowerCase());
  if (f.action) q = f.action.endsWith('.') ? q.where('a.action', 'like', `${escapeLike(f.action)}%`) : q.where('a.action', '=', f.action);
  // Dates are days in Việt Nam (UTC+7), whatever the server's time zone.
  if (f.from) q = q.where('a.at', '>=', sql<Date>`(${f.from}::date)::timestamp at time zone 'Asia/Ho_Chi_Minh'`);
  if (f.to) q = q.where('a.at', '<', sql<Date>`(${f.to}::date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'`);
  if (f.before !== undefined) q = q.where('a.id', '<', f.before);
  const rows = await q
    .orderBy('a.id', 'desc')
    .limit(f.limit + 1)
    .execute();
  const page = rows.slice(0, f.limit);
  const rowRefs = page.map((r) => ({ entityType: r.entity_type, entityId: r.entity_id, unitId: r.unit_id, before: r.before, after: r.after }));
  const names = await resolveAuditNames(db, access, rowRefs);
  return {
    items: page.map((r) => ({
      id: Number(r.id),
      at: r.at.toISOString(),
      actor: r.username,
      actorName: r.display_name ?? null,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      unitId: r.unit_id,
      before: r.before,
      after: r.after,
    })),
    names,
    nextBefore: rows.length > f.limit ? Number(page[page.length - 1]!.id) : null,
  };
}
