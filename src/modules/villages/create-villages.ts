// Adding villages to a cell: one or many at once (a list typed in or pasted from a sheet),
// each with its kind and founding date. Names are unique among the cell's villages in force.

import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/types.ts';
import { todayInVietnam } from '../../domain/calendar.ts';
import { foldForSearch } from '../../domain/vietnamese.ts';
import { badRequest, type FieldError } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { cellFor } from '../party-groups/cell-of-group.ts';
import type { CreateVillagesInput } from './schemas.ts';

export async function createVillages(db: Kysely<DB>, access: Access, cellId: number, input: CreateVillagesInput): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    const cell = await cellFor(trx, access, cellId, 'write_members');
    await sql`select id from units where id = ${cell.id} for update`.execute(trx);
    const taken = await trx.selectFrom('villages').select('name').where('cell_id', '=', cell.id).where('dissolved_on', 'is', null).execute();
    const seen = new Set(taken.map((v) => foldForSearch(v.name)));
    const errors: FieldError[] = [];
    input.villages.forEach((v, i) => {
      const key = foldForSearch(v.name);
      if (seen.has(key)) errors.push({ path: `body.villages.${i}.name`, message: 'villages.name_taken', params: { name: v.name } });
      if (v.establishedOn > todayInVietnam()) errors.push({ path: `body.villages.${i}.establishedOn`, message: 'villages.date_in_future' });
      seen.add(key);
    });
    if (errors.length) throw badRequest('validation', {}, errors);
    const rows = await trx
      .insertInto('villages')
      .values(
        input.villages.map((v) => ({
          cell_id: cell.id,
          name: v.name,
          kind: v.kind,
          established_on: v.establishedOn,
          decision_number: v.decisionNumber ?? null,
          created_by: access.userId,
        })),
      )
      .returning('id')
      .execute();
    await writeAudit(trx, access.userId, {
      action: 'village.create',
      entityType: 'village',
      entityId: rows[0]!.id,
      unitId: cell.id,
      after: { villages: input.villages.map((v, i) => ({ id: rows[i]!.id, ...v })) },
    });
    return rows.map((r) => r.id);
  });
}
