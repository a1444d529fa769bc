// The command line as an operator uses it: help, and the data-folder lock that keeps a
// second process away from an embedded database already in use.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connect.ts';

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
    for (const command of ['start', 'serve', 'migrate', 'demo', 'import', 'export', 'backup', 'restore']) {
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
});
