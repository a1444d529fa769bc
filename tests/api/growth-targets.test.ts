// Growth targets (chỉ tiêu kết nạp đảng viên), issue 10 item 6: each year the commune's
// committee sets a target per cell (Bắc Bình: every village cell admits at least one a
// year); progress up the tree is the members admitted in the year (became dự bị, created
// through the members API) in each cell, against its target, summed per committee, for any
// date — a date before an admission keeps its figure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { closeQuietly } from './meetings.fixtures.ts';

let t: TestApp;
let district: number;
let commune: number;
let commune2: number;
let cells: number[];
let far: number;
let xa: Client;
let huyen: Client;
let capuy: Client;
let bithu: Client;

beforeAll(async () => {
  t = await createTestApp();
  district = await t.unit({ code: 'BBH', name: 'Đảng bộ huyện Tam Dương', kind: 'dang_bo_huyen' });
  commune = await t.unit({ code: 'BB', name: 'Đảng bộ xã Bắc Bình', kind: 'dang_bo_xa', parentId: district });
  commune2 = await t.unit({ code: 'HT', name: 'Đảng bộ xã Hợp Thịnh', kind: 'dang_bo_xa', parentId: district });
  cells = [
    await t.unit({ code: 'BB-1', name: 'Chi bộ thôn Đông', parentId: commune }),
    await t.unit({ code: 'BB-2', name: 'Chi bộ thôn Nam', parentId: commune }),
    await t.unit({ code: 'BB-3', name: 'Chi bộ thôn Tây', parentId: commune }),
  ];
  far = await t.unit({ code: 'HT-1', name: 'Chi bộ thôn Hạ', parentId: commune2 });
  await t.user('xa', [{ role: 'secretary', unitId: commune }]);
  await t.user('huyen', [{ role: 'org_officer', unitId: district }]);
  await t.user('capuy', [{ role: 'committee', unitId: commune }]);
  await t.user('bithu', [{ role: 'secretary', unitId: cells[0]! }]);
  xa = await t.as('xa');
  huyen = await t.as('huyen');
  capuy = await t.as('capuy');
  bithu = await t.as('bithu');
  // Admitted before this year: not counted in 2026.
  await t.member({ unitId: cells[0]!, fullName: 'Nguyễn Văn Cũ', status: 'du_bi', admittedOn: '2025-11-20', joinedUnitOn: '2025-11-20' });
});
afterAll(async () => closeQuietly(t));

