// Report reads may go to a read replica (DATABASE_REPLICA_URL). To prove where each read
// goes, the "replica" here is a second database with different content (same unit ids, a
// renamed cell with other members): the unit tree with its counts, the compliance report and
// the member export show the replica's content, while logins, the member list and every
// write (the export's audit row, a new member) stay on the primary. Without the setting,
// the reports read the primary itself.

import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { databaseOptionsFromEnv } from '../../src/config.ts';
import { type Database, openDatabase } from '../../src/db/connect.ts';
import type { DB } from '../../src/db/types.ts';
import { hashPassword } from '../../src/modules/auth/passwords.ts';
import { insertMember } from '../../src/modules/members/create-member.ts';
import { insertUnit } from '../../src/modules/units/create-unit.ts';
import { buildApp } from '../../src/server.ts';
import { withDatabaseName } from '../helpers/database-url.ts';
import { createTestApp, TEST_PASSWORD } from '../helpers/test-app.ts';
import { openTestDatabase } from '../helpers/test-database.ts';

const onPostgres = inject('template').kind === 'postgres';

describe('without DATABASE_REPLICA_URL', () => {
  it('reports read the primary itself', async () => {
    const t = await createTestApp();
    try {
      expect(t.app.reportDb).toBe(t.app.db);
      expect(t.database.reportDb).toBe(t.database.db);
    } finally {
      await t.close();
    }
  });

  it('the setting is read from the environment only together with DATABASE_URL', () => {
    const saved = { url: process.env.DATABASE_URL, replica: process.env.DATABASE_REPLICA_URL };
    try {
      process.env.DATABASE_URL = 'postgres://app@primary/chibo';
      process.env.DATABASE_REPLICA_URL = 'postgres://app@replica/chibo';
      expect(databaseOptionsFromEnv()).toEqual({ url: 'postgres://app@primary/chibo', replicaUrl: 'postgres://app@replica/chibo' });
      delete process.env.DATABASE_REPLICA_URL;
      expect(databaseOptionsFromEnv()).toEqual({ url: 'postgres://app@primary/chibo' });
    } finally {
      for (const [key, value] of [
        ['DATABASE_URL', saved.url],
        ['DATABASE_REPLICA_URL', saved.replica],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});

const urlOf = async (database: Database) => {
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(database.db);
  const template = inject('template');
  if (template.kind !== 'postgres') throw new Error('PostgreSQL only');
  return withDatabaseName(template.url, rows[0]!.name);
};

/** The same two units (same ids) in both databases; the cell's name and members differ. */
async function fill(db: Kysely<DB>, cellName: string, memberNames: string[], cardPrefix: string) {
  const commune = await insertUnit(db, null, { code: 'XA', name: 'Đảng bộ xã Bình An', kind: 'dang_bo_xa', parentId: null, establishedOn: '2020-01-01' });
  const cell = await insertUnit(db, null, { code: 'XA.01', name: cellName, kind: 'chi_bo', parentId: commune, establishedOn: '2020-01-01' });
  for (const [i, fullName] of memberNames.entries()) {
    await insertMember(db, null, {
      fullName,
      unitId: cell,
      sex: 'nam',
      dateOfBirth: '1980-05-17',
      ethnicity: 'Kinh',
      religion: 'Không',
      status: 'chinh_thuc',
      joinedUnitOn: '2020-01-01',
      partyCardNumber: `${cardPrefix}${i}`,
    });
  }
  return { commune, cell };
}

describe.runIf(onPostgres)('with DATABASE_REPLICA_URL (PostgreSQL)', () => {
  let primary: Database;
  let replica: Database;
  let both: Database;
  let app: FastifyInstance;
  let cookie = '';
  let units: { commune: number; cell: number };
  const get = (url: string) => app.inject({ method: 'GET', url, cookies: { chibo_session: cookie } });
  const count = async (db: Kysely<DB>, table: 'members' | 'audit_log', where?: string) => {
    const q = db.selectFrom(table).select(sql<number>`count(*)::int`.as('n'));
    return (await (where ? q.where('action' as never, '=', where as never) : q).executeTakeFirstOrThrow()).n;
  };

  beforeAll(async () => {
    primary = await openTestDatabase();
    replica = await openTestDatabase();
    units = await fill(primary.db, 'Chi bộ thôn Một', ['Nguyễn Văn An', 'Lê Thị Bình'], 'P');
    const onReplica = await fill(replica.db, 'Chi bộ thôn Một (bản sao)', ['Trần Văn Sao', 'Phạm Thị Sao', 'Hoàng Văn Sao'], 'R');
    expect(onReplica).toEqual(units);
    // The account exists on the primary only: logins and access are computed there.
    const user = await primary.db
      .insertInto('users')
      .values({ username: 'tochuc', display_name: 'Ban tổ chức', password_hash: await hashPassword(TEST_PASSWORD) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await primary.db.insertInto('role_grants').values({ user_id: user.id, role: 'org_officer', unit_id: units.commune, include_subtree: true }).execute();

    both = await openDatabase({ url: await urlOf(primary), replicaUrl: await urlOf(replica) });
    app = await buildApp(both);
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'tochuc', password: TEST_PASSWORD } });
    expect(login.statusCode).toBe(200);
    cookie = login.cookies.find((c) => c.name === 'chibo_session')!.value;
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await both?.close();
    await primary?.close();
    await replica?.close();
  });

  it('the unit tree with its counts reads the replica', async () => {
    const res = await get(`/api/v1/units/children?parentId=${units.commune}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([expect.objectContaining({ id: units.cell, name: 'Chi bộ thôn Một (bản sao)', memberCount: 3 })]);
  });

  it('the compliance report (JSON and xlsx) reads the replica', async () => {
    const query = `unitId=${units.commune}&from=2026-01-01&to=2026-03-31&asOf=2026-04-15`;
    const res = await get(`/api/v1/meetings/compliance?${query}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().cells.map((c: { unitName: string }) => c.unitName)).toEqual(['Chi bộ thôn Một (bản sao)']);
    const xlsx = await get(`/api/v1/meetings/compliance.xlsx?${query}`);
    expect(xlsx.statusCode).toBe(200);
    expect(await sheetText(xlsx)).toContain('Chi bộ thôn Một (bản sao)');
  });

  it('the member export reads the replica; its audit row is written on the primary', async () => {
    const auditBefore = await count(primary.db, 'audit_log', 'member.export');
    const res = await get('/api/v1/members/export.xlsx');
    expect(res.statusCode).toBe(200);
    const text = await sheetText(res);
    for (const name of ['Trần Văn Sao', 'Phạm Thị Sao', 'Hoàng Văn Sao']) expect(text).toContain(name);
    expect(text).not.toContain('Nguyễn Văn An');
    expect(await count(primary.db, 'audit_log', 'member.export')).toBe(auditBefore + 1);
    expect(await count(replica.db, 'audit_log', 'member.export')).toBe(0);
  });

  it('everything else reads the primary, and writes never reach the replica', async () => {
    const list = await get('/api/v1/members');
    expect(
      list
        .json()
        .items.map((m: { fullName: string }) => m.fullName)
        .sort(),
    ).toEqual(['Lê Thị Bình', 'Nguyễn Văn An']);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/members',
      cookies: { chibo_session: cookie },
      payload: {
        fullName: 'Đỗ Văn Mới',
        sex: 'nam',
        dateOfBirth: '1990-01-01',
        unitId: units.cell,
        fullMemberOn: '2015-01-01',
        joinedUnitOn: '2026-01-01',
        partyCardNumber: '80000009',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(await count(primary.db, 'members')).toBe(3);
    expect(await count(replica.db, 'members')).toBe(3);
    expect(await replica.db.selectFrom('members').select('full_name').where('full_name', '=', 'Đỗ Văn Mới').execute()).toEqual([]);
    // The replica's connections are read-only: a write sent there by mistake fails.
    await expect(both.reportDb.insertInto('throttles').values({ kind: 'x', key: 'y', window_start: new Date(), count: 1 }).execute()).rejects.toMatchObject({
      code: '25006',
    });
  });
});

async function sheetText(res: LightMyRequestResponse): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((c) => {
        cells.push(String(c.value));
      }),
    ),
  );
  return cells.join('\n');
}
