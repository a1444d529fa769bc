import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartBody, multipartFile } from '../helpers/multipart.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';

const HEADERS = [
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
  'Trạng thái',
];
type Cell = string | number | Date | null;
type Row = Partial<Record<(typeof HEADERS)[number], Cell>>;

async function xlsx(rows: Row[], headers: readonly string[] = HEADERS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Đảng viên');
  sheet.addRow([...headers]);
  for (const r of rows) sheet.addRow(headers.map((h) => r[h] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const upload = (content: Buffer, fileName = 'dang-vien.xlsx', type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') =>
  multipartFile(fileName, content, type);

const person = (i: number, extra: Row = {}): Row => ({
  'Họ và tên': `Nguyễn Văn Thử ${String.fromCharCode(65 + i)}`,
  'Giới tính': 'Nam',
  'Ngày sinh (dd/mm/yyyy)': '17/05/1980',
  'Số CCCD': `02608000${String(1000 + i)}`,
  'Số thẻ đảng': `26.10${String(1000 + i)}`,
  'Ngày vào Đảng': '03/02/2005',
  'Ngày chính thức': '03/02/2006',
  'Lý luận chính trị': 'Sơ cấp',
  'Mã chi bộ': 'BB.01',
  'Trạng thái': 'Chính thức',
  ...extra,
});

let t: TestApp;
let commune: number;
let otherCell: number;
let cells: number[];
let officer: Client;
const importInto = (unitId: number, mode: 'dry-run' | 'apply', file: Buffer, as: Client = officer) =>
  as({ method: 'POST', url: `/api/v1/imports/members?unitId=${unitId}&mode=${mode}`, ...upload(file) });
const membersIn = async (unitId: number) =>
  (
    await t.database.db
      .selectFrom('members as m')
      .innerJoin('units as u', 'u.id', 'm.unit_id')
      .select('m.full_name')
      .where('u.path', 'like', `%/${unitId}/%`)
      .orderBy('m.id')
      .execute()
  ).map((r) => r.full_name);

beforeAll(async () => {
  t = await createTestApp();
  const province = await t.unit({ code: 'VP', name: 'Đảng bộ tỉnh Vĩnh Phúc', kind: 'dang_bo_tinh' });
  commune = await t.unit({ code: 'BB', name: 'Đảng bộ xã Bắc Bình', kind: 'dang_bo_xa', parentId: province });
  cells = [
    await t.unit({ code: 'BB.01', name: 'Chi bộ thôn Bắc Sơn', parentId: commune }),
    await t.unit({ code: 'BB.02', name: 'Chi bộ thôn Đông Thịnh', parentId: commune }),
  ];
  const otherCommune = await t.unit({ code: 'TP', name: 'Đảng bộ xã Tân Phong', kind: 'dang_bo_xa', parentId: province });
  otherCell = await t.unit({ code: 'TP.01', name: 'Chi bộ thôn Yên Lập', parentId: otherCommune });
  await t.member({ unitId: otherCell, fullName: 'Trần Thị Ngoài', sex: 'nu', partyCardNumber: '26.999999' });
  await t.user('tochuc', [{ role: 'org_officer', unitId: commune }]);
  await t.user('capuy', [{ role: 'committee', unitId: commune }]);
  officer = await t.as('tochuc');
});
afterAll(() => t.close());

describe('member import from xlsx', () => {
  it('offers a template with the Vietnamese headers and an instructions sheet', async () => {
    const res = await officer({ method: 'GET', url: '/api/v1/imports/members/template.xlsx' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const [members, help] = workbook.worksheets;
    expect(members!.name).toBe('Đảng viên');
    expect((members!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(help!.name).toBe('Hướng dẫn');
    expect(help!.getColumn(3).values.join(' ')).toContain('Dự bị hoặc Chính thức');
  });

  it('imports nothing from a file with 3 bad rows, and lists exactly those rows and columns', async () => {
    const file = await xlsx([
      person(0),
      person(1, { 'Ngày sinh (dd/mm/yyyy)': '31/02/1980' }), // row 3: no such date
      person(2),
      person(3, { 'Số thẻ đảng': '26.101000' }), // row 5: same card as row 2
      person(4, { 'Mã chi bộ': 'TP.01' }), // row 6: a cell outside Bắc Bình
      person(5),
    ]);
    const dry = await importInto(commune, 'dry-run', file);
    expect(dry.statusCode).toBe(200);
    const expected = [
      { row: 3, column: 'Ngày sinh (dd/mm/yyyy)', message: expect.stringContaining('31/02/1980') },
      { row: 5, column: 'Số thẻ đảng', message: 'Trùng với dòng 2 trong cùng tệp.' },
      { row: 6, column: 'Mã chi bộ', message: 'Không có chi bộ mã "TP.01" trong Đảng bộ xã Bắc Bình.' },
    ];
    expect(dry.json()).toEqual({ mode: 'dry-run', imported: false, totalRows: 6, valid: 3, created: 3, updated: 0, errors: expected });

    const apply = await importInto(commune, 'apply', file);
    expect(apply.statusCode).toBe(422);
    expect(apply.headers['content-type']).toContain('application/problem+json');
    const problem = apply.json();
    expect(problem.title).toBe('Tệp có 3 lỗi nên chưa nhập dòng nào. Hãy sửa các dòng được liệt kê rồi nhập lại.');
    expect(problem.report.errors).toEqual(expected);
    // The refused apply's report says plainly that nothing was added or updated.
    expect(problem.report).toMatchObject({ mode: 'apply', imported: false, created: 0, updated: 0 });
    expect(await membersIn(commune)).toEqual([]);

    // The refused rows, as a workbook to fix the file from.
    const sheet = await officer({
      method: 'POST',
      url: '/api/v1/imports/members/errors.xlsx',
      payload: { fileName: 'dang-vien.xlsx', errors: problem.report.errors },
    });
    expect(sheet.statusCode).toBe(200);
    expect(sheet.headers['content-disposition']).toContain('.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(sheet.rawPayload as unknown as ArrayBuffer);
    const rows = book.worksheets[0]!.getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1).join(' | '));
    expect(rows).toEqual(
      expect.arrayContaining(['Tệp: dang-vien.xlsx', 'Số lỗi: 3', 'Dòng | Cột | Lỗi', `5 | Số thẻ đảng | Trùng với dòng 2 trong cùng tệp.`]),
    );
    expect(rows.find((r) => r.startsWith('Ngày kiểm tra: '))).toMatch(/^Ngày kiểm tra: \d{2}\/\d{2}\/\d{4}$/);
  });

  it('explains in Vietnamese what is wrong in each cell', async () => {
    const file = await xlsx([
      person(0, { 'Họ và tên': null }),
      person(1, { 'Số CCCD': '12345' }),
      person(2, { 'Số thẻ đảng': '26.999999' }),
      person(3, { 'Giới tính': 'X', 'Trạng thái': 'Khai trừ' }),
      person(4, { 'Mã chi bộ': null }),
    ]);
    const res = await importInto(commune, 'dry-run', file);
    expect(res.json().errors).toEqual([
      { row: 2, column: 'Họ và tên', message: 'Bắt buộc nhập.' },
      { row: 3, column: 'Số CCCD', message: 'Số căn cước phải gồm đúng 12 chữ số, bắt đầu bằng mã tỉnh (001–096).' },
      // Held in another commune, outside the officer's scope: anonymous, for the board (membership-oracle.test.ts).
      { row: 4, column: 'Số thẻ đảng', message: 'Số thẻ đảng viên/CCCD này cần Ban tổ chức xử lý.' },
      { row: 5, column: 'Giới tính', message: 'Giới tính phải là "Nam" hoặc "Nữ", không phải "X".' },
      { row: 6, column: 'Mã chi bộ', message: expect.stringContaining('không phải chi bộ') },
    ]);
  });

  it("holds a row to the member form's date rules, naming the column (found by an outside probe)", async () => {
    const file = await xlsx([
      person(0, { 'Ngày sinh (dd/mm/yyyy)': '05/05/1990', 'Ngày vào Đảng': '03/03/2000', 'Ngày chính thức': null, 'Trạng thái': 'Dự bị' }),
      person(1, { 'Ngày vào Đảng': '03/03/2010', 'Ngày chính thức': null, 'Trạng thái': 'Chính thức' }),
    ]);
    const res = await importInto(commune, 'dry-run', file);
    expect(res.json().errors).toEqual([
      { row: 2, column: 'Ngày vào Đảng', message: expect.stringMatching(/đủ 18 tuổi/) },
      { row: 3, column: 'Trạng thái', message: expect.stringMatching(/^Trạng thái đi theo ngày chính thức/) },
    ]);
    // A file without the date's column says nothing about it: 'Chính thức' is not held against a date it does not give.
    const withoutDate = await xlsx(
      [person(2)],
      HEADERS.filter((h) => h !== 'Ngày chính thức'),
    );
    expect((await importInto(commune, 'dry-run', withoutDate)).json().errors).toEqual([]);
  });

  it('imports a good file whole, reading Excel dates and numbers that lost their leading zero', async () => {
    const file = await xlsx([
      person(0, { 'Ngày sinh (dd/mm/yyyy)': new Date(Date.UTC(1975, 0, 9)), 'Số CCCD': 26080001000, 'Điện thoại': 912345678 }),
      person(1, { 'Giới tính': 'Nữ', 'Họ và tên': 'lê thị  hoa', 'Mã chi bộ': 'BB.02' }),
      person(2, { 'Ngày chính thức': null, 'Trạng thái': 'Dự bị', 'Số thẻ đảng': null, 'Ngày vào Đảng': '10/03/2025' }),
      person(3),
    ]);
    const res = await importInto(commune, 'apply', file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ mode: 'apply', imported: true, totalRows: 4, valid: 4, created: 4, updated: 0, errors: [] });
    expect(await membersIn(commune)).toEqual(['Nguyễn Văn Thử A', 'Lê Thị Hoa', 'Nguyễn Văn Thử C', 'Nguyễn Văn Thử D']);
    const first = await t.database.db.selectFrom('members').selectAll().where('full_name', '=', 'Nguyễn Văn Thử A').executeTakeFirstOrThrow();
    expect(first).toMatchObject({ date_of_birth: '1975-01-09', citizen_id: '026080001000', phone: '0912345678', status: 'chinh_thuc', theory_level: 'so_cap' });
    const statuses = await t.database.db
      .selectFrom('member_statuses')
      .select(['status', 'valid_from', 'valid_to'])
      .where('member_id', '=', first.id)
      .orderBy('valid_from')
      .execute();
    expect(statuses).toEqual([
      { status: 'du_bi', valid_from: '2005-02-03', valid_to: '2006-02-03' },
      { status: 'chinh_thuc', valid_from: '2006-02-03', valid_to: null },
    ]);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('action', 'in', ['member.create', 'import.apply'])
      .where('unit_id', 'in', [commune, ...cells])
      .execute();
    expect(audit.filter((a) => a.action === 'member.create')).toHaveLength(4);
    expect(audit.filter((a) => a.action === 'import.apply')).toHaveLength(1);
  });

  it('updates the same members when the file is imported again, instead of duplicating them', async () => {
    const file = await xlsx([
      person(0, { 'Họ và tên': 'Nguyễn Văn Thử Sửa', 'Số CCCD': 26080001000 }),
      person(1, { 'Giới tính': 'Nữ', 'Họ và tên': 'Lê Thị Hoa', 'Mã chi bộ': 'BB.02' }),
      // Recognised as a full member since the last import (matched by citizen ID: no card yet).
      person(2, { 'Ngày chính thức': '10/03/2026', 'Trạng thái': 'Chính thức', 'Số thẻ đảng': null, 'Ngày vào Đảng': '10/03/2025' }),
      person(3, { 'Mã chi bộ': 'BB.02' }),
      person(6),
    ]);
    const res = await importInto(commune, 'apply', file);
    expect(res.json()).toMatchObject({ totalRows: 5, valid: 5, created: 1, updated: 4, errors: [] });
    expect(await membersIn(commune)).toEqual(['Nguyễn Văn Thử Sửa', 'Lê Thị Hoa', 'Nguyễn Văn Thử C', 'Nguyễn Văn Thử D', 'Nguyễn Văn Thử G']);
    // The move to another cell is history, not an overwrite.
    const moved = await t.database.db.selectFrom('members').select(['id', 'unit_id']).where('full_name', '=', 'Nguyễn Văn Thử D').executeTakeFirstOrThrow();
    const placements = await t.database.db.selectFrom('member_placements').select(['valid_to']).where('member_id', '=', moved.id).orderBy('id').execute();
    expect(placements).toHaveLength(2);
    expect(placements[0]!.valid_to).not.toBeNull();
    const promoted = await t.database.db.selectFrom('members').select(['id', 'status']).where('full_name', '=', 'Nguyễn Văn Thử C').executeTakeFirstOrThrow();
    expect(promoted.status).toBe('chinh_thuc');
    const history = await t.database.db
      .selectFrom('member_statuses')
      .select(['status', 'valid_from', 'valid_to'])
      .where('member_id', '=', promoted.id)
      .orderBy('id')
      .execute();
    expect(history).toEqual([
      { status: 'du_bi', valid_from: '2025-03-10', valid_to: '2026-03-10' },
      { status: 'chinh_thuc', valid_from: '2026-03-10', valid_to: null },
    ]);
  });

  it("answers 404 for a unit outside the caller's scope, and 403 for a read-only role", async () => {
    const file = await xlsx([person(0)]);
    expect((await importInto(otherCell, 'dry-run', file)).statusCode).toBe(404);
    const readOnly = await t.as('capuy');
    expect((await importInto(commune, 'dry-run', file, readOnly)).statusCode).toBe(403);
  });

  it('refuses a file that is not xlsx with a Vietnamese problem', async () => {
    const res = await officer({
      method: 'POST',
      url: `/api/v1/imports/members?unitId=${commune}&mode=dry-run`,
      ...upload(Buffer.from('Họ và tên,Giới tính\nA,Nam\n'), 'ds.csv', 'text/csv'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().title).toContain('không phải tệp Excel .xlsx');
  });

  it('refuses a broken upload (cut off before its closing boundary, without the boundary it announced, or with a boundary over 256 characters) with 400, not 500 (found by the fuzzer)', async () => {
    const file = await xlsx([person(0)]);
    const cutOff = multipartBody([{ name: 'file', fileName: 'ds.xlsx', content: file }], { closed: false });
    const otherBoundary = { ...multipartFile('ds.xlsx', file), headers: { 'content-type': 'multipart/form-data; boundary=x' } };
    // RFC 2046 allows 70 characters; the parser refuses one over 256.
    const longBoundary = multipartBody([{ name: 'file', fileName: 'ds.xlsx', content: file }], { boundary: 'b'.repeat(300) });
    for (const broken of [cutOff, otherBoundary, longBoundary]) {
      const res = await officer({ method: 'POST', url: `/api/v1/imports/members?unitId=${commune}&mode=apply`, ...broken });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().title).toMatch(/^(Yêu cầu không hợp lệ\.|Nội dung tải lên không đúng dạng multipart\/form-data)/);
    }
    expect(await membersIn(commune)).not.toContain(person(0)['Họ và tên']);
  });
});

describe('a member with neither a party card nor a citizen ID number (found by an outside probe)', () => {
  it('is recognised by full name and date of birth when the file is imported again, not added twice', async () => {
    const unnumbered = (extra: Row = {}) =>
      person(20, {
        'Họ và tên': 'Đỗ Thị Thu Trang',
        'Giới tính': 'Nữ',
        'Số CCCD': null,
        'Số thẻ đảng': null,
        'Ngày chính thức': null,
        'Trạng thái': 'Dự bị',
        ...extra,
      });
    expect((await importInto(commune, 'apply', await xlsx([unnumbered()]))).json()).toMatchObject({ created: 1, updated: 0, errors: [] });
    const again = await importInto(commune, 'dry-run', await xlsx([unnumbered({ 'Mã chi bộ': 'BB.02' })]));
    expect(again.json()).toMatchObject({ created: 0, updated: 1, errors: [] });
    expect((await importInto(commune, 'apply', await xlsx([unnumbered()]))).json()).toMatchObject({ created: 0, updated: 1, errors: [] });
    expect((await membersIn(commune)).filter((n) => n === 'Đỗ Thị Thu Trang')).toHaveLength(1);
    // Born on another day: another person.
    expect((await importInto(commune, 'dry-run', await xlsx([unnumbered({ 'Ngày sinh (dd/mm/yyyy)': '18/05/1980' })]))).json()).toMatchObject({
      created: 1,
      updated: 0,
    });
    // Twice in one file: the second row is the first one's duplicate.
    const twice = await importInto(commune, 'dry-run', await xlsx([unnumbered(), unnumbered({ 'Mã chi bộ': 'BB.02' })]));
    expect(twice.json().errors).toEqual([{ row: 3, column: 'Họ và tên', message: 'Trùng với dòng 2 trong cùng tệp.' }]);
    // The card issued since: the same member gets it.
    const carded = await importInto(commune, 'apply', await xlsx([unnumbered({ 'Số thẻ đảng': '26.777001' })]));
    expect(carded.json()).toMatchObject({ created: 0, updated: 1, errors: [] });
    const trang = await t.database.db.selectFrom('members').select('party_card_number').where('full_name', '=', 'Đỗ Thị Thu Trang').execute();
    expect(trang).toEqual([{ party_card_number: '26.777001' }]);
  });

  it('is not matched to a namesake who has left the party', async () => {
    const gone = await t.member({ fullName: 'Lương Văn Cũ', dateOfBirth: '1970-01-01', unitId: cells[0]!, partyCardNumber: null });
    await t.database.db.updateTable('members').set({ status: 'xoa_ten' }).where('id', '=', gone).execute();
    const row = person(22, { 'Họ và tên': 'Lương Văn Cũ', 'Ngày sinh (dd/mm/yyyy)': '01/01/1970', 'Số CCCD': null, 'Số thẻ đảng': null });
    expect((await importInto(commune, 'dry-run', await xlsx([row]))).json()).toMatchObject({ created: 1, updated: 0, errors: [] });
  });

  it('asks for a number when two such members share the name and date of birth', async () => {
    const twin = { fullName: 'Hà Văn Song', dateOfBirth: '1970-01-01' };
    await t.member({ ...twin, unitId: cells[0]!, partyCardNumber: null });
    await t.member({ ...twin, unitId: cells[1]!, partyCardNumber: null });
    const res = await importInto(
      commune,
      'dry-run',
      await xlsx([person(21, { 'Họ và tên': 'Hà Văn Song', 'Ngày sinh (dd/mm/yyyy)': '01/01/1970', 'Số CCCD': null, 'Số thẻ đảng': null })]),
    );
    expect(res.json().errors).toEqual([
      {
        row: 2,
        column: 'Số thẻ đảng',
        message:
          'Có 2 đảng viên trong đơn vị cùng họ tên và ngày sinh này mà chưa có số thẻ đảng, số CCCD; hãy ghi số thẻ đảng hoặc số CCCD để biết dòng này là của ai.',
      },
    ]);
  });
});
