// Villages (thôn, bản), where members live, and white villages (bản trắng đảng viên), issue
// 10 item 6: Quảng Lâm removed 5 of 5 — as members who live in its five white villages are
// admitted (new dự bị members created through the members API), the white villages fall
// from 5 to 0, while the figure for a date before stays what it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { closeQuietly } from './meetings.fixtures.ts';

let t: TestApp;
let commune: number;
let cell1: number;
let cell2: number;
let otherCommune: number;
let xa: Client;
let bithu1: Client;
let bithu2: Client;
let outsider: Client;
const villages: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  commune = await t.unit({ code: 'QL', name: 'Đảng bộ xã Quảng Lâm', kind: 'dang_bo_xa' });
  cell1 = await t.unit({ code: 'QL-1', name: 'Chi bộ bản Huổi Lụ', parentId: commune });
  cell2 = await t.unit({ code: 'QL-2', name: 'Chi bộ bản Nậm Pồ', parentId: commune });
  otherCommune = await t.unit({ code: 'NA', name: 'Đảng bộ xã Na Cô Sa', kind: 'dang_bo_xa' });
  await t.member({ unitId: cell1, fullName: 'Lò Văn Xôm' });
  await t.user('xa', [{ role: 'org_officer', unitId: commune }]);
  await t.user('bithu1', [{ role: 'secretary', unitId: cell1 }]);
  await t.user('bithu2', [{ role: 'secretary', unitId: cell2 }]);
  await t.user('ngoai', [{ role: 'secretary', unitId: otherCommune }]);
  xa = await t.as('xa');
  bithu1 = await t.as('bithu1');
  bithu2 = await t.as('bithu2');
  outsider = await t.as('ngoai');
});
afterAll(async () => closeQuietly(t));

