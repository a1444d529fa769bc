// Access scope on members: a cell secretary never learns anything about another cell's
// members — not by id, not in a list, a search, a count or an export — and a plain
// 'member' account sees its own record only.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let secretaryA: Client;
let plainMember: Client;
let communeCommittee: Client;
let commune: number;
let cellA: number;
let cellB: number;
let inA: number[];
let inB: number[];

const A_NAMES = ['Nguyễn Văn An', 'Nguyễn Thị Bích', 'Lê Văn Cường'];
const B_NAMES = ['Nguyễn Văn Bảo', 'Nguyễn Thị Đào', 'Trần Văn Cương'];

async function exportedNames(client: Client, query = ''): Promise<string[]> {
  const res = await client({ method: 'GET', url: `/api/v1/members/export.xlsx${query}` });
  expect(res.statusCode).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const names: string[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) names.push(String(row.getCell(2).value));
  });
  return names;
}

const listNames = async (client: Client, query: string) => {
  const res = await client({ method: 'GET', url: `/api/v1/members?${query}` });
  expect(res.statusCode).toBe(200);
  const body = res.json();
  return { names: body.items.map((i: { fullName: string }) => i.fullName) as string[], total: body.total as number };
};

beforeAll(async () => {
  t = await createTestApp();
  commune = await t.unit({ code: 'MV', name: 'Đảng bộ xã Mèo Vạc', kind: 'dang_bo_xa' });
  cellA = await t.unit({ code: 'MV-A', name: 'Chi bộ A', parentId: commune });
  cellB = await t.unit({ code: 'MV-B', name: 'Chi bộ B', parentId: commune });
  inA = [];
  for (const fullName of A_NAMES) inA.push(await t.member({ fullName, unitId: cellA }));
  inB = [];
  for (const fullName of B_NAMES) inB.push(await t.member({ fullName, unitId: cellB }));
  // A member of B who has left still must not leak through status=all.
  const leftB = await t.member({ fullName: 'Nguyễn Văn Khai', unitId: cellB });
  await t.database.db.updateTable('members').set({ status: 'khai_tru' }).where('id', '=', leftB).execute();
  inB.push(leftB);

  await t.user('bithu-a', [{ role: 'secretary', unitId: cellA }]);
  await t.user('dangvien', [{ role: 'member', unitId: cellA }], inA[1]);
  // A grant on the commune alone (not its subtree) shows the commune's own members: none.
  await t.user('dang-uy', [{ role: 'committee', unitId: commune, includeSubtree: false }]);
  [secretaryA, plainMember, communeCommittee] = await Promise.all([t.as('bithu-a'), t.as('dangvien'), t.as('dang-uy')]);
});
afterAll(() => t.close());

