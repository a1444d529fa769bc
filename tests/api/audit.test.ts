// The audit trail for admins: filters (unit with the units under it, person, action,
// record, dates, pages) and names instead of internal ids, for the audit page and a
// member's history alike. Rows and names stay inside the reader's scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../src/domain/calendar.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let rootAdmin: Client;
let communeAdmin: Client;
let officer: Client;
let secretaryA: Client;
let cellA: number;
let cellB: number;
let cellOther: number;
let moved: number;
let movedAway: number;

type Row = { id: number; actor: string | null; action: string; entityType: string; entityId: string; unitId: number | null; before: unknown; after: unknown };
type Answer = { items: Row[]; names: Record<string, string>; nextBefore: number | null };

const audit = async (as: Client, query: Record<string, string | number>): Promise<Answer> => {
  const res = await as({ method: 'GET', url: '/api/v1/audit', query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const today = todayInVietnam();

beforeAll(async () => {
  t = await createTestApp();
  const province = await t.unit({ code: 'PT', name: 'Đảng bộ tỉnh Phú Thọ', kind: 'dang_bo_tinh' });
  const commune = await t.unit({ code: 'BB', name: 'Đảng bộ xã Bắc Bình', kind: 'dang_bo_xa', parentId: province });
  const otherCommune = await t.unit({ code: 'NB', name: 'Đảng bộ xã Nam Bình', kind: 'dang_bo_xa', parentId: province });
  cellA = await t.unit({ code: 'BB-1', name: 'Chi bộ thôn An', parentId: commune });
  cellB = await t.unit({ code: 'BB-2', name: 'Chi bộ thôn Bình', parentId: commune });
  cellOther = await t.unit({ code: 'NB-1', name: 'Chi bộ thôn Nam', parentId: otherCommune });
  await t.user('admin-tinh', [{ role: 'admin', unitId: province }]);
  await t.user('admin-xa', [{ role: 'admin', unitId: commune }]);
  await t.user('officer', [{ role: 'org_officer', unitId: province }]);
  await t.user('bithu-a', [{ role: 'secretary', unitId: cellA }]);
  [rootAdmin, communeAdmin, officer, secretaryA] = await Promise.all(['admin-tinh', 'admin-xa', 'officer', 'bithu-a'].map((u) => t.as(u)));

  const create = async (as: Client, unitId: number, fullName: string, card: string) => {
    const res = await as({
      method: 'POST',
      url: '/api/v1/members',
      payload: {
        fullName,
        sex: 'nam',
        dateOfBirth: '1985-03-12',
        ethnicity: 'Kinh',
        religion: 'Không',
        partyCardNumber: card,
        admittedOn: '2015-06-01',
        fullMemberOn: '2016-06-01',
        unitId,
        joinedUnitOn: '2020-01-01',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  moved = await create(secretaryA, cellA, 'Nguyễn Văn Chuyển', '93000001');
  movedAway = await create(officer, cellA, 'Trần Văn Đi Xa', '93000002');
  await create(officer, cellOther, 'Lê Thị Nam', '93000003');
  const transfer = (id: number, unitId: number) =>
    officer({ method: 'POST', url: `/api/v1/members/${id}/transfer`, payload: { unitId, effectiveOn: '2025-03-01', decisionNumber: '45-QĐ/ĐU' } });
  expect((await transfer(moved, cellB)).statusCode).toBe(200);
  expect((await transfer(movedAway, cellOther)).statusCode).toBe(200);
});
afterAll(() => t.close());

describe('filters', () => {
  it('by unit: the unit and the units under it, within the reader scope', async () => {
    const commune = await audit(rootAdmin, { unitId: cellA });
    expect(new Set(commune.items.map((r) => r.unitId))).toEqual(new Set([cellA]));
    const creates = commune.items.filter((r) => r.action === 'member.create').map((r) => Number(r.entityId));
    expect(creates.sort()).toEqual([moved, movedAway].sort());
    // A commune admin asking for another commune's cell gets nothing, as for a unit of nothing.
    expect((await audit(communeAdmin, { unitId: cellOther })).items).toEqual([]);
    expect((await audit(rootAdmin, { unitId: cellOther })).items.length).toBeGreaterThan(0);
  });

  it('by person, action (one or a group), record and dates', async () => {
    const bySecretary = await audit(rootAdmin, { actor: 'BITHU-A' });
    expect(bySecretary.items.map((r) => r.action)).toEqual(['member.create', 'auth.login']);
    const transfers = await audit(rootAdmin, { action: 'member.transfer' });
    expect(transfers.items.map((r) => Number(r.entityId)).sort()).toEqual([moved, movedAway].sort());
    const memberActions = await audit(rootAdmin, { action: 'member.' });
    expect(new Set(memberActions.items.map((r) => r.action))).toEqual(new Set(['member.create', 'member.transfer']));
    const record = await audit(rootAdmin, { entityType: 'member', entityId: moved });
    expect(record.items.map((r) => r.action)).toEqual(['member.transfer', 'member.create']);
    expect((await audit(rootAdmin, { entityType: 'member', entityId: moved, from: today, to: today })).items).toHaveLength(2);
    expect((await audit(rootAdmin, { entityType: 'member', entityId: moved, to: '2025-01-01' })).items).toEqual([]);
    expect((await audit(rootAdmin, { entityType: 'member', entityId: moved, from: '2100-01-01' })).items).toEqual([]);
  });

  it('pages through older rows with nextBefore', async () => {
    const all = await audit(rootAdmin, { action: 'member.' });
    const first = await audit(rootAdmin, { action: 'member.', limit: 2 });
    expect(first.items.map((r) => r.id)).toEqual(all.items.slice(0, 2).map((r) => r.id));
    expect(first.nextBefore).toBe(all.items[1]!.id);
    const second = await audit(rootAdmin, { action: 'member.', limit: 100, before: first.nextBefore! });
    expect(second.items.map((r) => r.id)).toEqual(all.items.slice(2).map((r) => r.id));
    expect(second.nextBefore).toBeNull();
  });

  it('refuses a bad action, dates out of order, and readers without the audit permission', async () => {
    const bad = await rootAdmin({ method: 'GET', url: '/api/v1/audit?action=DROP%20TABLE' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].message).toContain('Thao tác không hợp lệ');
    const order = await rootAdmin({ method: 'GET', url: '/api/v1/audit?from=2025-03-02&to=2025-03-01' });
    expect(order.statusCode).toBe(400);
    expect(order.json().errors).toEqual([{ path: 'querystring.to', message: '“Đến ngày” không được trước “từ ngày”.' }]);
    expect((await rootAdmin({ method: 'GET', url: '/api/v1/audit?from=2025-02-31' })).statusCode).toBe(400);
    expect((await secretaryA({ method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(403);
  });
});

describe('names instead of internal ids', () => {
  it('names the cells before and after a transfer, the member and the unit of each row', async () => {
    const { items, names } = await audit(rootAdmin, { entityType: 'member', entityId: moved });
    expect(items[0]).toMatchObject({ action: 'member.transfer', before: { unitId: cellA }, after: { unitId: cellB } });
    expect(names).toMatchObject({
      [`unit:${cellA}`]: 'Chi bộ thôn An',
      [`unit:${cellB}`]: 'Chi bộ thôn Bình',
      [`member:${moved}`]: 'Nguyễn Văn Chuyển',
    });
  });

  it('a member history names the cells of its changes with the same resolver', async () => {
    const history = (await officer({ method: 'GET', url: `/api/v1/members/${moved}/history` })).json();
    expect(history.changes[0]).toMatchObject({ action: 'member.transfer', before: { unitId: cellA }, after: { unitId: cellB } });
    expect(history.names).toMatchObject({ [`unit:${cellA}`]: 'Chi bộ thôn An', [`unit:${cellB}`]: 'Chi bộ thôn Bình' });
  });

  it('names nothing outside the reader scope: a transfer out of the commune keeps the far cell unnamed', async () => {
    const { items, names } = await audit(communeAdmin, { entityType: 'member', entityId: movedAway });
    // The commune admin sees the creation in their cell; the transfer row belongs to the new cell.
    expect(items.map((r) => r.action)).toEqual(['member.create']);
    expect(JSON.stringify(names)).not.toContain('Nam');
    const root = await audit(rootAdmin, { entityType: 'member', entityId: movedAway });
    expect(root.names[`unit:${cellOther}`]).toBe('Chi bộ thôn Nam');
  });
});
