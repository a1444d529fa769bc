// A cell's transfer inbox (incoming: sent to units under it) and its sent list (outgoing),
// newest first; transfers still in transit come first in the inbox.
import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { unitInScopeOr404 } from '../access/unit-in-scope-or-404.ts';
import { transferOutOf, transferRows } from './transfer-rows.ts';

export async function listTransfers(db: Db, access: Access, unitId: number, direction: 'incoming' | 'outgoing') {
  const unit = await unitInScopeOr404(db, access.scope('read'), unitId);
  const end = direction === 'incoming' ? 't.to_unit_id' : 't.from_unit_id';
  const rows = await transferRows(db)
    .innerJoin('units as end_unit', 'end_unit.id', end)
    .where('end_unit.path', 'like', `${unit.path}%`)
    .where((eb) => unitInScope(access.scope('read'), eb.ref(end)))
    .orderBy(sql`t.status = 'sent'`, 'desc')
    .orderBy('t.decision_on', 'desc')
    .orderBy('t.id', 'desc')
    .limit(500)
    .execute();
  return { items: rows.map(transferOutOf) };
}
