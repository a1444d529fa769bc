// `chibo backup` while `chibo serve` holds the same PGlite data folder and users keep
// writing: the command asks the server for a snapshot through its local socket, and the
// file restores into an empty folder with every write acknowledged before it began.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connect.ts';
import { migrate } from '../../src/db/migrate.ts';
import { hashSecret } from '../../src/modules/auth/tokens.ts';
import { backupChannelPath } from '../../src/modules/backup/backup-channel.ts';
import { insertUnit } from '../../src/modules/units/create-unit.ts';
import { type ChiboProcess, startChibo } from '../helpers/chibo-process.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
let dir = '';
let dataDir = '';
let file = '';
const token = 'chibo-live-backup-test-token-0123456789';
const env = { ...process.env, DATABASE_URL: '', CHIBO_JOBS: 'off', HOST: '127.0.0.1' };
let server: ChiboProcess | undefined;
let baseUrl = '';
let cellId = 0;

function chibo(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/chibo.mjs', ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

let cards = 0;
/** Creates a member through the API; the id once the server has acknowledged it. */
async function createMember(): Promise<number> {
  cards += 1;
  const res = await fetch(`${baseUrl}/api/v1/members`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      fullName: `Nguyễn Văn Ghi ${cards}`,
      sex: 'nam',
      dateOfBirth: '1980-05-17',
      unitId: cellId,
      fullMemberOn: '2005-01-01',
      joinedUnitOn: '2020-01-01',
      partyCardNumber: String(80000000 + cards),
    }),
  });
  if (res.status !== 201) throw new Error(`create member: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: number }).id;
}

async function stopServer() {
  await server?.stop(15_000);
}

// The server's snapshot channel exists only on PGlite; on PostgreSQL `chibo backup`
// connects like any client (tests/api/backup.test.ts runs on both engines).
const onPostgres = Boolean(process.env.DATABASE_URL);
if (onPostgres) console.warn('backup-running-server.test.ts: skipped on PostgreSQL, the snapshot channel is for PGlite only');

describe.skipIf(onPostgres)('backup of a running server on PGlite', () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-live-backup-'));
    dataDir = path.join(dir, 'data');
    file = path.join(dir, 'live.backup');
    // The folder the server will serve: one cell and an administrator with an API token.
    const setup = await openDatabase({ dataDir });
    await migrate(setup);
    const province = await insertUnit(setup.db, null, {
      code: 'PT',
      name: 'Đảng bộ tỉnh Phú Thọ',
      kind: 'dang_bo_tinh',
      parentId: null,
      establishedOn: '2020-01-01',
    });
    cellId = await insertUnit(setup.db, null, { code: 'PT01', name: 'Chi bộ thôn Đông', kind: 'chi_bo', parentId: province, establishedOn: '2020-01-01' });
    const user = await setup.db
      .insertInto('users')
      .values({ username: 'admin', display_name: 'Quản trị', password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setup.db.insertInto('role_grants').values({ user_id: user.id, role: 'admin', unit_id: province }).execute();
    await setup.db
      .insertInto('api_tokens')
      .values({ user_id: user.id, name: 'test', token_hash: hashSecret(token), expires_at: new Date(Date.now() + 86_400_000) })
      .execute();
    await setup.close();

    server = await startChibo({ dataDir, timeoutMs: 120_000 });
    baseUrl = server.baseUrl;
  }, 300_000); // a fresh PGlite folder and a server start take a while on a busy machine

  afterAll(async () => {
    if (server) await stopServer();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens an owner-only socket beside the data folder, not inside it', () => {
    const socket = backupChannelPath(dataDir);
    expect(path.dirname(socket)).toBe(dir);
    const stat = fs.statSync(socket);
    expect(stat.isSocket()).toBe(true);
    expect(stat.mode & 0o777).toBe(0o600);
  });

  it('writes one consistent snapshot while writes continue; it restores with every acknowledged write, an altered copy is refused', async () => {
    const before: number[] = [];
    for (let i = 0; i < 20; i++) before.push(await createMember());

    // Writes keep going, one after another, for as long as the backup runs.
    let writing = true;
    const during: number[] = [];
    let slowestMs = 0;
    const writer = (async () => {
      while (writing) {
        const started = performance.now();
        during.push(await createMember());
        slowestMs = Math.max(slowestMs, performance.now() - started);
      }
    })();
    const backup = await chibo('backup', file, '--data-dir', dataDir);
    writing = false;
    await writer;
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    expect(backup.stdout).toContain('qua máy chủ đang chạy');
    console.log(`${backup.stdout.trim()}\n${during.length} members written during the backup; slowest write ${Math.round(slowestMs)} ms`);
    expect(during.length).toBeGreaterThan(0);

    // An altered copy is refused by the command line, naming the table, and leaves the
    // target empty: the untouched file then restores into that same folder.
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('{"table":"members"'));
    const line = JSON.parse(lines[at]!) as { rows: unknown[] };
    line.rows.pop();
    lines[at] = JSON.stringify(line);
    const altered = path.join(dir, 'altered.backup');
    fs.writeFileSync(altered, zlib.gzipSync(lines.join('\n')));
    const target = path.join(dir, 'restored');
    const refused = await chibo('restore', altered, '--data-dir', target);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Dữ liệu bảng members trong bản sao lưu không khớp');
    expect(refused.stderr).toContain('Không khôi phục gì');

    const restore = await chibo('restore', file, '--data-dir', target);
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);

    const restored = await openDatabase({ dataDir: target });
    try {
      const ids = (await restored.db.selectFrom('members').select('id').execute()).map((r) => r.id);
      expect(ids).toEqual(expect.arrayContaining(before));
      // Whatever the snapshot caught of the writes in flight, it caught whole transactions.
      expect(ids.length).toBeLessThanOrEqual(before.length + during.length);
      const torn = await sql<{ id: number }>`
        select m.id from members m
        where not exists (select 1 from member_placements p where p.member_id = m.id)
           or not exists (select 1 from member_statuses s where s.member_id = m.id)
           or not exists (select 1 from audit_log a where a.action = 'member.create' and a.entity_id = m.id::text)`.execute(restored.db);
      expect(torn.rows).toEqual([]);
    } finally {
      await restored.close();
    }
  }, 300_000);

  it('audits the backup on the server, and leaves no socket or snapshot once stopped', async () => {
    await stopServer();
    expect(fs.existsSync(backupChannelPath(dataDir))).toBe(false);
    expect(fs.readdirSync(dir).filter((name) => name.includes('.snapshot-'))).toEqual([]);
    const live = await openDatabase({ dataDir });
    try {
      const audit = await live.db.selectFrom('audit_log').select(['actor_user_id', 'after']).where('action', '=', 'backup.create').execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.actor_user_id).toBeNull();
      expect(audit[0]!.after).toMatchObject({ file, via: 'server' });
    } finally {
      await live.close();
    }
  }, 120_000);
});
