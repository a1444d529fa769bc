// Vietnamese as HD 12 writes it, in lists and exports: cells in Vietnamese order (Ấ with A,
// numbers by value) in the unit tree, the unit search and the compliance report; the
// compliance workbook with dates as dd/mm/yyyy, months as mm/yyyy and "Quý 1/2026"; the
// member list carrying the full-membership date, so an exempted member shows as chính
// thức and miễn sinh hoạt apart.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let officer: Client;
let commune: number;
const CELLS = ['Chi bộ thôn 10', 'Chi bộ Bình Minh', 'Chi bộ thôn 2', 'Chi bộ Ấp Bắc'];
const IN_ORDER = ['Chi bộ Ấp Bắc', 'Chi bộ Bình Minh', 'Chi bộ thôn 2', 'Chi bộ thôn 10'];

beforeAll(async () => {
  t = await createTestApp();
  const province = await t.unit({ code: 'VL', name: 'Đảng bộ tỉnh Vĩnh Long', kind: 'dang_bo_tinh' });
  commune = await t.unit({ code: 'AB', name: 'Đảng bộ xã An Bình', kind: 'dang_bo_xa', parentId: province });
  for (const [i, name] of CELLS.entries()) await t.unit({ code: `AB-${i}`, name, parentId: commune, establishedOn: '2020-01-01' });
  await t.user('tochuc', [{ role: 'org_officer', unitId: commune }]);
  officer = await t.as('tochuc');
});
afterAll(() => t.close());

describe('cells in Vietnamese order', () => {
  it('in the unit tree and the unit search', async () => {
    const children = (await officer({ method: 'GET', url: `/api/v1/units/children?parentId=${commune}` })).json().items;
    expect(children.map((c: { name: string }) => c.name)).toEqual(IN_ORDER);
    const found = (await officer({ method: 'GET', url: '/api/v1/units/search?q=chi%20bo' })).json().items;
    expect(found.map((c: { name: string }) => c.name)).toEqual(IN_ORDER);
  });

  it('in the compliance workbook, with dates, months and quarters as written on paper', async () => {
    const res = await officer({ method: 'GET', url: `/api/v1/meetings/compliance.xlsx?unitId=${commune}&from=2026-01-01&to=2026-03-31&asOf=2026-04-10` });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const summary = Object.fromEntries(
      wb
        .getWorksheet('Tổng hợp')!
        .getSheetValues()
        .filter(Boolean)
        .map((row) => [(row as unknown[])[1], (row as unknown[])[2]]),
    );
    expect(summary['Kỳ báo cáo']).toBe('01/01/2026 – 31/03/2026');
    expect(summary['Tính đến ngày']).toBe('10/04/2026');
    expect(Object.keys(summary)).toContain('Chi bộ chưa có lịch sinh hoạt tháng 04/2026 (hạn 20/04/2026)');
    const cells = wb.getWorksheet('Từng chi bộ')!;
    const header = (cells.getRow(1).values as unknown[]).filter(Boolean);
    expect(header).toContain('Chuyên đề Quý 1/2026');
    const rows = [2, 3, 4, 5].map((r) => cells.getRow(r).values as unknown[]);
    expect(rows.map((r) => r[1])).toEqual(IN_ORDER);
    expect(rows[0]![4]).toBe('01/2026, 02/2026, 03/2026');
  });
});

describe('membership and exemption apart', () => {
  it('the member list carries the full-membership date beside the status', async () => {
    const cell = (await officer({ method: 'GET', url: `/api/v1/units/children?parentId=${commune}` })).json().items[0].id;
    const id = await t.member({ fullName: 'Nguyễn Văn Cao', unitId: cell, admittedOn: '1970-01-01', fullMemberOn: '1971-01-01' });
    const status = await officer({
      method: 'POST',
      url: `/api/v1/members/${id}/status`,
      payload: { status: 'mien_sinh_hoat', effectiveOn: '2026-01-05', decisionNumber: '12-QĐ/ĐU', note: 'Tuổi cao' },
    });
    expect(status.statusCode, status.body).toBe(200);
    const list = (await officer({ method: 'GET', url: `/api/v1/members?unitId=${cell}&status=all` })).json().items;
    expect(list).toEqual([expect.objectContaining({ fullName: 'Nguyễn Văn Cao', status: 'mien_sinh_hoat', fullMemberOn: '1971-01-01' })]);
  });
});
