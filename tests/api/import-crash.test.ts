// A server killed in the middle of an import, as an operator would meet it: the real
// `chibo serve` on PGlite, SIGKILLed while an apply is being written. At the next start the
// half-written import is undone from its journal and the upload it left on disk removed.
// (On PostgreSQL an apply is one transaction: the server itself rolls a dead one back.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../src/db/connect.ts';
import { hashPassword } from '../../src/modules/auth/passwords.ts';
import { insertUnit } from '../../src/modules/units/create-unit.ts';
import { type ChiboProcess, startChibo } from '../helpers/chibo-process.ts';
import { multipartFile } from '../helpers/multipart.ts';
import { openTestDatabase } from '../helpers/test-database.ts';

const _root = path.resolve(import.meta.dirname, '..', '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-import-crash-'));
const dataDir = path.join(dir, 'data');
const uploads = path.join(dir, 'uploads');
let base = '';
const ROWS = 4000;
let cell = 0;
let server: ChiboProcess | null = null;

/** The server on the data folder, on the same port each time (the first start picks it). */
async function serve(): Promise<ChiboProcess> {
  const started = await startChibo({ dataDir, port: base ? Number(new URL(base).port) : undefined, env: { CHIBO_UPLOAD_DIR: uploads } });
  base = started.baseUrl;
  return started;
}

async function login(): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'tochuc', password: 'mat-khau-thu-nghiem' }),
  });
  expect(res.status).toBe(200);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

async function membersIn(cookie: string): Promise<number> {
  const res = await fetch(`${base}/api/v1/members?unitId=${cell}`, { headers: { cookie } });
  return ((await res.json()) as { total: number }).total;
}

async function bigFile(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Đảng viên');
  sheet.addRow(['Họ và tên', 'Giới tính', 'Ngày sinh (dd/mm/yyyy)', 'Số thẻ đảng', 'Ngày chính thức', 'Trạng thái']);
  for (let i = 0; i < ROWS; i++) sheet.addRow([`Nguyễn Văn Thử ${i}`, 'Nam', '17/05/1980', `77.${String(i).padStart(6, '0')}`, '02/03/2011', 'Chính thức']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// The journal exists for PGlite only; a run on PostgreSQL (DATABASE_URL) skips this file.
const template = inject('template');
const onPglite = template.kind === 'pglite';

beforeAll(async () => {
  if (template.kind !== 'pglite') return;
  // The run's migrated template, unpacked into a data folder the server can open.
  const database = await openTestDatabase({ dataDir });
  try {
    const commune = await insertUnit(database.db, null, {
      code: 'BB',
      name: 'Đảng bộ xã Bắc Bình',
      kind: 'dang_bo_xa',
      parentId: null,
      establishedOn: '2020-01-01',
    });
    cell = await insertUnit(database.db, null, { code: 'BB.01', name: 'Chi bộ thôn Bắc Sơn', kind: 'chi_bo', parentId: commune, establishedOn: '2020-01-01' });
    const user = await database.db
      .insertInto('users')
      .values({ username: 'tochuc', display_name: 'Ban tổ chức', password_hash: await hashPassword('mat-khau-thu-nghiem') })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db.insertInto('role_grants').values({ user_id: user.id, role: 'org_officer', unit_id: commune, include_subtree: true }).execute();
  } finally {
    await database.close();
  }
}, 120_000);

afterAll(async () => {
  if (server) await server.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.runIf(onPglite)('an import cut short by a crash (PGlite; skipped on PostgreSQL, where a dead transaction is rolled back by the server)', () => {
  it('is undone at the next start, and its upload removed from disk', async () => {
    const file = await bigFile();
    server = await serve();
    let cookie = await login();
    const upload = multipartFile('dang-vien.xlsx', file);
    const apply = fetch(`${base}/api/v1/imports/members?unitId=${cell}&mode=apply`, {
      method: 'POST',
      headers: { ...upload.headers, cookie },
      body: upload.payload,
    }).then(
      (r) => r.status,
      () => 'killed',
    );
    // Other requests are answered while the apply writes its batches: wait until part of it is in.
    let seen = 0;
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      seen = await membersIn(cookie);
      if (seen > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan(ROWS);
    expect(fs.readdirSync(uploads).length).toBe(1);
    await server.kill();
    expect(await apply).toBe('killed');
    expect(fs.readdirSync(uploads).length).toBe(1);

    server = await serve();
    cookie = await login();
    expect(await membersIn(cookie)).toBe(0);
    expect(fs.readdirSync(uploads)).toEqual([]);
    await server.stop();
    server = null;

    const database = await openDatabase({ dataDir });
    try {
      const runs = await database.db.selectFrom('import_runs').select('state').execute();
      expect(runs).toEqual([{ state: 'undone' }]);
      expect(await database.db.selectFrom('import_run_members').select('member_id').execute()).toEqual([]);
      const undo = await database.db.selectFrom('audit_log').select('after').where('action', '=', 'import.undo').execute();
      expect(undo).toHaveLength(1);
      expect(await database.db.selectFrom('members').select('id').execute()).toEqual([]);
    } finally {
      await database.close();
    }
  }, 600_000);
});
