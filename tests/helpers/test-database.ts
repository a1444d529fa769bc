// A fresh database for one test file, copied from the run's migrated template.
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/connect.ts';
import { withDatabaseName } from './database-url.ts';

/** The template dump, read once per worker (files share a worker's modules). */
let cachedDump: { path: string; bytes: Uint8Array } | undefined;
function templateBytes(dumpPath: string): Uint8Array {
  if (cachedDump?.path !== dumpPath) cachedDump = { path: dumpPath, bytes: fs.readFileSync(dumpPath) };
  return cachedDump.bytes;
}

/**
 * The dump as the Blob PGlite unpacks (it only asks for arrayBuffer()). Node's own Blob copies
 * ~42 MiB in and then out again through a stream: 0.5–0.6 s of each file's 1.3 s to open its
 * database (02/12); this hands over a plain copy of the bytes instead.
 */
class TemplateBlob extends Blob {
  readonly #bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    super([]);
    this.#bytes = bytes;
  }
  override async arrayBuffer(): Promise<ArrayBuffer> {
    return this.#bytes.slice().buffer as ArrayBuffer;
  }
}

/**
 * In memory, or with `dataDir` (PGlite runs only) in a data folder of its own, for a test
 * that hands the folder to a chibo process afterwards.
 */
export async function openTestDatabase(options: { dataDir?: string } = {}): Promise<Database> {
  const template = inject('template');
  if (template.kind === 'pglite') {
    const blob = new TemplateBlob(templateBytes(template.dumpPath));
    return openDatabase(options.dataDir ? { dataDir: options.dataDir, loadDataDir: blob } : { memory: true, loadDataDir: blob });
  }
  if (options.dataDir) throw new Error('openTestDatabase: a data folder needs the PGlite template (a run without DATABASE_URL)');
  const name = `chibo_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: template.url });
  await admin.connect();
  await admin.query(`create database ${name} template ${template.name}`);
  await admin.end();
  const database = await openDatabase({ url: withDatabaseName(template.url, name) });
  const close = database.close;
  database.close = async () => {
    await close();
    const dropper = new pg.Client({ connectionString: template.url });
    await dropper.connect();
    await dropper.query(`drop database if exists ${name} with (force)`);
    await dropper.end();
  };
  return database;
}