describe('a secretary of cell A and the members of cell B', () => {
  it('gets 404 for a member of B by id — the same answer as for an id that does not exist', async () => {
    const missing = await secretaryA({ method: 'GET', url: '/api/v1/members/2000000000' });
    for (const id of inB) {
      const res = await secretaryA({ method: 'GET', url: `/api/v1/members/${id}` });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(missing.json());
      expect((await secretaryA({ method: 'GET', url: `/api/v1/members/${id}/history` })).statusCode).toBe(404);
    }
  });

  it('cannot change a member of B in any way (404, nothing written)', async () => {
    const id = inB[0]!;
    const calls = [
      secretaryA({ method: 'PATCH', url: `/api/v1/members/${id}`, payload: { phone: '0912345678' } }),
      secretaryA({ method: 'POST', url: `/api/v1/members/${id}/status`, payload: { status: 'xoa_ten', effectiveOn: '2025-01-01', decisionNumber: '1' } }),
      secretaryA({ method: 'POST', url: `/api/v1/members/${id}/transfer`, payload: { unitId: cellA, effectiveOn: '2025-01-01', decisionNumber: '1' } }),
    ];
    for (const res of await Promise.all(calls)) expect(res.statusCode).toBe(404);
    const row = await t.database.db.selectFrom('members').select(['phone', 'status', 'unit_id']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ phone: null, status: 'chinh_thuc', unit_id: cellB });
  });

  it('never sees B in the list, a search, a filter on B or on the commune, or the totals', async () => {
    for (const query of [
      '',
      'status=all',
      'q=nguyen',
      'q=bao',
      `q=${encodeURIComponent('Đào')}`,
      `unitId=${commune}`,
      `unitId=${commune}&status=all`,
      'pageSize=200',
    ]) {
      const { names, total } = await listNames(secretaryA, query);
      for (const name of [...B_NAMES, 'Nguyễn Văn Khai']) expect(names, query).not.toContain(name);
      expect(total, query).toBe(names.length);
    }
    expect(await listNames(secretaryA, '')).toEqual({ names: ['Nguyễn Văn An', 'Nguyễn Thị Bích', 'Lê Văn Cường'], total: 3 });
    // A filter on B itself is not found, as a unit that never was; on the commune above, A's own are listed.
    expect((await secretaryA({ method: 'GET', url: `/api/v1/members?unitId=${cellB}` })).statusCode).toBe(404);
    expect((await secretaryA({ method: 'GET', url: `/api/v1/members?unitId=2000000000` })).json()).toEqual(
      (await secretaryA({ method: 'GET', url: `/api/v1/members?unitId=${cellB}` })).json(),
    );
  });

  it('never sees B in an export', async () => {
    expect(await exportedNames(secretaryA)).toEqual(['Nguyễn Văn An', 'Nguyễn Thị Bích', 'Lê Văn Cường']);
    expect(await exportedNames(secretaryA, `?unitId=${commune}&status=all`)).toEqual(['Nguyễn Văn An', 'Nguyễn Thị Bích', 'Lê Văn Cường']);
    expect((await secretaryA({ method: 'GET', url: `/api/v1/members/export.xlsx?unitId=${cellB}` })).statusCode).toBe(404);
    expect(await exportedNames(secretaryA, '?q=nguyen')).toEqual(['Nguyễn Văn An', 'Nguyễn Thị Bích']);
  });

  it('cannot place a new member in B', async () => {
    const res = await secretaryA({
      method: 'POST',
      url: '/api/v1/members',
      payload: { fullName: 'Hà Văn Mới', sex: 'nam', dateOfBirth: '1990-01-01', unitId: cellB, status: 'du_bi', joinedUnitOn: '2025-01-01' },
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('a grant on one unit only (not its subtree)', () => {
  it('does not reach the members of the cells below', async () => {
    expect(await listNames(communeCommittee, 'status=all')).toEqual({ names: [], total: 0 });
    expect((await communeCommittee({ method: 'GET', url: `/api/v1/members/${inA[0]}` })).statusCode).toBe(404);
    expect(await exportedNames(communeCommittee)).toEqual([]);
  });
});

describe("a plain 'member' account", () => {
  it('sees its own full record, read-only', async () => {
    const res = await plainMember({ method: 'GET', url: `/api/v1/members/${inA[1]}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ fullName: 'Nguyễn Thị Bích', canEdit: false });
    expect((await plainMember({ method: 'GET', url: `/api/v1/members/${inA[1]}/history` })).statusCode).toBe(200);
    expect((await plainMember({ method: 'PATCH', url: `/api/v1/members/${inA[1]}`, payload: { phone: '0912345678' } })).statusCode).toBe(403);
  });

  it('sees nobody else, not even in its own cell', async () => {
    expect((await plainMember({ method: 'GET', url: `/api/v1/members/${inA[0]}` })).statusCode).toBe(404);
    expect((await plainMember({ method: 'GET', url: `/api/v1/members/${inB[0]}` })).statusCode).toBe(404);
    expect(await listNames(plainMember, 'status=all')).toEqual({ names: ['Nguyễn Thị Bích'], total: 1 });
    expect(await listNames(plainMember, `unitId=${cellA}&q=nguyen`)).toEqual({ names: ['Nguyễn Thị Bích'], total: 1 });
    expect(await exportedNames(plainMember)).toEqual(['Nguyễn Thị Bích']);
  });
});
