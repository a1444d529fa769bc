// A fresh database for one test file, copied from the run's migrated template.
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/connect.ts';
import { withDatabaseName } from './database-url.ts';

/**
 * In memory, or with `dataDir` (PGlite runs only) in a data folder of its own, for a test
 * that hands the folder to a chibo process afterwards.
 */
export async function openTestDatabase(options: { dataDir?: string } = {}): Promise<Database> {
  const template = inject('template');
  if (template.kind === 'pglite') {
    const blob = new Blob([fs.readFileSync(template.dumpPath)]);
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