const figures = async (unitId: number, date: string, as: Client = xa) => {
  const res = await as({ method: 'GET', url: `/api/v1/figures/units/${unitId}/villages?date=${date}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

async function admit(fullName: string, villageId: number, unitId: number, on: string) {
  const res = await xa({
    method: 'POST',
    url: '/api/v1/members',
    payload: { unitId, fullName, sex: 'nam', dateOfBirth: '1998-04-02', ethnicity: 'Mông', status: 'du_bi', admittedOn: on, joinedUnitOn: on, villageId },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

describe('villages of a cell', () => {
  it('lets the cell secretary add its villages, several at once, audited', async () => {
    const res = await bithu1({
      method: 'POST',
      url: `/api/v1/units/${cell1}/villages`,
      payload: {
        villages: [
          { name: 'Bản Huổi Lụ 1', kind: 'ban', establishedOn: '2015-01-01' },
          { name: 'Bản Huổi Lụ 2', kind: 'ban', establishedOn: '2015-01-01' },
          { name: 'Bản Huổi Lụ 3', kind: 'ban', establishedOn: '2015-01-01', decisionNumber: '12/QĐ-UBND' },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    for (const v of res.json().villages) villages[v.name] = v.id;
    expect(res.json().villages.map((v: { name: string; white: boolean }) => [v.name, v.white])).toEqual([
      ['Bản Huổi Lụ 1', true],
      ['Bản Huổi Lụ 2', true],
      ['Bản Huổi Lụ 3', true],
    ]);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'unit_id']).where('action', '=', 'village.create').execute();
    expect(audit).toEqual([{ action: 'village.create', unit_id: cell1 }]);
  });

  it('refuses a name the cell already has, and another cell’s secretary (403), and another commune (404)', async () => {
    const dup = await bithu1({
      method: 'POST',
      url: `/api/v1/units/${cell1}/villages`,
      payload: { villages: [{ name: 'bản huổi lụ 1', kind: 'ban', establishedOn: '2015-01-01' }] },
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors[0]).toMatchObject({ path: 'body.villages.0.name', message: 'Chi bộ đã có thôn/bản tên bản huổi lụ 1.' });
    const other = await bithu2({
      method: 'POST',
      url: `/api/v1/units/${cell1}/villages`,
      payload: { villages: [{ name: 'Bản X', kind: 'ban', establishedOn: '2015-01-01' }] },
    });
    expect(other.statusCode).toBe(404);
    const far = await outsider({ method: 'GET', url: `/api/v1/units/${commune}/villages` });
    expect(far.statusCode).toBe(404);
    const res = await bithu2({
      method: 'POST',
      url: `/api/v1/units/${cell2}/villages`,
      payload: {
        villages: [
          { name: 'Bản Nậm Pồ', kind: 'ban', establishedOn: '2015-01-01' },
          { name: 'Bản Pá Khoang', kind: 'ban', establishedOn: '2015-01-01' },
        ],
      },
    });
    expect(res.statusCode).toBe(201);
    for (const v of res.json().villages) villages[v.name] = v.id;
  });

  it('lists the commune’s villages with their cells for the commune’s officer', async () => {
    const res = await xa({ method: 'GET', url: `/api/v1/units/${commune}/villages?on=2026-01-01` });
    expect(res.statusCode).toBe(200);
    expect(res.json().canManage).toBe(true);
    expect(res.json().villages.map((v: { name: string; cellName: string }) => `${v.cellName} / ${v.name}`)).toEqual([
      'Chi bộ bản Huổi Lụ / Bản Huổi Lụ 1',
      'Chi bộ bản Huổi Lụ / Bản Huổi Lụ 2',
      'Chi bộ bản Huổi Lụ / Bản Huổi Lụ 3',
      'Chi bộ bản Nậm Pồ / Bản Nậm Pồ',
      'Chi bộ bản Nậm Pồ / Bản Pá Khoang',
    ]);
  });
});

describe('white villages (bản trắng đảng viên)', () => {
  const names = ['Bản Huổi Lụ 1', 'Bản Huổi Lụ 2', 'Bản Huổi Lụ 3', 'Bản Nậm Pồ', 'Bản Pá Khoang'];
  const admittedOn = ['2026-03-02', '2026-04-06', '2026-05-04', '2026-06-01', '2026-07-06'];

  it('falls from 5 to 0 as members who live there are admitted (Quảng Lâm removed 5 of 5)', async () => {
    const candidate = await xa({
      method: 'POST',
      url: '/api/v1/admissions/candidates',
      payload: { unitId: cell2, fullName: 'Sùng Thị Mai', sex: 'nu', dateOfBirth: '2001-05-04', sourceOn: '2026-01-12', villageId: villages['Bản Pá Khoang'] },
    });
    expect(candidate.statusCode, candidate.body).toBe(201);
    const before = await figures(commune, '2026-02-01');
    expect(before.onDate).toEqual({ n: 5, of: 5 });
    expect(before.white.map((v: { name: string }) => v.name)).toEqual(names);
    // The candidate in the pipeline shows beside the white village they live in, and only there.
    expect(before.white.map((v: { candidates: number }) => v.candidates)).toEqual([0, 0, 0, 0, 1]);
    expect((await figures(commune, '2026-01-11')).white.map((v: { candidates: number }) => v.candidates)).toEqual([0, 0, 0, 0, 0]);
    for (const [i, name] of names.entries()) {
      await admit(`Giàng A Páo ${i + 1}`, villages[name]!, i < 3 ? cell1 : cell2, admittedOn[i]!);
      const after = await figures(commune, admittedOn[i]!);
      expect(after.onDate, name).toEqual({ n: 4 - i, of: 5 });
      expect(after.white.map((v: { name: string }) => v.name)).toEqual(names.slice(i + 1));
    }
    const now = await figures(commune, '2026-11-30');
    expect(now).toMatchObject({ yearStart: '2026-01-01', atYearStart: { n: 5, of: 5 }, onDate: { n: 0, of: 5 }, removed: 5, white: [] });
  });

  it('is not found on a date before the commune was founded', async () => {
    const res = await xa({ method: 'GET', url: `/api/v1/units/${commune}/villages?on=2019-12-31` });
    expect(res.statusCode).toBe(404);
    expect(res.json().title).toMatch(/Không tìm thấy/);
  });

  it('keeps the figure for a past date as it was', async () => {
    const past = await figures(commune, '2026-02-01');
    expect(past.onDate).toEqual({ n: 5, of: 5 });
    expect((await figures(commune, '2026-04-30')).onDate).toEqual({ n: 3, of: 5 });
    expect((await figures(commune, '2025-12-31')).onDate).toEqual({ n: 5, of: 5 });
  });

  it('counts a cell’s own villages for its secretary, and nothing outside the reader’s scope', async () => {
    expect((await figures(cell2, '2026-05-31', bithu2)).onDate).toEqual({ n: 2, of: 2 });
    expect((await figures(cell2, '2026-11-30', bithu2)).onDate).toEqual({ n: 0, of: 2 });
    const res = await outsider({ method: 'GET', url: `/api/v1/figures/units/${commune}/villages?date=2026-11-30` });
    expect(res.statusCode).toBe(404);
  });

  it('a member who moves away makes the village white again from that day only', async () => {
    const member = await t.database.db.selectFrom('members').select('id').where('full_name', '=', 'Giàng A Páo 5').executeTakeFirstOrThrow();
    const res = await bithu2({
      method: 'PUT',
      url: `/api/v1/members/${member.id}/residence`,
      payload: { villageId: villages['Bản Nậm Pồ'], effectiveOn: '2026-09-01' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().history.map((h: { villageName: string; validFrom: string; validTo: string | null }) => [h.villageName, h.validFrom, h.validTo])).toEqual([
      ['Bản Nậm Pồ', '2026-09-01', null],
      ['Bản Pá Khoang', '2026-07-06', '2026-09-01'],
    ]);
    expect((await figures(commune, '2026-08-31')).onDate).toEqual({ n: 0, of: 5 });
    const now = await figures(commune, '2026-11-30');
    expect(now.onDate).toEqual({ n: 1, of: 5 });
    expect(now.white.map((v: { name: string }) => v.name)).toEqual(['Bản Pá Khoang']);
    expect(now.removed).toBe(4);
    const earlier = await bithu2({ method: 'PUT', url: `/api/v1/members/${member.id}/residence`, payload: { villageId: null, effectiveOn: '2026-08-01' } });
    expect(earlier.statusCode).toBe(409);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'member.residence').execute();
    expect(audit).toHaveLength(1);
  });

  it('a member who is struck off no longer lives there as a member', async () => {
    const member = await t.database.db.selectFrom('members').select('id').where('full_name', '=', 'Giàng A Páo 1').executeTakeFirstOrThrow();
    await t.database.db.updateTable('member_statuses').set({ valid_to: '2026-10-01' }).where('member_id', '=', member.id).execute();
    await t.database.db.insertInto('member_statuses').values({ member_id: member.id, status: 'xoa_ten', valid_from: '2026-10-01' }).execute();
    expect((await figures(cell1, '2026-09-30', bithu1)).onDate).toEqual({ n: 0, of: 3 });
    expect((await figures(cell1, '2026-10-01', bithu1)).white.map((v: { name: string }) => v.name)).toEqual(['Bản Huổi Lụ 1']);
  });

  it('merges a village into another: its members live in the surviving village from that day', async () => {
    const res = await bithu1({
      method: 'POST',
      url: `/api/v1/villages/${villages['Bản Huổi Lụ 2']}/merge`,
      payload: { intoVillageId: villages['Bản Huổi Lụ 1'], effectiveOn: '2026-11-01', decisionNumber: '45/NQ-HĐND' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().villages.map((v: { name: string; residents: number }) => [v.name, v.residents])).toEqual([
      ['Bản Huổi Lụ 1', 1],
      ['Bản Huổi Lụ 3', 1],
    ]);
    expect((await figures(cell1, '2026-10-31', bithu1)).onDate).toEqual({ n: 1, of: 3 });
    expect((await figures(cell1, '2026-11-01', bithu1)).onDate).toEqual({ n: 0, of: 2 });
    const again = await bithu1({ method: 'POST', url: `/api/v1/villages/${villages['Bản Huổi Lụ 2']}/dissolve`, payload: { effectiveOn: '2026-11-02' } });
    expect(again.statusCode).toBe(409);
    const foreign = await bithu2({ method: 'POST', url: `/api/v1/villages/${villages['Bản Huổi Lụ 3']}/dissolve`, payload: { effectiveOn: '2026-11-02' } });
    expect(foreign.statusCode).toBe(404);
    const viewer = await xa({ method: 'GET', url: `/api/v1/units/${cell1}/villages?on=2026-10-31` });
    expect(viewer.json().villages).toHaveLength(3);
  });

  it('refuses a new member’s village that did not exist on the day they joined', async () => {
    const res = await xa({
      method: 'POST',
      url: '/api/v1/members',
      payload: {
        unitId: cell1,
        fullName: 'Vàng A Sử',
        sex: 'nam',
        dateOfBirth: '1990-01-01',
        status: 'du_bi',
        admittedOn: '2026-11-20',
        joinedUnitOn: '2026-11-20',
        villageId: villages['Bản Huổi Lụ 2'],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('body.villageId');
  });
});
