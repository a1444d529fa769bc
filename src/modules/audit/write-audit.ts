// The one audit writer: every write calls it inside its own transaction, so a change and
// its audit row land together or not at all.

import type { Db } from '../../db/types.ts';
import type { AuditAction } from '../../domain/audit-actions.ts';

export interface AuditEntry {
  action: AuditAction; // 'member.create', 'member.read', 'unit.merge', … (the list in domain/audit-actions.ts)
  entityType: string; // 'member', 'unit', 'user', …
  entityId: string | number;
  unitId?: number | null;
  before?: unknown;
  after?: unknown;
}

export async function writeAudit(trx: Db, actorUserId: number | null, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      actor_user_id: actorUserId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: String(entry.entityId),
      unit_id: entry.unitId ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}
