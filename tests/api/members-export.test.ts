// The member list as Excel: what a secretary opens in Excel must read as Vietnamese
// (headers, dd/mm/yyyy dates, statuses and theory levels in words), in the list's order,
// and the streamed file must be complete however many batches it took.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t as translate } from '../../src/i18n/messages.ts';
import { buildAccess, loadGrants } from '../../src/modules/access/access.ts';
import { readFirstSheetRows } from '../../src/modules/imports/read-sheet-rows.ts';
import { exportMembers } from '../../src/modules/members/export-members.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let as: Client;
let cell: number;
let userId: number;

async function readSheet(data: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) =>
    rows.push(
      Array.from(row.values as unknown[])
        .slice(1)
        .map((v) => (v === null || v === undefined ? '' : String(v))),
    ),
  );
  return rows;
}

/** The secretary's access, as the route builds it, for calling the export directly. */
async function secretaryAccess() {
  const user = await t.database.db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'member_id'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return buildAccess(user, await loadGrants(t.database.db, userId));
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  t = await createTestApp();
  cell = await t.unit({ code: 'TM-07', name: 'Chi bộ ấp 7' });
  await t.member({
    fullName: 'Đặng Thị Ánh',
    unitId: cell,
    sex: 'nu',
    dateOfBirth: '1975-09-02',
    ethnicity: 'Khmer',
    religion: 'Phật giáo',
    citizenId: '087175000123',
    partyCardNumber: '87000123',
    admittedOn: '1999-05-19',
    fullMemberOn: '2000-05-19',
    theoryLevel: 'trung_cap',
    phone: '0912345678',
    status: 'chinh_thuc',
  });
  await t.member({ fullName: 'Võ Văn Bé', unitId: cell, status: 'du_bi', dateOfBirth: '2001-01-05', partyCardNumber: null });
  userId = await t.user('bithu', [{ role: 'secretary', unitId: cell }]);
  as = await t.as('bithu');
});
afterAll(() => t.close());

