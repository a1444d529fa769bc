// The database a crash test kills servers on: a fresh PGlite data folder, or a fresh
// PostgreSQL database when DATABASE_URL is set, both copied from the run's migrated
// template; a commune with two cells, six members and the accounts that act.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/connect.ts';
import { hashPassword } from '../../src/modules/auth/passwords.ts';
import { insertMember } from '../../src/modules/members/create-member.ts';
import { insertUnit } from '../../src/modules/units/create-unit.ts';
import { withDatabaseName } from '../helpers/database-url.ts';
import { openTestDatabase } from '../helpers/test-database.ts';
import type { DataLocation } from './server-process.ts';

export const PASSWORD = 'mat-khau-thu-sap-may';

export interface CrashDatabase {
  engine: 'pglite' | 'postgres';
  location: DataLocation;
  /** Opens the data in this process (PGlite: only while no server holds the folder). */
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

export async function createCrashDatabase(): Promise<CrashDatabase> {
  const template = inject('template');
  if (template.kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-crash-'));
    const dataDir = path.join(dir, 'data');
    const first = await openTestDatabase({ dataDir });
    await first.close();
    return {
      engine: 'pglite',
      location: { dataDir },
      open: () => openDatabase({ dataDir }),
      async dispose() {
        if (process.env.CHIBO_CRASH_KEEP) console.log(`[crash] data folder kept: ${dataDir}`);
        else fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `chibo_crash_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: template.url });
  await admin.connect();
  await admin.query(`create database ${name} template ${template.name}`);
  await admin.end();
  const url = withDatabaseName(template.url, name);
  return {
    engine: 'postgres',
    location: { databaseUrl: url },
    async open() {
      const database = await openDatabase({ url });
      // The database is dropped right after the last close: ignore its clients closing late.
      database.pgPool?.on('error', () => {});
      return database;
    },
    async dispose() {
      const dropper = new pg.Client({ connectionString: template.url });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

export interface CrashOrg {
  commune: number;
  meetingCell: number;
  writeCell: number;
  importCell: number;
  cellMembers: number[];
}

/** Đảng bộ xã Thử Sập: a meetings cell of six members, a cell the write loop fills, one imports fill. */
export async function seedCrashOrg(database: Database): Promise<CrashOrg> {
  const db = database.db;
  const commune = await insertUnit(db, null, { code: 'TS', name: 'Đảng bộ xã Thử Sập', kind: 'dang_bo_xa', parentId: null, establishedOn: '2020-01-01' });
  const meetingCell = await insertUnit(db, null, { code: 'TS.01', name: 'Chi bộ thôn Một', kind: 'chi_bo', parentId: commune, establishedOn: '2020-01-01' });
  const writeCell = await insertUnit(db, null, { code: 'TS.02', name: 'Chi bộ thôn Hai', kind: 'chi_bo', parentId: commune, establishedOn: '2020-01-01' });
  const importCell = await insertUnit(db, null, { code: 'TS.03', name: 'Chi bộ thôn Ba', kind: 'chi_bo', parentId: commune, establishedOn: '2020-01-01' });
  const names = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung', 'Hoàng Văn Em', 'Vũ Thị Phương'];
  const cellMembers: number[] = [];
  for (const [i, fullName] of names.entries()) {
    cellMembers.push(
      await insertMember(db, null, {
        fullName,
        sex: i % 2 ? 'nu' : 'nam',
        dateOfBirth: '1975-03-12',
        ethnicity: 'Kinh',
        religion: 'Không',
        status: 'chinh_thuc',
        unitId: meetingCell,
        joinedUnitOn: '2020-01-01',
        partyCardNumber: `TS.CB${String(i).padStart(4, '0')}`,
      }),
    );
  }
  const passwordHash = await hashPassword(PASSWORD);
  const grants: [string, 'admin' | 'secretary', number, number | null][] = [
    ['quantri', 'admin', commune, null],
    ['bithu1', 'secretary', meetingCell, cellMembers[0]!],
    ['bithu2', 'secretary', writeCell, null],
  ];
  for (const [username, role, unitId, memberId] of grants) {
    const user = await db
      .insertInto('users')
      .values({ username, display_name: username, password_hash: passwordHash, member_id: memberId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('role_grants').values({ user_id: user.id, role, unit_id: unitId, include_subtree: true }).execute();
  }
  return { commune, meetingCell, writeCell, importCell, cellMembers };
}

const HEADERS = [
  'Họ và tên',
  'Giới tính',
  'Ngày sinh (dd/mm/yyyy)',
  'Dân tộc',
  'Tôn giáo',
  'Số CCCD',
  'Số thẻ đảng',
  'Ngày vào Đảng',
  'Ngày chính thức',
  'Mã chi bộ',
  'Trạng thái',
];

/** An import file of `rows` new members of Chi bộ thôn Ba whose party card numbers all start with `cardPrefix`. */
export async function importFile(cardPrefix: string, rows: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Đảng viên');
  sheet.addRow(HEADERS);
  const given = ['An', 'Bình', 'Cường', 'Dung', 'Giang', 'Hà', 'Khoa', 'Lan', 'Minh', 'Nga'];
  for (let i = 0; i < rows; i++) {
    sheet.addRow([
      `Đỗ Văn ${given[i % 10]} ${i}`,
      'Nam',
      '12/03/1975',
      'Kinh',
      'Không',
      null,
      `${cardPrefix}${String(i).padStart(5, '0')}`,
      '03/02/2005',
      '03/02/2006',
      'TS.03',
      'Chính thức',
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
