// The organisation board's queue of identifier conflicts: an entry is seen by whoever may
// restructure BOTH units (write_units over the submitting unit and over the holder's
// cell: the board of their nearest common ancestor, or above), and resolved with a note.
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { conflict, notFound } from '../../http/app-error.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';

type ConflictsEb = ExpressionBuilder<DB & { c: DB['identifier_conflicts'] }, 'c'>;

function onBoardOf(access: Access, eb: ConflictsEb) {
  const scope = access.scope('write_units');
  return eb.and([unitInScope(scope, eb.ref('c.from_unit_id')), unitInScope(scope, eb.ref('c.existing_unit_id'))]);
}

export async function listConflicts(db: Kysely<DB>, access: Access, status: 'open' | 'resolved' | 'all') {
  const rows = await db
    .selectFrom('identifier_conflicts as c')
    .innerJoin('units as fu', 'fu.id', 'c.from_unit_id')
    .innerJoin('members as m', 'm.id', 'c.existing_member_id')
    .innerJoin('units as mu', 'mu.id', 'c.existing_unit_id')
    .leftJoin('users as s', 's.id', 'c.submitted_by')
    .leftJoin('users as r', 'r.id', 'c.resolved_by')
    .select([
      'c.id',
      'c.kind',
      'c.value',
      'c.source',
      'c.status',
      'c.created_at',
      'c.resolution_note',
      'c.resolved_at',
      'c.from_unit_id',
      'fu.name as from_unit_name',
      'c.existing_member_id',
      'm.full_name',
      'c.existing_unit_id',
      'mu.name as existing_unit_name',
      's.display_name as submitted_by',
      'r.display_name as resolved_by',
    ])
    .where((eb) => onBoardOf(access, eb))
    .$if(status !== 'all', (q) => q.where('c.status', '=', status as 'open' | 'resolved'))
    .orderBy('c.id', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    value: r.value,
    source: r.source,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    submittedBy: r.submitted_by,
    fromUnitId: r.from_unit_id,
    fromUnitName: r.from_unit_name,
    existingMemberId: r.existing_member_id,
    existingMemberName: r.full_name,
    existingUnitId: r.existing_unit_id,
    existingUnitName: r.existing_unit_name,
    resolutionNote: r.resolution_note,
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at ? r.resolved_at.toISOString() : null,
  }));
}

export async function resolveConflict(db: Kysely<DB>, access: Access, id: number, note: string) {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('identifier_conflicts as c')
      .select(['c.id', 'c.status', 'c.from_unit_id'])
      .where('c.id', '=', id)
      .where((eb) => onBoardOf(access, eb))
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('entities.record');
    if (row.status !== 'open') throw conflict('conflicts.already_resolved');
    await trx
      .updateTable('identifier_conflicts')
      .set({ status: 'resolved', resolution_note: note, resolved_by: access.userId, resolved_at: new Date() })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, access.userId, {
      action: 'identifier_conflict.resolve',
      entityType: 'identifier_conflict',
      entityId: id,
      unitId: row.from_unit_id,
      after: { status: 'resolved', note },
    });
  });
}
