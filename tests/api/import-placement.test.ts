// Placement dates come from the data (issue 8 item 2): an imported member sits in the cell
// from the file's "Ngày về sinh hoạt tại chi bộ", else from the import date — never from
// the admission date, which silently put a member admitted in 2015 on every past roll.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../src/domain/calendar.ts';
import { clock } from '../../src/modules/meetings/clock.ts';
import { multipartFile } from '../helpers/multipart.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { closeQuietly } from './meetings.fixtures.ts';

const HEADERS = ['Họ và tên', 'Giới tính', 'Ngày sinh (dd/mm/yyyy)', 'Số thẻ đảng', 'Ngày vào Đảng', 'Ngày chính thức', 'Ngày về sinh hoạt tại chi bộ'];

async function xlsx(rows: (string | null)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Đảng viên');
  sheet.addRow(HEADERS);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

let t: TestApp;
let cell: number;
let officer: Client;
let bithu: Client;
let pastMeeting: number;

const importRows = async (rows: (string | null)[][]) =>
  officer({
    method: 'POST',
    url: `/api/v1/imports/members?unitId=${cell}&mode=apply`,
    ...multipartFile('dang-vien.xlsx', await xlsx(rows), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
  });
const rollNames = async () =>
  (await bithu({ method: 'GET', url: `/api/v1/meetings/${pastMeeting}/attendance` })).json().members.map((e: { fullName: string }) => e.fullName);
const placementOf = async (fullName: string) =>
  t.database.db
    .selectFrom('member_placements as p')
    .innerJoin('members as m', 'm.id', 'p.member_id')
    .select(['p.unit_id', 'p.valid_from'])
    .where('m.full_name', '=', fullName)
    .executeTakeFirstOrThrow();
const membersOn = async (date: string) => (await bithu({ method: 'GET', url: `/api/v1/figures/units/${cell}?date=${date}` })).json().members.total as number;

beforeAll(async () => {
  t = await createTestApp();
  const commune = await t.unit({ code: 'BB', name: 'Đảng bộ xã Bắc Bình', kind: 'dang_bo_xa' });
  cell = await t.unit({ code: 'BB.01', name: 'Chi bộ thôn Bắc Sơn', parentId: commune, establishedOn: '2010-01-01' });
  const an = await t.member({ unitId: cell, fullName: 'Nguyễn Văn An', joinedUnitOn: '2012-01-01' });
  await t.user('tochuc', [{ role: 'org_officer', unitId: commune }]);
  await t.user('bithu', [{ role: 'secretary', unitId: cell }], an);
  officer = await t.as('tochuc');
  bithu = await t.as('bithu');
  clock.set(new Date('2025-06-01T09:00:00+07:00'));
  const planned = await bithu({
    method: 'POST',
    url: '/api/v1/meetings',
    payload: {
      kind: 'regular',
      unitId: cell,
      date: '2025-06-10',
      startTime: '08:00',
      endTime: '10:00',
      place: 'Nhà văn hóa',
      topic: 'Sinh hoạt chi bộ tháng 6',
      focalIssues: ['Làm đường', 'Thu đảng phí'],
    },
  });
  expect(planned.statusCode).toBe(201);
  pastMeeting = planned.json().id;
  clock.reset();
});
afterAll(async () => {
  clock.reset();
  await closeQuietly(t);
});

describe('placement of imported members', () => {
  it('places a member without the column from the import date: past rolls and figures are unchanged', async () => {
    expect(await rollNames()).toEqual(['Nguyễn Văn An']);
    const before = await membersOn('2025-06-10');
    const res = await importRows([['Trần Văn Bình', 'Nam', '17/05/1980', '26.101001', '03/02/2015', '03/02/2016', null]]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ imported: true, created: 1 });
    expect(await placementOf('Trần Văn Bình')).toEqual({ unit_id: cell, valid_from: todayInVietnam() });
    expect(await rollNames()).toEqual(['Nguyễn Văn An']);
    expect(await membersOn('2025-06-10')).toBe(before);
    expect(await membersOn(todayInVietnam())).toBe(before + 1);
  });

  it('places a member from the date in "Ngày về sinh hoạt tại chi bộ"', async () => {
    const res = await importRows([['Lê Thị Cúc', 'Nữ', '02/09/1985', '26.101002', '03/02/2015', '03/02/2016', '01/03/2025']]);
    expect(res.statusCode).toBe(200);
    expect(await placementOf('Lê Thị Cúc')).toEqual({ unit_id: cell, valid_from: '2025-03-01' });
    expect(await rollNames()).toEqual(['Nguyễn Văn An', 'Lê Thị Cúc']);
  });

  it('refuses a row that joins the cell before joining the Party, naming the column', async () => {
    const res = await importRows([['Phạm Văn Dũng', 'Nam', '17/05/1980', '26.101003', '03/02/2015', '03/02/2016', '01/01/2014']]);
    expect(res.statusCode).toBe(422);
    expect(res.json().report.errors).toEqual([
      { row: 2, column: 'Ngày về sinh hoạt tại chi bộ', message: 'Ngày về sinh hoạt tại chi bộ không được trước ngày vào Đảng.' },
    ]);
  });

  it('refuses a date of joining the cell that has not come, as the member form does (found by an outside probe)', async () => {
    const res = await importRows([['Đinh Văn Tương Lai', 'Nam', '01/01/1980', '26.101004', '01/06/2005', '01/06/2006', '01/01/2030']]);
    expect(res.statusCode).toBe(422);
    expect(res.json().report.errors).toEqual([
      { row: 2, column: 'Ngày về sinh hoạt tại chi bộ', message: 'Ngày phải từ 03/02/1930 (ngày thành lập Đảng) đến hôm nay.' },
    ]);
    expect(await t.database.db.selectFrom('members').select('id').where('full_name', '=', 'Đinh Văn Tương Lai').executeTakeFirst()).toBeUndefined();
  });

  it('places a member created without "Ngày về sinh hoạt tại chi bộ" from today, and with it from that date', async () => {
    const body = { sex: 'nam', dateOfBirth: '1980-05-17', admittedOn: '2015-02-03', fullMemberOn: '2016-02-03' };
    const today = await bithu({ method: 'POST', url: '/api/v1/members', payload: { ...body, fullName: 'Hà Văn Hôm', unitId: cell } });
    expect(today.statusCode).toBe(201);
    expect(await placementOf('Hà Văn Hôm')).toEqual({ unit_id: cell, valid_from: todayInVietnam() });
    const dated = await bithu({
      method: 'POST',
      url: '/api/v1/members',
      payload: { ...body, fullName: 'Hà Thị Xưa', unitId: cell, joinedUnitOn: '2025-05-01' },
    });
    expect(dated.statusCode).toBe(201);
    expect(await placementOf('Hà Thị Xưa')).toEqual({ unit_id: cell, valid_from: '2025-05-01' });
    expect(await rollNames()).toEqual(['Nguyễn Văn An', 'Lê Thị Cúc', 'Hà Thị Xưa']);
  });
});
