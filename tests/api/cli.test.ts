// The command line as an operator uses it: help, and the data-folder lock that keeps a
// second process away from an embedded database already in use.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connect.ts';
import { migrate } from '../../src/db/migrate.ts';
import { insertUnit } from '../../src/modules/units/create-unit.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function chibo(...args: string[]) {
  // Always the embedded database here: the lock is a PGlite matter.
  return spawnSync(process.execPath, ['bin/chibo.mjs', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' }, timeout: 60_000 });
}

describe('chibo command line', () => {
  it('lists every command with --help', () => {
    const res = chibo('--help');
    expect(res.status).toBe(0);
    for (const command of ['start', 'serve', 'migrate', 'demo', 'import', 'export', 'backup', 'restore', 'rebuild-history']) {
      expect(res.stdout).toContain(`chibo ${command}`);
    }
  });

  it('refuses an unknown command with exit code 2', () => {
    const res = chibo('frobnicate');
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('Lệnh không có: frobnicate');
  });

  it('will not open a data folder another process holds, and says which process', async () => {
    const dataDir = path.join(dir, 'data');
    const held = await openDatabase({ dataDir });
    try {
      const res = chibo('migrate', '--data-dir', dataDir);
      expect(res.status).toBe(1);
      expect(res.stderr).toContain(`đang được tiến trình ${process.pid} sử dụng`);
    } finally {
      await held.close();
    }
    const after = chibo('migrate', '--data-dir', dataDir);
    expect(after.status).toBe(0);
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it('rebuilds the organisation model and finds nothing the restructurings left wrong', async () => {
    const dataDir = path.join(dir, 'history');
    const database = await openDatabase({ dataDir });
    try {
      await migrate(database);
      const province = await insertUnit(database.db, null, { code: 'T', name: 'Đảng bộ tỉnh', kind: 'dang_bo_tinh', parentId: null, establishedOn: '2020-01-01' });
      await insertUnit(database.db, null, { code: 'X', name: 'Đảng bộ xã', kind: 'dang_bo_xa', parentId: province, establishedOn: '2020-01-01' });
      // A row gone wrong behind the model's back: the rebuild puts it right and says so.
      await database.db.deleteFrom('unit_ancestry').where('depth', '=', 1).execute();
    } finally {
      await database.close();
    }
    const res = chibo('rebuild-history', '--data-dir', dataDir);
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toContain('Đã dựng lại: 2 tổ chức đảng, 3 dòng');
    expect(res.stdout).toContain('Khác với bảng đang giữ trước khi dựng lại: 1 dòng.');
    const again = chibo('rebuild-history', '--data-dir', dataDir);
    expect(again.stdout).toContain('Khác với bảng đang giữ trước khi dựng lại: 0 dòng.');
  }, 180_000); // three PGlite starts, one with every migration
});
