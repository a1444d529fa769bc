// The per-role size of an import: a cell secretary's file must fit one cell (see
// domain/import-limits.ts); the organisation board imports larger lists.
import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { importRowLimit } from '../../domain/import-limits.ts';
import { CELL_KINDS } from '../../domain/unit-tree.ts';
import { AppError } from '../../http/app-error.ts';
import { type Scope, unitInScope } from '../access/access.ts';

/** True when the scope reaches a unit above cell level (not a cell, not a party group inside one). */
async function writesAboveCellLevel(db: Db, scope: Scope): Promise<boolean> {
  const row = await db
    .selectFrom('units as u')
    .select(sql<number>`1`.as('one'))
    .where('u.kind', 'not in', [...CELL_KINDS, 'to_dang'])
    .where((eb) => unitInScope(scope, eb.ref('u.id')))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The most rows the caller may import in one file, or null for no per-role limit. */
export async function importRowLimitFor(db: Db, writeScope: Scope): Promise<number | null> {
  return importRowLimit(await writesAboveCellLevel(db, writeScope));
}

/** 413 with a Vietnamese explanation: the file is longer than one cell's list. */
export const tooManyRowsForCell = (limit: number) => new AppError('imports.too_many_rows_for_cell', 413, { limit });
