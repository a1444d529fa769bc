// The restructuring events that touched a unit, newest first: its creation, renames,
// moves, and the merges, splits and dissolutions it took part in (as source, target,
// parent or moved child). Each event lists the units it touched in payload.unitIds.
import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import type { Access } from '../access/access.ts';
import { unitInScopeOr404 } from '../access/unit-in-scope-or-404.ts';

export async function unitHistory(db: Db, access: Access, id: number) {
  await unitInScopeOr404(db, access.scope('read'), id);
  const rows = await db
    .selectFrom('unit_events as e')
    .select(['e.id', 'e.kind', 'e.effective_on', 'e.decision_number', 'e.note', 'e.payload'])
    .where((eb) =>
      eb.or([
        sql<boolean>`(e.payload -> 'unitIds') @> ${JSON.stringify([id])}::jsonb`,
        eb(
          'e.id',
          'in',
          eb.selectFrom('unit_versions').select('event_id').where('unit_id', '=', id).where('event_id', 'is not', null).$narrowType<{ event_id: number }>(),
        ),
      ]),
    )
    .orderBy('e.effective_on', 'desc')
    .orderBy('e.id', 'desc')
    .limit(1000)
    .execute();
  return rows.map((r) => {
    const { unitIds: _unitIds, ...details } = (r.payload ?? {}) as Record<string, unknown>;
    return { id: r.id, kind: r.kind, effectiveOn: r.effective_on, decisionNumber: r.decision_number, note: r.note, details };
  });
}
