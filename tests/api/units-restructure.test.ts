// Restructuring units without losing history: the 1/7/2025 commune merger, rename, move,
// split and dissolve, each seen on the day before and the day it takes effect.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let admin: Client;
const u: Record<string, number> = {};
const m: Record<string, number> = {};

interface Child {
  id: number;
  code: string;
  name: string;
  kind: string;
  parentId: number | null;
  childCount: number;
  memberCount: number;
}

async function children(parentId: number, at: string): Promise<Child[]> {
  const res = await admin({ method: 'GET', url: `/api/v1/units/children?parentId=${parentId}&at=${at}` });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().at).toBe(at);
  return res.json().items;
}
const byName = (items: Child[]) => Object.fromEntries(items.map((c) => [c.name, c]));
const total = (items: Child[]) => items.reduce((sum, c) => sum + c.memberCount, 0);

/** Members with more than one (or no) placement in force on a date, among those not gone. */
async function placementsPerMember(date: string) {
  const { rows } = await sql<{ member_id: number; n: number }>`
    select m.id as member_id, count(p.id)::int as n from members m
      left join member_placements p on p.member_id = m.id and p.valid_from <= ${date}::date and (p.valid_to is null or p.valid_to > ${date}::date)
     group by m.id`.execute(t.database.db);
  return rows;
}

