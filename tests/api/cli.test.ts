// The command line as an operator uses it: help, and the data-folder lock that keeps a
// second process away from an embedded database already in use.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connect.ts';
import { insertUnit } from '../../src/modules/units/create-unit.ts';
import { SHORT_LIVED_PROCESS_FLAGS } from '../helpers/chibo-process.ts';
import { openTestDatabase } from '../helpers/test-database.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function chibo(...args: string[]) {
  // Always the embedded database here: the lock is a PGlite matter.
  return spawnSync(process.execPath, [...SHORT_LIVED_PROCESS_FLAGS, 'bin/chibo.mjs', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '' },
    timeout: 60_000,
  });
}

// The cases open PGlite data folders only (DATABASE_URL is cleared for the command), so the
// PostgreSQL run would repeat the PGlite run's work exactly: they run in the PGlite run.
const onPostgres = Boolean(process.env.DATABASE_URL);
if (onPostgres) console.warn('cli.test.ts: skipped on PostgreSQL: the command line is checked on PGlite data folders, in the PGlite run');

// Each case starts chibo as a process (seconds apiece on a busy 2-core machine).
describe.skipIf(onPostgres)('chibo command line', { timeout: 120_000 }, () => {
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
    // A folder already migrated (the tests' template): the second migrate has only the lock to show.
    const held = await openTestDatabase({ dataDir });
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
    const database = await openTestDatabase({ dataDir });
    try {
      const province = await insertUnit(database.db, null, {
        code: 'T',
        name: 'Đảng bộ tỉnh',
        kind: 'dang_bo_tinh',
        parentId: null,
        establishedOn: '2020-01-01',
      });
      await insertUnit(database.db, null, { code: 'X', name: 'Đảng bộ xã', kind: 'dang_bo_xa', parentId: province, establishedOn: '2020-01-01' });
      // A row gone wrong behind the model's back: the rebuild puts it right and says so.
      await database.db.deleteFrom('unit_ancestry').where('depth', '=', 1).execute();
      // And a member whose facts were lost: the rebuild puts them back and says so.
      await sql`insert into members (full_name, given_name, search_name, sort_key, sex, date_of_birth, unit_id, status)
        values ('Nguyễn Văn A', 'A', 'nguyen van a', 'a', 'nam', '1980-01-01', ${province}, 'chinh_thuc')`.execute(database.db);
      const [m] = (await sql<{ id: number }>`select max(id) as id from members`.execute(database.db)).rows;
      await sql`insert into member_placements (member_id, unit_id, valid_from) values (${m!.id}, ${province}, '2020-01-01')`.execute(database.db);
      await sql`insert into member_statuses (member_id, status, valid_from) values (${m!.id}, 'chinh_thuc', '2020-01-01')`.execute(database.db);
      await sql`delete from member_facts`.execute(database.db);
      // And a per-subtree member count gone wrong.
      await sql`insert into subtree_member_counts (ancestor_id, dim, key, n) values (${province}, 's', 'chinh_thuc', 5)`.execute(database.db);
      // And a per-cell-month meeting sum gone wrong.
      await sql`insert into cell_month_facts values (${province}, '2026-01-01', 1, 0, 0, 1, 5, 4, 0, 0, 0, 0, 1)`.execute(database.db);
      // And a per-ancestor meeting sum gone wrong.
      await sql`insert into subtree_month_sums values (${province}, '2026-02-01', 1, 5, 4, 0, 0, 0, 0, 1)`.execute(database.db);
    } finally {
      await database.close();
    }
    const res = chibo('rebuild-history', '--data-dir', dataDir);
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toContain('Đã dựng lại: 2 tổ chức đảng, 3 dòng');
    expect(res.stdout).toContain('Khác với bảng đang giữ trước khi dựng lại: 1 dòng.');
    expect(res.stdout).toContain('Dữ kiện đảng viên cho số liệu (member_facts) khác với bảng đang giữ: 1 dòng.');
    expect(res.stdout).toContain('Số đảng viên theo từng cây đơn vị (subtree_member_counts) khác với bảng đang giữ: 1 khóa.');
    expect(res.stdout).toContain('Tổng hợp cuộc họp theo chi bộ và tháng (cell_month_facts) khác với bảng đang giữ: 1 dòng.');
    expect(res.stdout).toContain(
      'Tổng hợp cuộc họp theo từng cây đơn vị (subtree_month_sums, cell_islands, cell_year_held, subtree_year_patterns, subtree_island_shapes, unexcused_absences) khác với bảng đang giữ: 1 dòng.',
    );
    const again = chibo('rebuild-history', '--data-dir', dataDir);
    expect(again.stdout).toContain('Khác với bảng đang giữ trước khi dựng lại: 0 dòng.');
    expect(again.stdout).toContain('Dữ kiện đảng viên cho số liệu (member_facts) khác với bảng đang giữ: 0 dòng.');
    expect(again.stdout).toContain('Số đảng viên theo từng cây đơn vị (subtree_member_counts) khác với bảng đang giữ: 0 khóa.');
    expect(again.stdout).toContain('Tổng hợp cuộc họp theo chi bộ và tháng (cell_month_facts) khác với bảng đang giữ: 0 dòng.');
    expect(again.stdout).toContain(
      'Tổng hợp cuộc họp theo từng cây đơn vị (subtree_month_sums, cell_islands, cell_year_held, subtree_year_patterns, subtree_island_shapes, unexcused_absences) khác với bảng đang giữ: 0 dòng.',
    );
  }, 180_000); // three PGlite starts

  it('says plainly that an --apply on a file with errors imported nothing, and a dry run that it wrote nothing', async () => {
    const dataDir = path.join(dir, 'import-data');
    const database = await openTestDatabase({ dataDir });
    try {
      const commune = await insertUnit(database.db, null, {
        code: 'BB',
        name: 'Đảng bộ xã Bắc Bình',
        kind: 'dang_bo_xa',
        parentId: null,
        establishedOn: '2020-01-01',
      });
      await insertUnit(database.db, null, { code: 'BB.01', name: 'Chi bộ thôn 1', kind: 'chi_bo', parentId: commune, establishedOn: '2020-01-01' });
    } finally {
      await database.close();
    }
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Đảng viên');
    sheet.addRow(['Họ và tên', 'Giới tính', 'Ngày sinh (dd/mm/yyyy)', 'Ngày vào Đảng', 'Mã chi bộ']);
    sheet.addRow(['Nguyễn Văn An', 'Nam', '17/05/1980', '03/02/2005', 'BB.01']);
    sheet.addRow(['Trần Thị Bình', 'Nữ', '31/02/1981', '03/02/2006', 'BB.01']);
    const file = path.join(dir, 'dang-vien.xlsx');
    await wb.xlsx.writeFile(file);

    const apply = chibo('import', file, '--unit', 'BB', '--apply', '--data-dir', dataDir);
    expect(apply.status).toBe(1);
    expect(apply.stdout).toContain('KHÔNG nhập dòng nào: tệp có 1 lỗi (trong 2 dòng)');
    expect(apply.stdout).toContain('Dòng 3');
    expect(apply.stdout).not.toContain('Chạy thử');
    expect(apply.stdout).not.toMatch(/\d+ đảng viên mới/);

    const dry = chibo('import', file, '--unit', 'BB', '--data-dir', dataDir);
    expect(dry.stdout).toContain('Chạy thử, chưa ghi gì: 2 dòng, 1 hợp lệ, 1 lỗi.');
    const check = await openDatabase({ dataDir });
    try {
      const n = await check.db
        .selectFrom('members')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(0);
    } finally {
      await check.close();
    }
  });
});