async function admit(fullName: string, unitId: number, on: string) {
  const res = await xa({
    method: 'POST',
    url: '/api/v1/members',
    payload: { unitId, fullName, sex: 'nu', dateOfBirth: '2000-02-02', status: 'du_bi', admittedOn: on, joinedUnitOn: on },
  });
  expect(res.statusCode, res.body).toBe(201);
}
const growth = async (unitId: number, date: string, as: Client = huyen) => {
  const res = await as({ method: 'GET', url: `/api/v1/figures/units/${unitId}/growth?date=${date}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('growth targets', () => {
  it('the commune sets a target per cell for the year; the table lists every cell', async () => {
    const empty = await xa({ method: 'GET', url: `/api/v1/units/${commune}/growth-targets?year=2026` });
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toMatchObject({ year: 2026, canManage: true });
    expect(empty.json().cells.map((c: { name: string; target: number | null }) => [c.name, c.target])).toEqual([
      ['Chi bộ thôn Đông', null],
      ['Chi bộ thôn Nam', null],
      ['Chi bộ thôn Tây', null],
    ]);
    const res = await xa({
      method: 'PUT',
      url: `/api/v1/units/${commune}/growth-targets`,
      payload: { year: 2026, targets: cells.map((cellId, i) => ({ cellId, target: i === 0 ? 2 : 1 })) },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().cells.map((c: { target: number }) => c.target)).toEqual([2, 1, 1]);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'unit_id']).where('action', '=', 'growth_target.set').execute();
    expect(audit).toEqual([{ action: 'growth_target.set', unit_id: commune }]);
  });

  it('changes one cell’s target and clears another’s, leaving the rest', async () => {
    const res = await xa({
      method: 'PUT',
      url: `/api/v1/units/${commune}/growth-targets`,
      payload: {
        year: 2026,
        targets: [
          { cellId: cells[1]!, target: 3 },
          { cellId: cells[2]!, target: null },
        ],
      },
    });
    expect(res.json().cells.map((c: { target: number | null }) => c.target)).toEqual([2, 3, null]);
    await xa({
      method: 'PUT',
      url: `/api/v1/units/${commune}/growth-targets`,
      payload: {
        year: 2026,
        targets: [
          { cellId: cells[1]!, target: 1 },
          { cellId: cells[2]!, target: 1 },
        ],
      },
    });
  });

  it('refuses a cell of another commune (400), a committee member (403), and a commune out of scope (404)', async () => {
    const other = await xa({ method: 'PUT', url: `/api/v1/units/${commune}/growth-targets`, payload: { year: 2026, targets: [{ cellId: far, target: 1 }] } });
    expect(other.statusCode).toBe(400);
    expect(other.json().errors[0]).toMatchObject({
      path: 'body.targets.0.cellId',
      message: 'Đây không phải chi bộ trực thuộc đơn vị này (hoặc bị nhập trùng).',
    });
    const reader = await capuy({
      method: 'PUT',
      url: `/api/v1/units/${commune}/growth-targets`,
      payload: { year: 2026, targets: [{ cellId: cells[0]!, target: 5 }] },
    });
    expect(reader.statusCode).toBe(403);
    const cellSecretary = await bithu({ method: 'GET', url: `/api/v1/units/${commune}/growth-targets?year=2026` });
    expect(cellSecretary.statusCode).toBe(404);
    const own = await bithu({ method: 'GET', url: `/api/v1/units/${cells[0]}/growth-targets?year=2026` });
    expect(own.json()).toMatchObject({ canManage: false, cells: [{ name: 'Chi bộ thôn Đông', target: 2, admitted: 0 }] });
  });

  it('counts admissions in the year against the targets, per cell and summed up the tree', async () => {
    await admit('Trần Thị Mai', cells[0]!, '2026-03-10');
    await admit('Lê Thị Lan', cells[0]!, '2026-06-15');
    await admit('Phạm Thị Hồng', cells[1]!, '2026-05-20');
    const now = await growth(commune, '2026-11-30');
    expect(now.total).toEqual({ unitId: commune, name: 'Đảng bộ xã Bắc Bình', target: 4, admitted: 3, cells: 3, cellsWithTarget: 3, cellsReached: 2 });
    expect(now.cells.map((c: { name: string; target: number; admitted: number }) => [c.name, c.target, c.admitted])).toEqual([
      ['Chi bộ thôn Đông', 2, 2],
      ['Chi bộ thôn Nam', 1, 1],
      ['Chi bộ thôn Tây', 1, 0],
    ]);
    expect(now.candidates).toMatchObject({ inAwarenessCourse: 0, byStage: { source: 0 } });
    const up = await growth(district, '2026-11-30');
    expect(up.total).toMatchObject({ target: 4, admitted: 3, cells: 4, cellsWithTarget: 3 });
    expect(up.subUnits.map((s: { name: string; target: number | null; admitted: number }) => [s.name, s.target, s.admitted])).toEqual([
      ['Đảng bộ xã Bắc Bình', 4, 3],
      ['Đảng bộ xã Hợp Thịnh', null, 0],
    ]);
    const table = await xa({ method: 'GET', url: `/api/v1/units/${commune}/growth-targets?year=2026` });
    expect(table.json().cells.map((c: { admitted: number }) => c.admitted)).toEqual([2, 1, 0]);
  });

  it('keeps a past date’s figure: on 31/3 one admitted, and 2025 counts its own year', async () => {
    expect((await growth(commune, '2026-03-31')).total).toMatchObject({ target: 4, admitted: 1, cellsReached: 0 });
    expect((await growth(commune, '2026-01-01')).total).toMatchObject({ admitted: 0 });
    expect((await growth(commune, '2025-12-31')).total).toMatchObject({ target: null, admitted: 1 });
  });

  it('answers 404 for a unit the caller cannot see', async () => {
    const res = await bithu({ method: 'GET', url: `/api/v1/figures/units/${commune}/growth?date=2026-11-30` });
    expect(res.statusCode).toBe(404);
  });
});
