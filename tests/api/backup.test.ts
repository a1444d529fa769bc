import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { backupDatabase } from '../../src/modules/backup/backup-database.ts';
import { restoreDatabase } from '../../src/modules/backup/restore-database.ts';
import { listTables, quoteIdent } from '../../src/modules/backup/table-catalog.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { openTestDatabase } from '../helpers/test-database.ts';

let t: TestApp;
let target: Database;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-backup-'));
const file = path.join(dir, 'chibo.backup');

async function dumpAll(database: Database) {
  const out: Record<string, unknown[]> = {};
  for (const table of await listTables(database.db)) {
    const rows = await sql<{ j: string }>`select row_to_json(t)::text as j from ${sql.raw(quoteIdent(table.name))} t order by t.${sql.raw(quoteIdent(table.key))}`.execute(database.db);
    out[table.name] = rows.rows.map((r) => r.j);
  }
  return out;
}

beforeAll(async () => {
  t = await createTestApp();
  target = await openTestDatabase();
  const province = await t.unit({ code: 'VP', name: 'Đảng bộ tỉnh Vĩnh Phúc', kind: 'dang_bo_tinh' });
  const commune = await t.unit({ code: 'BB', name: 'Đảng bộ xã Bắc Bình', kind: 'dang_bo_xa', parentId: province });
  const cell = await t.unit({ code: 'BB01', name: 'Chi bộ thôn Đông', parentId: commune });
  await t.member({ unitId: cell, fullName: 'Nguyễn Văn Thắng', citizenId: '026080000123' });
  await t.member({ unitId: cell, fullName: 'Đặng Thị Ánh', sex: 'nu' });
  await t.user('admin', [{ role: 'admin', unitId: province }]);
  await t.as('admin'); // a session and a login attempt to carry over too
});
afterAll(async () => { await t.close(); await target.close(); fs.rmSync(dir, { recursive: true, force: true }); });

describe('backup and restore', () => {
  it('restores into an empty database with identical data', async () => {
    const result = await backupDatabase(t.database.db, file);
    expect(result.rows).toBeGreaterThan(10);
    await restoreDatabase(target.db, file);
    const [before, after] = [await dumpAll(t.database), await dumpAll(target)];
    expect(after).toEqual(before);
    expect(after.members).toHaveLength(2);
  });

  it('continues the id sequences after a restore', async () => {
    const next = await target.db.insertInto('unit_events').values({ kind: 'create', effective_on: '2026-01-01' }).returning('id').executeTakeFirstOrThrow();
    const max = await t.database.db.selectFrom('unit_events').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow();
    expect(next.id).toBe(Number(max.m) + 1);
  });

  it('refuses to restore over existing data, in Vietnamese', async () => {
    await expect(restoreDatabase(target.db, file)).rejects.toMatchObject({ code: 'backup.not_empty', status: 409 });
  });
});
