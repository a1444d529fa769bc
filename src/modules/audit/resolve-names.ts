// Names for the ids an audit row holds (its record, its unit, and the unit, member and
// account ids inside before/after), so the trail reads "Chi bộ Thôn An → Chi bộ Thôn Bình"
// instead of "9 → 7". One resolver for the audit page and a member's history. A unit or
// member the reader may not read keeps no name (the web says "outside your units"), so a
// row about a transfer out of one's communes names nothing beyond it.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { collectRefs, type RefKind, refKey } from '../../domain/audit-refs.ts';
import { MAX_RECORD_ID } from '../../http/record-id.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { memberReadable } from '../members/member-access.ts';

export interface AuditRowRefs {
  entityType: string;
  entityId: string;
  unitId: number | null;
  before: unknown;
  after: unknown;
}

/** 'unit:9' → 'Chi bộ Thôn An', for every id the rows refer to that the reader may read. */
export async function resolveAuditNames(db: Kysely<DB>, access: Access, rows: AuditRowRefs[]): Promise<Record<string, string>> {
  const refs = new Map<RefKind, Set<number>>();
  const add = (kind: RefKind, id: number | string | null) => {
    const n = Number(id);
    if (id === null || !Number.isSafeInteger(n) || n <= 0 || n > MAX_RECORD_ID) return;
    refs.set(kind, (refs.get(kind) ?? new Set<number>()).add(n));
  };
  for (const r of rows) {
    if (r.entityType === 'unit' || r.entityType === 'member' || r.entityType === 'user') add(r.entityType, r.entityId);
    add('unit', r.unitId);
    collectRefs(r.before, refs);
    collectRefs(r.after, refs);
  }
  const names: Record<string, string> = {};
  const units = [...(refs.get('unit') ?? [])];
  if (units.length) {
    const found = await db
      .selectFrom('units as u')
      .select(['u.id', 'u.name'])
      .where('u.id', 'in', units)
      .where((eb) => eb.or([unitInScope(access.scope('read'), eb.ref('u.id')), unitInScope(access.scope('read_audit'), eb.ref('u.id'))]))
      .execute();
    for (const u of found) names[refKey('unit', u.id)] = u.name;
  }
  const members = [...(refs.get('member') ?? [])];
  if (members.length) {
    const found = await db
      .selectFrom('members as m')
      .select(['m.id', 'm.full_name'])
      .where('m.id', 'in', members)
      .where((eb) => memberReadable(access, eb))
      .execute();
    for (const m of found) names[refKey('member', m.id)] = m.full_name;
  }
  const users = [...(refs.get('user') ?? [])];
  if (users.length && access.can('manage_users')) {
    const found = await db.selectFrom('users').select(['id', 'username', 'display_name']).where('id', 'in', users).execute();
    for (const u of found) names[refKey('user', u.id)] = u.display_name ? `${u.display_name} (${u.username})` : u.username;
  }
  return names;
}