beforeAll(async () => {
  t = await createTestApp();
  u.province = await t.unit({ code: 'HT', name: 'Đảng bộ tỉnh Hà Tĩnh', kind: 'dang_bo_tinh' });
  u.bacBinh = await t.unit({ code: 'XA-BB', name: 'Đảng bộ xã Bắc Bình', kind: 'dang_bo_xa', parentId: u.province });
  u.namBinh = await t.unit({ code: 'XA-NB', name: 'Đảng bộ xã Nam Bình', kind: 'dang_bo_xa', parentId: u.province });
  u.kyAnh = await t.unit({ code: 'XA-KA', name: 'Đảng bộ xã Kỳ Anh', kind: 'dang_bo_xa', parentId: u.province });
  u.thon1 = await t.unit({ code: 'BB-T1', name: 'Chi bộ thôn 1', parentId: u.bacBinh });
  u.thon2 = await t.unit({ code: 'BB-T2', name: 'Chi bộ thôn 2', parentId: u.bacBinh });
  u.namThon = await t.unit({ code: 'NB-T1', name: 'Chi bộ thôn Nam', parentId: u.namBinh });
  u.kyThon = await t.unit({ code: 'KA-T1', name: 'Chi bộ thôn Kỳ Phú', parentId: u.kyAnh });
  u.kyTruong = await t.unit({ code: 'KA-TH', name: 'Chi bộ trường học', parentId: u.kyAnh });
  const people: Array<[string, number]> = [
    ['Nguyễn Văn An', u.thon1],
    ['Trần Thị Bình', u.thon1],
    ['Lê Văn Cường', u.thon1],
    ['Phạm Văn Dũng', u.thon2],
    ['Hoàng Thị Em', u.thon2],
    ['Võ Văn Giang', u.namThon],
    ['Đặng Thị Hà', u.namThon],
    ['Bùi Văn Khánh', u.namThon],
    ['Đỗ Thị Lan', u.namThon],
    // Sits directly in the commune committee (a committee member without a cell of her own).
    ['Ngô Thị Mai', u.namBinh],
    ['Lý Văn Nam', u.kyThon],
    ['Mai Thị Oanh', u.kyThon],
    ['Tạ Văn Phúc', u.kyTruong],
  ];
  for (const [fullName, unitId] of people) m[fullName] = await t.member({ fullName, unitId });
  await t.user('admin', [{ role: 'admin', unitId: u.province }]);
  admin = await t.as('admin');
  // Struck off in 2024: no longer counted, and not carried by the merger.
  const struck = await t.member({ fullName: 'Cao Văn Quý', unitId: u.thon1 });
  const res = await admin({
    method: 'POST',
    url: `/api/v1/members/${struck}/status`,
    payload: { status: 'xoa_ten', effectiveOn: '2024-05-01', decisionNumber: '12-QĐ/ĐU' },
  });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(() => t.close());

describe('merging two commune committees into a new one on 1/7/2025', () => {
  let merged: number;

  it('applies the merger as one decision', async () => {
    const res = await admin({
      method: 'POST',
      url: '/api/v1/units/merge',
      payload: {
        sourceIds: [u.bacBinh, u.namBinh],
        target: { code: 'XA-BB-2025', name: 'Đảng bộ xã Bắc Bình', kind: 'dang_bo_xa', parentId: u.province },
        effectiveOn: '2025-07-01',
        decisionNumber: '1234-QĐ/TU',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    merged = body.target.id;
    expect(body).toMatchObject({
      dissolvedIds: [u.bacBinh, u.namBinh],
      childUnitsMoved: 3,
      membersMoved: 1,
      target: { code: 'XA-BB-2025', establishedOn: '2025-07-01', dissolvedOn: null },
    });
  });

  it('shows the old tree on 30/6/2025: old names, old parents, old member counts', async () => {
    const top = byName(await children(u.province, '2025-06-30'));
    expect(Object.keys(top).sort()).toEqual(['Đảng bộ xã Bắc Bình', 'Đảng bộ xã Kỳ Anh', 'Đảng bộ xã Nam Bình']);
    expect(top['Đảng bộ xã Bắc Bình']).toMatchObject({ id: u.bacBinh, parentId: u.province, childCount: 2, memberCount: 5 });
    expect(top['Đảng bộ xã Nam Bình']).toMatchObject({ id: u.namBinh, childCount: 1, memberCount: 5 });
    expect(top['Đảng bộ xã Kỳ Anh']).toMatchObject({ memberCount: 3 });
    const bb = await children(u.bacBinh, '2025-06-30');
    expect(bb.map((c) => [c.name, c.parentId, c.memberCount])).toEqual([
      ['Chi bộ thôn 1', u.bacBinh, 3],
      ['Chi bộ thôn 2', u.bacBinh, 2],
    ]);
    // The merged committee did not exist yet: asked for on that date, it is not found.
    expect((await admin({ method: 'GET', url: `/api/v1/units/children?parentId=${merged}&at=2025-06-30` })).statusCode).toBe(404);
    expect((await admin({ method: 'GET', url: `/api/v1/units/${merged}?at=2025-06-30` })).statusCode).toBe(404);
  });

  it('shows the new tree from 1/7/2025', async () => {
    const top = byName(await children(u.province, '2025-07-01'));
    expect(Object.keys(top).sort()).toEqual(['Đảng bộ xã Bắc Bình', 'Đảng bộ xã Kỳ Anh']);
    expect(top['Đảng bộ xã Bắc Bình']).toMatchObject({ id: merged, parentId: u.province, childCount: 3, memberCount: 10 });
    const inside = await children(merged, '2025-07-01');
    expect(inside.map((c) => [c.name, c.parentId, c.memberCount])).toEqual([
      ['Chi bộ thôn 1', merged, 3],
      ['Chi bộ thôn 2', merged, 2],
      ['Chi bộ thôn Nam', merged, 4],
    ]);
    // The old committee was dissolved on the date: not found then, and empty today.
    expect((await admin({ method: 'GET', url: `/api/v1/units/children?parentId=${u.bacBinh}&at=2025-07-01` })).statusCode).toBe(404);
    expect((await admin({ method: 'GET', url: `/api/v1/units/${u.bacBinh}?at=2025-07-01` })).statusCode).toBe(404);
    expect((await admin({ method: 'GET', url: `/api/v1/units/children?parentId=${u.bacBinh}` })).json().items).toEqual([]);
    expect((await admin({ method: 'GET', url: `/api/v1/units/${u.bacBinh}` })).json().unit).toMatchObject({ id: u.bacBinh, dissolvedOn: '2025-07-01' });
  });

  it('loses nobody and counts nobody twice', async () => {
    const before = await children(u.province, '2025-06-30');
    const after = await children(u.province, '2025-07-01');
    expect(total(before)).toBe(13);
    expect(total(after)).toBe(13);
    for (const at of ['2025-06-30', '2025-07-01']) {
      const detail = (await admin({ method: 'GET', url: `/api/v1/units/${u.province}?at=${at}` })).json();
      expect(detail.counts).toMatchObject({ members: 13, cells: 5 });
      // Every member sits in exactly one unit on each date (the struck-off one has left).
      const per = await placementsPerMember(at);
      expect(per.filter((r) => r.n !== 1).map((r) => r.n)).toEqual([0]);
    }
  });

  it('moves the members of the merged units into the new one from the effective date', async () => {
    const history = (await admin({ method: 'GET', url: `/api/v1/members/${m['Ngô Thị Mai']}/history` })).json();
    expect(
      history.placements.map((p: { unitId: number; validFrom: string; validTo: string | null; decisionNumber: string | null }) => [
        p.unitId,
        p.validFrom,
        p.validTo,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [u.namBinh, '2020-01-01', '2025-07-01'],
        [merged, '2025-07-01', null],
      ]),
    );
    const member = (await admin({ method: 'GET', url: `/api/v1/members/${m['Ngô Thị Mai']}` })).json();
    expect(member.unitId).toBe(merged);
  });

  it('keeps the old units, dissolved on the date, with the merger in their history', async () => {
    const detail = (await admin({ method: 'GET', url: `/api/v1/units/${u.bacBinh}` })).json();
    expect(detail.unit).toMatchObject({ name: 'Đảng bộ xã Bắc Bình', dissolvedOn: '2025-07-01' });
    expect(detail.counts.members).toBe(0);
    const history = (await admin({ method: 'GET', url: `/api/v1/units/${u.namBinh}/history` })).json().items;
    expect(history[0]).toMatchObject({ kind: 'merge', effectiveOn: '2025-07-01', decisionNumber: '1234-QĐ/TU' });
    expect(history[0].details.target).toMatchObject({ id: merged, created: true });
    expect(history.at(-1).kind).toBe('create');
    const cellHistory = (await admin({ method: 'GET', url: `/api/v1/units/${u.namThon}/history` })).json().items;
    expect(cellHistory.map((e: { kind: string }) => e.kind)).toEqual(['merge', 'create']);
    const rename = await admin({
      method: 'POST',
      url: `/api/v1/units/${u.bacBinh}/rename`,
      payload: { name: 'X', effectiveOn: '2025-08-01', decisionNumber: '1' },
    });
    expect(rename.statusCode).toBe(400);
    expect(rename.json().title).toBe('Đảng bộ xã Bắc Bình đã giải thể từ ngày 01/07/2025; không thể thay đổi.');
  });

  it('audits the merger on the units it touched', async () => {
    const audit = (await admin({ method: 'GET', url: `/api/v1/audit?entityType=unit&entityId=${u.bacBinh}` })).json().items;
    expect(audit[0]).toMatchObject({ action: 'unit.merge', after: { dissolvedOn: '2025-07-01', mergedInto: { id: merged } } });
  });
});

describe('rename', () => {
  it('keeps the old name before the date and shows the new one from it', async () => {
    const res = await admin({
      method: 'POST',
      url: `/api/v1/units/${u.kyThon}/rename`,
      payload: { name: 'Chi bộ thôn Kỳ Phú Mới', effectiveOn: '2025-03-01', decisionNumber: '55-QĐ/ĐU' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().unit.name).toBe('Chi bộ thôn Kỳ Phú Mới');
    expect((await children(u.kyAnh, '2025-02-28')).map((c) => c.name)).toContain('Chi bộ thôn Kỳ Phú');
    expect((await children(u.kyAnh, '2025-03-01')).map((c) => c.name)).toContain('Chi bộ thôn Kỳ Phú Mới');
    const old = (await admin({ method: 'GET', url: `/api/v1/units/${u.kyThon}?at=2025-02-28` })).json();
    expect(old.unit.name).toBe('Chi bộ thôn Kỳ Phú');
    const history = (await admin({ method: 'GET', url: `/api/v1/units/${u.kyThon}/history` })).json().items;
    expect(history[0]).toMatchObject({
      kind: 'rename',
      effectiveOn: '2025-03-01',
      decisionNumber: '55-QĐ/ĐU',
      details: { fromName: 'Chi bộ thôn Kỳ Phú', toName: 'Chi bộ thôn Kỳ Phú Mới' },
    });
  });

  it('lets a second decision on the same day correct the name: the second one is the name from that day', async () => {
    const rename = (name: string, decisionNumber: string) =>
      admin({ method: 'POST', url: `/api/v1/units/${u.kyThon}/rename`, payload: { name, effectiveOn: '2025-03-01', decisionNumber } });
    expect((await rename('Chi bộ thôn Kỳ Phú Mơi', '57-QĐ/ĐU')).statusCode).toBe(200);
    const fixed = await rename('Chi bộ thôn Kỳ Phú Mới', '58-QĐ/ĐU');
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect((await children(u.kyAnh, '2025-03-01')).map((c) => c.name)).toContain('Chi bộ thôn Kỳ Phú Mới');
    expect((await children(u.kyAnh, '2025-02-28')).map((c) => c.name)).toContain('Chi bộ thôn Kỳ Phú');
    // One version from the day, not one valid on no day; both decisions stay in the history.
    const versions = await t.database.db
      .selectFrom('unit_versions')
      .select(['name', 'valid_from'])
      .where('unit_id', '=', u.kyThon)
      .orderBy('valid_from')
      .execute();
    expect(versions.map((v) => v.name)).toEqual(['Chi bộ thôn Kỳ Phú', 'Chi bộ thôn Kỳ Phú Mới']);
    const history = (await admin({ method: 'GET', url: `/api/v1/units/${u.kyThon}/history` })).json().items;
    expect(history.slice(0, 2).map((e: { decisionNumber: string }) => e.decisionNumber)).toEqual(['58-QĐ/ĐU', '57-QĐ/ĐU']);
  });

  it('refuses a date before the last change, or in the future', async () => {
    const early = await admin({
      method: 'POST',
      url: `/api/v1/units/${u.kyThon}/rename`,
      payload: { name: 'Chi bộ A', effectiveOn: '2025-02-01', decisionNumber: '56' },
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().title).toBe('Ngày hiệu lực phải sau lần thay đổi gần nhất của Chi bộ thôn Kỳ Phú Mới (ngày 01/03/2025).');
    const future = await admin({
      method: 'POST',
      url: `/api/v1/units/${u.kyThon}/rename`,
      payload: { name: 'Chi bộ A', effectiveOn: '2099-01-01', decisionNumber: '56' },
    });
    expect(future.statusCode).toBe(400);
  });
});

describe('move', () => {
  it('moves a cell with its members to another commune from the date', async () => {
    const merged = (await children(u.province, '2025-07-01')).find((c) => c.code === 'XA-BB-2025')!.id;
    const res = await admin({
      method: 'POST',
      url: `/api/v1/units/${u.kyTruong}/move`,
      payload: { parentId: merged, effectiveOn: '2025-09-01', decisionNumber: '77-QĐ/TU' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().unit).toMatchObject({ parentId: merged, depth: 2 });
    expect((await children(u.kyAnh, '2025-08-31')).map((c) => c.name)).toContain('Chi bộ trường học');
    expect((await children(u.kyAnh, '2025-09-01')).map((c) => c.name)).not.toContain('Chi bộ trường học');
    expect((await children(merged, '2025-09-01')).map((c) => c.name)).toContain('Chi bộ trường học');
    const before = byName(await children(u.province, '2025-08-31'));
    const after = byName(await children(u.province, '2025-09-01'));
    expect([before['Đảng bộ xã Kỳ Anh']!.memberCount, before['Đảng bộ xã Bắc Bình']!.memberCount]).toEqual([3, 10]);
    expect([after['Đảng bộ xã Kỳ Anh']!.memberCount, after['Đảng bộ xã Bắc Bình']!.memberCount]).toEqual([2, 11]);
    const history = (await admin({ method: 'GET', url: `/api/v1/units/${u.kyAnh}/history` })).json().items;
    expect(history[0]).toMatchObject({ kind: 'move', details: { unit: { id: u.kyTruong }, from: { id: u.kyAnh }, to: { id: merged } } });
  });

  it("lets the old commune's officer read its past with the cell that moved away, and nothing of the cell after", async () => {
    await t.user('tochuc-ky-anh', [{ role: 'org_officer', unitId: u.kyAnh }]);
    const officer = await t.as('tochuc-ky-anh');
    const get = async (url: string) => {
      const res = await officer({ method: 'GET', url: `/api/v1/${url}` });
      return { status: res.statusCode, body: res.statusCode === 200 ? res.json() : null };
    };
    // The tree, the unit page and the dashboard agree on 31/8/2025, as the admin's do.
    const tree = await get(`units/children?parentId=${u.kyAnh}&at=2025-08-31`);
    expect(tree.body.items.map((c: Child) => [c.id, c.memberCount])).toEqual([
      [u.kyThon, 2],
      [u.kyTruong, 1],
    ]);
    const page = await get(`units/${u.kyAnh}?at=2025-08-31`);
    expect([page.body.counts.members, page.body.counts.cells]).toEqual([3, 2]);
    expect((await get(`figures/units/${u.kyAnh}?date=2025-08-31`)).body.members.total).toBe(3);
    // The dashboard's drill-down into the cell, on that date: its page and its figures.
    expect((await get(`units/${u.kyTruong}?at=2025-08-31`)).body.unit.parentId).toBe(u.kyAnh);
    expect((await get(`figures/units/${u.kyTruong}?date=2025-08-31`)).body.members.total).toBe(1);
    // Its place in the tree on that date opens too (no units under it), and so does its grading.
    expect((await get(`units/children?parentId=${u.kyTruong}&at=2025-08-31`)).body.items).toEqual([]);
    expect((await get(`figures/units/${u.kyTruong}/grading?from=2025-01-01&to=2025-08-31`)).status).toBe(200);
    // From the move on, the cell is another commune's.
    expect((await get(`units/${u.kyTruong}?at=2025-09-01`)).status).toBe(404);
    expect((await get(`figures/units/${u.kyTruong}?date=2025-09-01`)).status).toBe(404);
    expect((await get(`units/${u.kyTruong}`)).status).toBe(404);
    expect((await get(`units/children?parentId=${u.kyTruong}&at=2025-09-01`)).status).toBe(404);
    expect((await get(`units/children?parentId=${u.kyAnh}&at=2025-09-01`)).body.items.map((c: Child) => c.id)).toEqual([u.kyThon]);
  });

  it('refuses to move a unit under one that did not exist yet on the date', async () => {
    const merged = (await children(u.province, '2025-07-01')).find((c) => c.code === 'XA-BB-2025')!.id;
    const res = await admin({
      method: 'POST',
      url: `/api/v1/units/${u.kyThon}/move`,
      payload: { parentId: merged, effectiveOn: '2025-06-15', decisionNumber: '79' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().title).toBe('Đảng bộ xã Bắc Bình chưa được thành lập trước ngày 01/07/2025.');
  });

  it('refuses to move a unit under its own descendant', async () => {
    const res = await admin({
      method: 'POST',
      url: `/api/v1/units/${u.kyAnh}/move`,
      payload: { parentId: u.kyThon, effectiveOn: '2025-10-01', decisionNumber: '78' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().title).toBe('Không thể chuyển một tổ chức đảng vào chính nó hoặc vào tổ chức trực thuộc nó.');
  });
});

describe('split', () => {
  let village: number;
  const people: number[] = [];
  beforeAll(async () => {
    village = await t.unit({ code: 'KA-DONG', name: 'Chi bộ thôn Đông', parentId: u.kyAnh });
    for (const fullName of ['Lương Văn Sơn', 'Kiều Thị Tâm', 'Lâm Văn Uy']) people.push(await t.member({ fullName, unitId: village }));
  });

  it('refuses a plan that leaves a member out, naming them in Vietnamese', async () => {
    const res = await admin({
      method: 'POST',
      url: `/api/v1/units/${village}/split`,
      payload: {
        parts: [
          { code: 'KA-DONG-1', name: 'Chi bộ thôn Đông 1', kind: 'chi_bo', memberIds: [people[0]], childUnitIds: [] },
          { code: 'KA-DONG-2', name: 'Chi bộ thôn Đông 2', kind: 'chi_bo', memberIds: [people[1]], childUnitIds: [] },
        ],
        effectiveOn: '2025-10-01',
        decisionNumber: '90-QĐ/ĐU',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().title).toContain('Phương án chia tách Chi bộ thôn Đông chưa đầy đủ');
    expect(res.json().errors).toEqual([{ path: 'body.parts', message: 'Đảng viên Lâm Văn Uy chưa được phân vào bộ phận nào.' }]);
    expect((await children(u.kyAnh, '2025-10-01')).map((c) => c.name)).toContain('Chi bộ thôn Đông');
  });

  it('splits when everyone has a place, and keeps the old cell before the date', async () => {
    const res = await admin({
      method: 'POST',
      url: `/api/v1/units/${village}/split`,
      payload: {
        parts: [
          { code: 'KA-DONG-1', name: 'Chi bộ thôn Đông 1', kind: 'chi_bo', memberIds: [people[0], people[2]], childUnitIds: [] },
          { code: 'KA-DONG-2', name: 'Chi bộ thôn Đông 2', kind: 'chi_bo', memberIds: [people[1]], childUnitIds: [] },
        ],
        effectiveOn: '2025-10-01',
        decisionNumber: '90-QĐ/ĐU',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const before = byName(await children(u.kyAnh, '2025-09-30'));
    const after = byName(await children(u.kyAnh, '2025-10-01'));
    expect(before['Chi bộ thôn Đông']!.memberCount).toBe(3);
    expect(after['Chi bộ thôn Đông']).toBeUndefined();
    expect([after['Chi bộ thôn Đông 1']!.memberCount, after['Chi bộ thôn Đông 2']!.memberCount]).toEqual([2, 1]);
    expect(total(await children(u.province, '2025-09-30'))).toBe(total(await children(u.province, '2025-10-01')));
  });
});

describe('dissolve', () => {
  it('refuses while members or child units remain', async () => {
    const res = await admin({ method: 'POST', url: `/api/v1/units/${u.kyAnh}/dissolve`, payload: { effectiveOn: '2025-11-01', decisionNumber: '99' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().title).toBe(
      'Không thể giải thể Đảng bộ xã Kỳ Anh: còn 0 đảng viên và 3 tổ chức đảng trực thuộc. Hãy chuyển sinh hoạt đảng viên và chuyển các tổ chức trực thuộc trước.',
    );
    const cell = await admin({ method: 'POST', url: `/api/v1/units/${u.kyThon}/dissolve`, payload: { effectiveOn: '2025-11-01', decisionNumber: '99' } });
    expect(cell.statusCode).toBe(409);
    expect(cell.json().title).toContain('còn 2 đảng viên');
  });

  it('dissolves an empty unit from the date', async () => {
    const empty = await t.unit({ code: 'KA-EMPTY', name: 'Chi bộ thôn Tây', parentId: u.kyAnh });
    const res = await admin({ method: 'POST', url: `/api/v1/units/${empty}/dissolve`, payload: { effectiveOn: '2025-11-01', decisionNumber: '100-QĐ/ĐU' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().unit.dissolvedOn).toBe('2025-11-01');
    expect((await children(u.kyAnh, '2025-10-31')).map((c) => c.name)).toContain('Chi bộ thôn Tây');
    expect((await children(u.kyAnh, '2025-11-01')).map((c) => c.name)).not.toContain('Chi bộ thôn Tây');
    const history = (await admin({ method: 'GET', url: `/api/v1/units/${empty}/history` })).json().items;
    expect(history.map((e: { kind: string; decisionNumber: string | null }) => [e.kind, e.decisionNumber])).toEqual([
      ['dissolve', '100-QĐ/ĐU'],
      ['create', null],
    ]);
  });
});

describe('more merging and splitting', () => {
  const id = async (code: string, at: string, parentId: number) => (await children(parentId, at)).find((c) => c.code === code)!.id;

  it('merges a cell into an existing cell: its members join from the date', async () => {
    const dong1 = await id('KA-DONG-1', '2025-11-01', u.kyAnh);
    const dong2 = await id('KA-DONG-2', '2025-11-01', u.kyAnh);
    const res = await admin({
      method: 'POST',
      url: '/api/v1/units/merge',
      payload: { sourceIds: [dong2], target: { unitId: dong1 }, effectiveOn: '2025-12-01', decisionNumber: '120-QĐ/ĐU' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ membersMoved: 1, childUnitsMoved: 0, dissolvedIds: [dong2], target: { id: dong1 } });
    const before = byName(await children(u.kyAnh, '2025-11-30'));
    const after = byName(await children(u.kyAnh, '2025-12-01'));
    expect([before['Chi bộ thôn Đông 1']!.memberCount, before['Chi bộ thôn Đông 2']!.memberCount]).toEqual([2, 1]);
    expect(after['Chi bộ thôn Đông 1']!.memberCount).toBe(3);
    expect(after['Chi bộ thôn Đông 2']).toBeUndefined();
  });

  it('refuses to merge a unit with its own subunit, or a new unit from one source', async () => {
    const nested = await admin({
      method: 'POST',
      url: '/api/v1/units/merge',
      payload: {
        sourceIds: [u.kyAnh, u.kyThon],
        target: { code: 'X1', name: 'X', kind: 'dang_bo_xa', parentId: u.province },
        effectiveOn: '2025-12-20',
        decisionNumber: '1',
      },
    });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().title).toContain('không được là cấp trên hoặc cấp dưới');
    const single = await admin({
      method: 'POST',
      url: '/api/v1/units/merge',
      payload: { sourceIds: [u.kyThon], target: { code: 'X2', name: 'X', kind: 'chi_bo', parentId: u.kyAnh }, effectiveOn: '2025-12-20', decisionNumber: '1' },
    });
    expect(single.statusCode).toBe(400);
  });

  it('refuses a merge dated before a member left the source, so nobody drops out of the figures', async () => {
    const move = await admin({
      method: 'POST',
      url: `/api/v1/members/${m['Lý Văn Nam']}/transfer`,
      payload: { unitId: u.thon1, effectiveOn: '2025-12-15', decisionNumber: '130-QĐ/ĐU' },
    });
    expect(move.statusCode, move.body).toBe(200);
    const dong1 = await id('KA-DONG-1', '2025-12-01', u.kyAnh);
    const res = await admin({
      method: 'POST',
      url: '/api/v1/units/merge',
      payload: { sourceIds: [u.kyThon], target: { unitId: dong1 }, effectiveOn: '2025-12-10', decisionNumber: '131' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().title).toBe('Đảng viên Lý Văn Nam có thay đổi nơi sinh hoạt hoặc trạng thái từ ngày 10/12/2025 trở đi; hãy chọn ngày hiệu lực muộn hơn.');
  });

  it('splits a commune committee with its cells; a cell left out is named', async () => {
    const dong1 = await id('KA-DONG-1', '2025-12-01', u.kyAnh);
    const plan = (parts: Array<{ code: string; name: string; childUnitIds: number[] }>) => ({
      method: 'POST' as const,
      url: `/api/v1/units/${u.kyAnh}/split`,
      payload: { parts: parts.map((p) => ({ ...p, kind: 'dang_bo_xa', memberIds: [] })), effectiveOn: '2026-01-01', decisionNumber: '1-QĐ/TU' },
    });
    const missing = await admin(
      plan([
        { code: 'KA-BAC', name: 'Đảng bộ xã Kỳ Anh Bắc', childUnitIds: [u.kyThon] },
        { code: 'KA-NAM', name: 'Đảng bộ xã Kỳ Anh Nam', childUnitIds: [] },
      ]),
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([{ path: 'body.parts', message: 'Tổ chức Chi bộ thôn Đông 1 chưa được phân vào bộ phận nào.' }]);
    const res = await admin(
      plan([
        { code: 'KA-BAC', name: 'Đảng bộ xã Kỳ Anh Bắc', childUnitIds: [u.kyThon] },
        { code: 'KA-NAM', name: 'Đảng bộ xã Kỳ Anh Nam', childUnitIds: [dong1] },
      ]),
    );
    expect(res.statusCode, res.body).toBe(200);
    const [bac, nam] = res.json().parts;
    expect((await children(bac.id, '2026-01-01')).map((c) => c.name)).toEqual(['Chi bộ thôn Kỳ Phú Mới']);
    expect((await children(nam.id, '2026-01-01')).map((c) => [c.name, c.memberCount])).toEqual([['Chi bộ thôn Đông 1', 3]]);
    expect((await children(u.kyAnh, '2025-12-31')).map((c) => c.name)).toEqual(['Chi bộ thôn Đông 1', 'Chi bộ thôn Kỳ Phú Mới']);
    expect(total(await children(u.province, '2025-12-31'))).toBe(total(await children(u.province, '2026-01-01')));
    const history = (await admin({ method: 'GET', url: `/api/v1/units/${dong1}/history` })).json().items;
    expect(history.map((e: { kind: string }) => e.kind)).toEqual(['split', 'merge', 'split']);
  });
});

describe('a cell merged into a committee (found by an outside probe)', () => {
  it('is refused, into its own commune or another, and leaves its members in the cell', async () => {
    const commune = await t.unit({ code: 'XA-HL', name: 'Đảng bộ xã Hòa Lạc', kind: 'dang_bo_xa', parentId: u.province });
    const other = await t.unit({ code: 'XA-HL2', name: 'Đảng bộ xã Hòa Lạc Tây', kind: 'dang_bo_xa', parentId: u.province });
    const cell = await t.unit({ code: 'HL-T1', name: 'Chi bộ thôn Hòa Lạc 1', parentId: commune });
    await t.member({ fullName: 'Kiều Văn Sơn', unitId: cell });
    const u2 = await t.unit({ code: 'HL-T2', name: 'Chi bộ thôn Hòa Lạc 2', parentId: commune });
    const merge = (target: number) =>
      admin({
        method: 'POST',
        url: '/api/v1/units/merge',
        payload: { sourceIds: [cell], target: { unitId: target }, effectiveOn: '2026-11-20', decisionNumber: '9' },
      });
    // Into its own commune or another one: its member would sit in a committee, outside any cell.
    for (const [target, name] of [
      [commune, 'Đảng bộ xã Hòa Lạc'],
      [other, 'Đảng bộ xã Hòa Lạc Tây'],
    ] as const) {
      const res = await merge(target);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().title).toBe(`Chi bộ thôn Hòa Lạc 1 là chi bộ nên chỉ hợp nhất được vào một chi bộ; ${name} không phải là chi bộ.`);
      expect(res.json().errors).toEqual([{ path: 'body.target.unitId', message: 'Một chi bộ chỉ hợp nhất được vào một chi bộ.' }]);
    }
    // Into a new unit that is not a cell, likewise.
    const intoNew = await admin({
      method: 'POST',
      url: '/api/v1/units/merge',
      payload: {
        sourceIds: [cell, u2],
        target: { code: 'XA-HL3', name: 'Đảng bộ xã Hòa Lạc Mới', kind: 'dang_bo_xa', parentId: u.province },
        effectiveOn: '2026-11-20',
        decisionNumber: '9',
      },
    });
    expect(intoNew.statusCode, intoNew.body).toBe(400);
    expect(intoNew.json().errors).toEqual([{ path: 'body.target.kind', message: 'Một chi bộ chỉ hợp nhất được vào một chi bộ.' }]);
    expect((await children(commune, '2026-11-30')).map((c) => [c.name, c.memberCount])).toEqual([
      ['Chi bộ thôn Hòa Lạc 1', 1],
      ['Chi bộ thôn Hòa Lạc 2', 0],
    ]);
    expect(await children(other, '2026-11-30')).toEqual([]);
  });
});

describe('a date after today (found by an outside probe)', () => {
  it('is refused for the tree, a unit and the search, as for the figures, instead of showing today as that day', async () => {
    const later = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    for (const url of [
      `/api/v1/units/${u.province}?at=${later}`,
      `/api/v1/units/children?parentId=${u.province}&at=${later}`,
      `/api/v1/units/search?q=thon&at=${later}`,
    ]) {
      const res = await admin({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().errors).toEqual([{ path: 'querystring.at', message: 'Ngày xem không được sau ngày hôm nay: chưa có cây tổ chức của ngày đó.' }]);
    }
    expect((await admin({ method: 'GET', url: `/api/v1/figures/units/${u.province}?date=${later}` })).statusCode).toBe(400);
    // Not a date at all: that one error, not also one about today.
    for (const url of [`/api/v1/units/${u.province}?at=31/12/2025`, `/api/v1/figures/units/${u.province}?date=abc`]) {
      const res = await admin({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().errors, url).toHaveLength(1);
    }
  });
});
