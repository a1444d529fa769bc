// The audit row of a backup: a copy of every member's record left the database. The
// command line has no signed-in user, so the actor is null (as for CLI imports).
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { writeAudit } from '../audit/write-audit.ts';
import type { BackupResult } from './backup-database.ts';

export async function recordBackup(db: Kysely<DB>, file: string, result: BackupResult, via: 'cli' | 'server'): Promise<void> {
  await db.transaction().execute((trx) =>
    writeAudit(trx, null, {
      action: 'backup.create',
      entityType: 'backup',
      entityId: path.basename(file),
      after: { file, tables: result.tables, rows: result.rows, via },
    }),
  );
}
