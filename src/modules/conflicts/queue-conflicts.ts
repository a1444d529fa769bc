// A card or citizen ID number submitted in one unit that a member outside the submitter's
// scope already holds. The submitter gets one answer whatever the other record is (no
// name, no unit: party membership is sensitive personal data), and the conflict is queued
// for the organisation board above both units, with an audit row that carries no
// personal data.
import type { ConflictSource, Db, IdentifierKind } from '../../db/types.ts';
import { AppError } from '../../http/app-error.ts';
import { writeAudit } from '../audit/write-audit.ts';

export interface HeldElsewhere {
  kind: IdentifierKind;
  value: string;
  existingMemberId: number;
  existingUnitId: number;
}
export interface ConflictContext {
  userId: number | null;
  fromUnitId: number;
  source: ConflictSource;
}

/** The one answer for an identifier held outside the caller's scope: same status, same body, every time. */
export class NeedsBoard extends AppError {
  readonly context: ConflictContext;
  readonly held: HeldElsewhere[];

  constructor(context: ConflictContext, held: HeldElsewhere[]) {
    super('members.identifier_needs_board', 409);
    this.context = context;
    this.held = held;
  }
}

/** Queues each conflict (once while open) and audits it; returns how many were raised. */
export async function queueConflicts(trx: Db, context: ConflictContext, held: readonly HeldElsewhere[]): Promise<number> {
  for (const h of held) {
    const row = await trx
      .insertInto('identifier_conflicts')
      .values({
        kind: h.kind,
        value: h.value,
        source: context.source,
        submitted_by: context.userId,
        from_unit_id: context.fromUnitId,
        existing_member_id: h.existingMemberId,
        existing_unit_id: h.existingUnitId,
      })
      .onConflict((oc) =>
        oc
          .columns(['kind', 'value', 'from_unit_id', 'existing_member_id'])
          .where('status', '=', 'open')
          // Already queued and open: the same entry, raised again (the audit row says so).
          .doUpdateSet((eb) => ({ created_at: eb.ref('identifier_conflicts.created_at') })),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, context.userId, {
      action: 'identifier_conflict.raise',
      entityType: 'identifier_conflict',
      entityId: row.id,
      unitId: context.fromUnitId,
      after: { kind: h.kind, source: context.source },
    });
  }
  return held.length;
}
