// Forward-only migrations: every src/db/migrations/*.sql file, in name order, once.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './connect.ts';
import { LOCKS, withDatabaseLock } from './database-lock.ts';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export function listMigrations(): string[] {
  return fs
    .readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
}

/** Applies what is pending; app processes starting together on one PostgreSQL take turns. */
export async function migrate(database: Database): Promise<string[]> {
  return withDatabaseLock(database, LOCKS.migrate, () => migratePending(database));
}

async function migratePending(database: Database): Promise<string[]> {
  await database.execScript('create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())');
  const done = await sql<{ name: string }>`select name from schema_migrations`.execute(database.db);
  const applied = new Set(done.rows.map((r) => r.name));
  const ran: string[] = [];
  for (const name of listMigrations()) {
    if (applied.has(name)) continue;
    const body = fs.readFileSync(path.join(migrationsDir, name), 'utf8');
    const quoted = name.replace(/'/g, "''");
    await database.execScript(`begin;\n${body}\n;insert into schema_migrations (name) values ('${quoted}');\ncommit;`);
    ran.push(name);
  }
  return ran;
}
