// Who may see and change which candidate, in SQL like every other record: a candidate is
// read through the read scope over their cell (404 outside it), written through the
// write_members scope (403 for a cell the caller only reads).
import { sql, type Transaction } from 'kysely';
import type { DB, Db } from '../../db/types.ts';
import { AppError, notFound } from '../../http/app-error.ts';
import { type Access, unitInScope } from '../access/access.ts';

export async function findReadableCandidate(db: Db, access: Access, id: number) {
  const row = await db
    .selectFrom('admission_candidates as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .selectAll('c')
    .select('u.name as unit_name')
    .select((eb) => sql<boolean>`${unitInScope(access.scope('write_members'), eb.ref('c.unit_id'))}`.as('writable'))
    .where('c.id', '=', id)
    .where((eb) => unitInScope(access.scope('read'), eb.ref('c.unit_id')))
    .executeTakeFirst();
  if (!row) throw notFound('entities.candidate');
  return row;
}

/** The candidate row for a write, locked; 403 when the caller may only read it, 404 when not even that. */
export async function lockWritableCandidate(trx: Transaction<DB>, access: Access, id: number) {
  const row = await findReadableCandidate(trx, access, id);
  if (!row.writable) throw new AppError('forbidden', 403);
  await trx.selectFrom('admission_candidates').select('id').where('id', '=', id).forUpdate().execute();
  return row;
}
