// What a killed process may leave behind from imports, cleared when a server starts: upload
// files in the upload folder, and a PGlite import applied halfway (undone from its journal).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { removeStaleUploads } from '../../http/upload-folder.ts';
import { undoUnfinishedRuns } from './import-journal.ts';

export async function cleanUpImportsAtStart(db: Kysely<DB>): Promise<{ uploadFolders: number; importsUndone: number }> {
  const uploadFolders = removeStaleUploads();
  const importsUndone = await undoUnfinishedRuns(db);
  return { uploadFolders, importsUndone };
}