describe('GET /members/export.xlsx', () => {
  it('is an xlsx download with Vietnamese headers, dd/mm/yyyy dates and words for codes', async () => {
    const res = await as({ method: 'GET', url: '/api/v1/members/export.xlsx' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain('.xlsx');
    const [header, first, second] = await readSheet(res.rawPayload);
    expect(header).toEqual([
      'STT',
      'Họ và tên',
      'Giới tính',
      'Ngày sinh (dd/mm/yyyy)',
      'Dân tộc',
      'Tôn giáo',
      'Quê quán',
      'Nơi ở',
      'Số CCCD',
      'Số thẻ đảng',
      'Ngày vào Đảng',
      'Ngày chính thức',
      'Ngày về sinh hoạt tại chi bộ',
      'Trình độ học vấn',
      'Lý luận chính trị',
      'Nghề nghiệp',
      'Chức vụ',
      'Điện thoại',
      'Mã chi bộ',
      'Tên chi bộ',
      'Trạng thái',
    ]);
    expect(first).toEqual([
      '1',
      'Đặng Thị Ánh',
      'Nữ',
      '02/09/1975',
      'Khmer',
      'Phật giáo',
      '',
      '',
      '087175000123',
      '87000123',
      '19/05/1999',
      '19/05/2000',
      '01/01/2020',
      '',
      'Trung cấp',
      '',
      '',
      '0912345678',
      'TM-07',
      'Chi bộ ấp 7',
      'Chính thức',
    ]);
    expect(second).toMatchObject({ 0: '2', 1: 'Võ Văn Bé', 2: 'Nam', 3: '05/01/2001', 20: 'Dự bị' });
  });

  it('takes the list filters, and speaks English when asked', async () => {
    const probationary = await readSheet((await as({ method: 'GET', url: '/api/v1/members/export.xlsx?status=du_bi' })).rawPayload);
    expect(probationary.slice(1).map((r) => r[1])).toEqual(['Võ Văn Bé']);
    const en = await readSheet((await as({ method: 'GET', url: '/api/v1/members/export.xlsx?q=anh', headers: { 'accept-language': 'en' } })).rawPayload);
    expect(en[0]!.slice(0, 4)).toEqual(['No.', 'Full name', 'Sex', 'Date of birth (dd/mm/yyyy)']);
    expect(en[1]).toMatchObject({ 1: 'Đặng Thị Ánh', 2: 'Female', 14: 'Intermediate', 20: 'Full member' });
  });

  it('records who exported what in the audit trail', async () => {
    const rows = await t.database.db.selectFrom('audit_log').select(['action', 'actor_user_id']).where('action', '=', 'member.export').execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.actor_user_id).toBe(userId);
  });
});

describe('streaming in batches', () => {
  it('writes every row once, in order, across batch boundaries and identical names', async () => {
    const extra = ['Nguyễn Văn Cường', 'Nguyễn Văn Cường', 'Nguyễn Văn Cường', 'Lý Thị Dung', 'Hồ Văn Em'];
    for (const fullName of extra) await t.member({ fullName, unitId: cell });
    const access = await secretaryAccess();
    const rows = await readSheet(await collect(await exportMembers(t.database.db, access, {}, 'vi', { batchSize: 2 })));
    expect(rows.slice(1).map((r) => [r[0], r[1]])).toEqual([
      ['1', 'Đặng Thị Ánh'],
      ['2', 'Võ Văn Bé'],
      ['3', 'Nguyễn Văn Cường'],
      ['4', 'Nguyễn Văn Cường'],
      ['5', 'Nguyễn Văn Cường'],
      ['6', 'Lý Thị Dung'],
      ['7', 'Hồ Văn Em'],
    ]);
  });
});

describe('a list longer than a sheet holds', () => {
  it('is refused before any byte is sent, saying how to narrow it', async () => {
    const access = await secretaryAccess();
    // The cell has more than 3 members: with a 3-row sheet the export is refused, not cut.
    await expect(exportMembers(t.database.db, access, {}, 'vi', { maxRows: 3 })).rejects.toMatchObject({ code: 'members.export_too_many_rows', status: 400 });
    const rows = await readSheet(await collect(await exportMembers(t.database.db, access, { status: ['du_bi'] }, 'vi', { maxRows: 3 })));
    expect(rows.slice(1).map((r) => r[1])).toEqual(['Võ Văn Bé']);
    expect(translate('vi', 'errors.members.export_too_many_rows', { limit: '1.048.575' })).toBe(
      'Danh sách có hơn 1.048.575 đảng viên — quá số dòng một trang tính Excel chứa được. Hãy lọc theo đơn vị, trạng thái hoặc tên rồi xuất lại.',
    );
  });
});

describe('text that XML would misread', () => {
  it("comes back exactly as typed, through Excel's reader and the import's", async () => {
    const other = await t.unit({ code: 'TM-08', name: 'Chi bộ "Ấp 8" & <Xóm Mới>' });
    // A bell (U+0007) and U+FFFF, which XML cannot hold: dropped, or Excel would call the file corrupt.
    await t.member({ fullName: 'Trần Văn Tâm', unitId: other, hometown: 'Ấp 3 & 4 <cũ>\u0007', occupation: '  Làm "rẫy"\uffff  ' });
    await t.user('bithu8', [{ role: 'secretary', unitId: other }]);
    const res = await (await t.as('bithu8'))({ method: 'GET', url: '/api/v1/members/export.xlsx' });
    expect(res.statusCode).toBe(200);
    const row = (await readSheet(res.rawPayload))[1]!;
    expect([row[1], row[6], row[15], row[19]]).toEqual(['Trần Văn Tâm', 'Ấp 3 & 4 <cũ>', '  Làm "rẫy"  ', 'Chi bộ "Ấp 8" & <Xóm Mới>']);
    // The import reads an exported file back (its checks on the zip and the sheet included).
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'chibo-export-')), 'export.xlsx');
    await fs.writeFile(file, res.rawPayload);
    const rows = [];
    for await (const r of readFirstSheetRows(file)) rows.push(r);
    expect(rows.map((r) => r.cells[1])).toEqual(['Họ và tên', 'Trần Văn Tâm']);
    expect(rows[1]!.cells[6]).toBe('Ấp 3 & 4 <cũ>');
  });
});
