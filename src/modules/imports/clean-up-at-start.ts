// What a killed process may leave behind from imports, cleared when a server starts: upload
// files in the upload folder, and a PGlite import applied halfway (undone from its journal).
// On PostgreSQL an apply is one transaction, so no run is left halfway by a live process;
// app processes starting together still take turns (an advisory lock), so a run restored
// from a PGlite backup is undone once. Upload folders of live processes are kept.
import type { Database } from '../../db/connect.ts';
import { LOCKS, withDatabaseLock } from '../../db/database-lock.ts';
import { removeStaleUploads } from '../../http/upload-folder.ts';
import { undoUnfinishedRuns } from './import-journal.ts';

export async function cleanUpImportsAtStart(database: Database): Promise<{ uploadFolders: number; importsUndone: number }> {
  const uploadFolders = removeStaleUploads();
  const importsUndone = await withDatabaseLock(database, LOCKS.startupCleanUp, () => undoUnfinishedRuns(database.db));
  return { uploadFolders, importsUndone };
}
