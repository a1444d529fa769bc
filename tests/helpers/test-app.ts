// Boots the real app on this test file's own database, with helpers to log in and to
// build the units, members and accounts a test needs.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Database } from '../../src/db/connect.ts';
import type { Role, UnitKind } from '../../src/db/types.ts';
import { hashPassword } from '../../src/modules/auth/passwords.ts';
import { insertMember } from '../../src/modules/members/create-member.ts';
import type { CreateMemberInput } from '../../src/modules/members/schemas.ts';
import { insertUnit } from '../../src/modules/units/create-unit.ts';
import { buildApp } from '../../src/server.ts';
import { openTestDatabase } from './test-database.ts';

export const TEST_PASSWORD = 'mat-khau-thu-nghiem';
let passwordHash: string | undefined;

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
  /** Logs in and returns a request function that carries the session cookie. */
  as(username: string): Promise<Client>;
  unit(input: { code: string; name?: string; kind?: UnitKind; parentId?: number | null; establishedOn?: string }): Promise<number>;
  member(input: Partial<CreateMemberInput> & { unitId: number; fullName: string }): Promise<number>;
  user(username: string, grants: Array<{ role: Role; unitId: number; includeSubtree?: boolean }>, memberId?: number | null): Promise<number>;
}

export type Client = (options: InjectOptions) => Promise<LightMyRequestResponse>;

let cardCounter = 100000;

export async function createTestApp(): Promise<TestApp> {
  const database = await openTestDatabase();
  const app = await buildApp(database);
  passwordHash ??= await hashPassword(TEST_PASSWORD);
  const db = database.db;
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
    },
    async as(username) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'chibo_session')!;
      return (options) => app.inject({ ...options, cookies: { ...(options.cookies ?? {}), chibo_session: cookie.value } });
    },
    unit({ code, name, kind = 'chi_bo', parentId = null, establishedOn = '2020-01-01' }) {
      return insertUnit(db, null, { code, name: name ?? `Chi bộ ${code}`, kind, parentId, establishedOn });
    },
    member(input) {
      cardCounter += 1;
      return insertMember(db, null, {
        sex: 'nam',
        dateOfBirth: '1980-05-17',
        ethnicity: 'Kinh',
        religion: 'Không',
        status: 'chinh_thuc',
        joinedUnitOn: '2020-01-01',
        partyCardNumber: `TC${cardCounter}`,
        ...input,
      });
    },
    async user(username, grants, memberId = null) {
      const row = await db
        .insertInto('users')
        .values({ username, display_name: username, password_hash: passwordHash!, member_id: memberId })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const g of grants) {
        await db
          .insertInto('role_grants')
          .values({ user_id: row.id, role: g.role, unit_id: g.unitId, include_subtree: g.includeSubtree ?? true })
          .execute();
      }
      return row.id;
    },
  };
}
