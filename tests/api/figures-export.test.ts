// The dashboard's files: each table as .xlsx with its Vietnamese headings and the unit,
// date or period and date of extraction above it; the one-page summary as a .docx that
// opens. A restructuring after the chosen date (a rename, a cell created later) does not
// show in a file for that date.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInVietnam } from '../../src/domain/calendar.ts';
import { documentDateLine } from '../../src/domain/meeting-time.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { closeQuietly } from './meetings.fixtures.ts';

let t: TestApp;
let huyen: Client;
const u: Record<string, number> = {};
const extracted = () => {
  const d = todayInVietnam();
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
};

async function meeting(unitId: number, date: string, members: number[]) {
  const row = await t.database.db
    .insertInto('meetings')
    .values({
      unit_id: unitId,
      kind: 'regular',
      held_on: date,
      starts_at: new Date(`${date}T08:00:00+07:00`),
      ends_at: new Date(`${date}T10:00:00+07:00`),
      place: 'Nhà văn hóa',
      topic: `Sinh hoạt ${date}`,
      status: 'planned',
      check_in_code: '123456',
      check_in_secret: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const memberId of members)
    await t.database.db.insertInto('meeting_attendance').values({ meeting_id: row.id, member_id: memberId, status: 'present' }).execute();
}

async function workbook(client: Client, url: string, headers: Record<string, string> = {}) {
  const res = await client({ method: 'GET', url, headers });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  expect(res.headers['content-disposition']).toMatch(/attachment; filename=".+\.xlsx"/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}

/** The sheet's rows as arrays of cell values (1-based rows and cells, as Excel numbers them). */
const rows = (ws: ExcelJS.Worksheet) => (ws.getSheetValues() as unknown[][]).map((r) => (r ? r.slice(1) : []));

beforeAll(async () => {
  t = await createTestApp();
  u.province = await t.unit({ code: 'DB', name: 'Đảng bộ tỉnh Điện Biên', kind: 'dang_bo_tinh', establishedOn: '1950-01-01' });
  u.commune = await t.unit({ code: 'QL', name: 'Đảng bộ xã Quảng Lâm', kind: 'dang_bo_xa', parentId: u.province });
  u.A = await t.unit({ code: 'QL-A', name: 'Chi bộ bản Nà Pền', parentId: u.commune });
  u.B = await t.unit({ code: 'QL-B', name: 'Chi bộ bản Huổi Lụ', parentId: u.commune });
  const a = [
    await t.member({ unitId: u.A, fullName: 'Lò Văn Một', sex: 'nam', dateOfBirth: '1990-03-01' }),
    await t.member({ unitId: u.A, fullName: 'Lò Thị Hai', sex: 'nu', dateOfBirth: '1975-03-01' }),
    await t.member({ unitId: u.A, fullName: 'Lò Văn Ba', sex: 'nam', dateOfBirth: '1950-03-01' }),
  ];
  await t.member({ unitId: u.B, fullName: 'Quàng Văn Bốn', sex: 'nam', dateOfBirth: '1985-03-01' });
  await t.member({ unitId: u.B, fullName: 'Quàng Thị Năm', sex: 'nu', dateOfBirth: '1999-03-01' });
  for (const m of ['01', '02', '03', '04', '05', '06']) await meeting(u.A, `2025-${m}-05`, a);
  await t.user('huyen', [{ role: 'org_officer', unitId: u.commune }]);
  await t.user('bithu-a', [{ role: 'secretary', unitId: u.A }]);
  huyen = await t.as('huyen');
  // After 30/06/2025: B is renamed, and a new cell C is created.
  const renamed = await huyen({
    method: 'POST',
    url: `/api/v1/units/${u.B}/rename`,
    payload: { name: 'Chi bộ bản Huổi Lụ Mới', effectiveOn: '2025-07-01', decisionNumber: '12-QĐ/ĐU' },
  });
  expect(renamed.statusCode, renamed.body).toBe(200);
  const created = await huyen({
    method: 'POST',
    url: '/api/v1/units',
    payload: { code: 'QL-C', name: 'Chi bộ bản Pa Cá', kind: 'chi_bo', parentId: u.commune, establishedOn: '2025-09-01' },
  });
  expect(created.statusCode, created.body).toBe(201);
  u.C = created.json().id;
});
afterAll(() => closeQuietly(t));

const base = () => `/api/v1/figures/units/${u.commune}`;
const view = 'date=2025-06-30&from=2025-01-01&to=2025-06-30';

describe('the sub-units table as xlsx', () => {
  it('has the unit, date, period and date of extraction above Vietnamese headings, and the tree as it was on the date', async () => {
    const wb = await workbook(huyen, `${base()}/export.xlsx?table=subUnits&${view}`);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổ chức trực thuộc']);
    // Named in Vietnamese words, not after the API's table (found by a phone walkthrough).
    const named = await huyen({ method: 'GET', url: `${base()}/export.xlsx?table=subUnits&${view}` });
    expect(named.headers['content-disposition']).toMatch(/filename="so-lieu-to-chuc-truc-thuoc-[^"]+-2025-06-30\.xlsx"/);
    // The meetings' table is named after the period it counts.
    const meetings = await huyen({ method: 'GET', url: `${base()}/export.xlsx?table=meetings&date=2025-06-30&from=2025-01-01&to=2025-06-30` });
    expect(meetings.headers['content-disposition']).toMatch(/filename="so-lieu-sinh-hoat-[^"]+-2025-01-01-den-2025-06-30\.xlsx"/);
    const r = rows(wb.worksheets[0]!);
    expect(r[1]![0]).toBe('SỐ LIỆU CÁC TỔ CHỨC ĐẢNG TRỰC THUỘC');
    expect(r[2]![0]).toBe('Tổ chức đảng: Đảng bộ xã Quảng Lâm (Đảng bộ tỉnh Điện Biên)');
    expect(r[3]![0]).toBe('Số liệu tại ngày: 30/06/2025');
    expect(r[4]![0]).toBe('Kỳ sinh hoạt: từ 01/01/2025 đến 30/06/2025');
    expect(r[5]![0]).toBe(`Ngày trích xuất: ${extracted()}`);
    expect(r[7]).toEqual([
      'STT',
      'Tổ chức đảng',
      'Loại tổ chức',
      'Đảng viên',
      'Tổ chức cơ sở đảng',
      'Chi bộ',
      'Cuộc sinh hoạt đã tổ chức',
      'Chi bộ sinh hoạt đủ hằng tháng',
      'Tỷ lệ sinh hoạt đủ',
      'Lượt đảng viên dự / phải dự',
      'Tỷ lệ dự sinh hoạt',
    ]);
    const names = r.slice(8).map((row) => row[1]);
    // The old name on 30/06/2025; the cell created on 01/09/2025 is not there.
    expect(names).toEqual(['Chi bộ bản Huổi Lụ', 'Chi bộ bản Nà Pền', 'Toàn Đảng bộ xã Quảng Lâm']);
    const [b, a, total] = r.slice(8);
    expect(a!.slice(2, 7)).toEqual(['Chi bộ', 3, 0, 1, 6]);
    expect(b!.slice(3, 4)).toEqual([2]);
    expect(total!.slice(3, 4)).toEqual([5]);
    // A held its meeting every month: 6 meetings, everyone present.
    expect(a!.slice(7)).toEqual(['1/1', 1, '18/18', 1]);
    expect(wb.worksheets[0]!.getCell(`I${9}`).numFmt).toBe('0.00%');
  });

  it('shows the new name and the new cell for a date after the restructuring', async () => {
    const wb = await workbook(huyen, `${base()}/export.xlsx?table=subUnits&date=2025-10-01&from=2025-01-01&to=2025-10-01`);
    const names = rows(wb.worksheets[0]!)
      .slice(8)
      .map((row) => row[1]);
    expect(names).toEqual(['Chi bộ bản Huổi Lụ Mới', 'Chi bộ bản Nà Pền', 'Chi bộ bản Pa Cá', 'Toàn Đảng bộ xã Quảng Lâm']);
  });

  it('matches the figures API', async () => {
    const api = (await huyen({ method: 'GET', url: `${base()}?date=2025-06-30` })).json();
    const wb = await workbook(huyen, `${base()}/export.xlsx?table=subUnits&${view}`);
    const byName = Object.fromEntries(
      rows(wb.worksheets[0]!)
        .slice(8)
        .map((row) => [row[1], row]),
    );
    for (const s of api.subUnits) expect(byName[s.name]!.slice(3, 6)).toEqual([s.members, s.grassroots, s.cells]);
  });

  it('speaks English when asked', async () => {
    const wb = await workbook(huyen, `${base()}/export.xlsx?table=subUnits&${view}`, { 'accept-language': 'en' });
    const r = rows(wb.worksheets[0]!);
    expect(r[3]![0]).toBe('Figures on: 30/06/2025');
    expect(r[7]![1]).toBe('Party unit');
  });
});

describe('the members and meetings tables as xlsx', () => {
  it('lists the members by group with shares, and the age pyramid by sex', async () => {
    const wb = await workbook(huyen, `${base()}/export.xlsx?table=members&${view}`);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Cơ cấu đảng viên', 'Tháp tuổi']);
    const r = rows(wb.worksheets[0]!);
    expect(r[1]![0]).toBe('CƠ CẤU ĐẢNG VIÊN');
    expect(r[3]![0]).toBe('Số liệu tại ngày: 30/06/2025');
    expect(r[4]![0]).toBe(`Ngày trích xuất: ${extracted()}`);
    expect(r[5]![0]).toBe('Tổng số đảng viên: 5');
    expect(r[7]).toEqual(['Nhóm', 'Chỉ tiêu', 'Số đảng viên', 'Tỷ lệ']);
    const sex = r.filter((row) => row[0] === 'Giới tính').map((row) => row.slice(1));
    expect(sex).toEqual([
      ['Nam', 3, 0.6],
      ['Nữ', 2, 0.4],
    ]);
    const pyramid = rows(wb.worksheets[1]!);
    expect(pyramid[6]).toEqual(['Độ tuổi', 'Nam', 'Nữ', 'Cộng']);
    expect(pyramid.at(-1)).toEqual(['Cộng', 3, 2, 5]);
  });

  it('lists the months of the period and the meetings summary', async () => {
    const wb = await workbook(huyen, `${base()}/export.xlsx?table=meetings&${view}`);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Theo tháng', 'Tổng hợp sinh hoạt']);
    const r = rows(wb.worksheets[0]!);
    expect(r[3]![0]).toBe('Kỳ sinh hoạt: từ 01/01/2025 đến 30/06/2025');
    expect(r[6]).toEqual(['Tháng', 'Chi bộ sinh hoạt thường kỳ / phải sinh hoạt', 'Tỷ lệ sinh hoạt đủ', 'Lượt đảng viên dự / phải dự', 'Tỷ lệ dự sinh hoạt']);
    expect(r.slice(7).map((row) => row[0])).toEqual(['01/2025', '02/2025', '03/2025', '04/2025', '05/2025', '06/2025']);
    // Each month: A met, B did not; A's three members were present.
    expect(r[7]!.slice(1)).toEqual(['1/2', 0.5, '3/3', 1]);
    const summary = Object.fromEntries(
      rows(wb.worksheets[1]!)
        .slice(7)
        .map((row) => [row[0], row.slice(1)]),
    );
    expect(summary['Cuộc sinh hoạt đã tổ chức']![0]).toBe(6);
    expect(summary['Chi bộ sinh hoạt đủ hằng tháng']).toEqual(['1/2', 0.5]);
  });
});

describe('the one-page summary as docx', () => {
  it('opens, in the party document layout, with the figures of the date', async () => {
    const res = await huyen({ method: 'GET', url: `${base()}/summary.docx?${view}` });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const line of [
      'ĐẢNG BỘ TỈNH ĐIỆN BIÊN',
      'ĐẢNG BỘ XÃ QUẢNG LÂM',
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'TÓM TẮT SỐ LIỆU CÔNG TÁC XÂY DỰNG ĐẢNG',
      '(Số liệu tại ngày 30/06/2025; sinh hoạt chi bộ từ 01/01/2025 đến 30/06/2025)',
      // The place before the date, as in the minutes ("Quảng Lâm, ngày …").
      `Quảng Lâm, ${documentDateLine(todayInVietnam())}`,
      'Chi bộ bản Huổi Lụ',
      'Chi bộ bản Nà Pền',
      `Ngày trích xuất: ${extracted()}`,
    ]) {
      expect(text).toContain(line);
    }
    expect(text).not.toContain('Chi bộ bản Pa Cá');
    expect(xml.indexOf('ĐẢNG BỘ XÃ QUẢNG LÂM')).toBeLessThan(xml.indexOf('ĐẢNG CỘNG SẢN VIỆT NAM'));
  });
});

describe('refusals', () => {
  it("answers 404 for a unit outside the caller's scope, and 400 for an unknown table", async () => {
    const bithu = await t.as('bithu-a');
    expect((await bithu({ method: 'GET', url: `${base()}/export.xlsx?table=subUnits` })).statusCode).toBe(404);
    expect((await bithu({ method: 'GET', url: `${base()}/summary.docx` })).statusCode).toBe(404);
    expect((await huyen({ method: 'GET', url: `${base()}/export.xlsx?table=everything` })).statusCode).toBe(400);
    expect((await huyen({ method: 'GET', url: `${base()}/export.xlsx?table=members&from=2025-06-01&to=2025-01-01` })).statusCode).toBe(400);
    // A start alone runs to the date: more than ten years is refused the same way, in Vietnamese.
    for (const file of ['export.xlsx?table=meetings&', 'summary.docx?']) {
      const res = await huyen({ method: 'GET', url: `${base()}/${file}from=1950-06-15` });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().title).toContain('không quá 10 năm');
    }
  });

  it('refuses a date after today, saying so in Vietnamese: figures are not a projection', async () => {
    const tomorrow = addDays(todayInVietnam(), 1);
    for (const url of [
      `${base()}?date=${tomorrow}`,
      `${base()}/growth?date=${tomorrow}`,
      `${base()}/export.xlsx?table=members&date=${tomorrow}`,
      `${base()}/summary.docx?date=2100-01-01`,
    ]) {
      const res = await huyen({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors.map((e: { message: string }) => e.message)).toEqual(['Ngày xem số liệu không được sau ngày hôm nay.']);
    }
    expect((await huyen({ method: 'GET', url: `${base()}?date=${todayInVietnam()}` })).statusCode).toBe(200);
  });

  it('answers 404 for a date before the unit existed', async () => {
    const res = await huyen({ method: 'GET', url: `/api/v1/figures/units/${u.C}/export.xlsx?table=subUnits&date=2025-06-30` });
    expect(res.statusCode).toBe(404);
  });
});
