// The unit tree as people use it: their own top units, a unit's page with its figures and
// committee, search without diacritics, what each role may see, and bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let admin: Client;
const u: Record<string, number> = {};
const m: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  u.province = await t.unit({ code: 'HT', name: 'Đảng bộ tỉnh Hà Tĩnh', kind: 'dang_bo_tinh' });
  u.bacBinh = await t.unit({ code: 'XA-BB', name: 'Đảng bộ xã Bắc Bình', kind: 'dang_bo_xa', parentId: u.province });
  u.thonA = await t.unit({ code: 'BB-A', name: 'Chi bộ thôn An Phú', parentId: u.bacBinh });
  u.thonB = await t.unit({ code: 'BB-B', name: 'Chi bộ thôn Bình Lợi', parentId: u.bacBinh });
  u.company = await t.unit({ code: 'CTY', name: 'Đảng bộ Công ty Điện lực', kind: 'dang_bo_co_so', parentId: u.province });
  u.workshop = await t.unit({ code: 'CTY-PX', name: 'Chi bộ Phân xưởng 1', parentId: u.company });
  u.school = await t.unit({ code: 'THPT', name: 'Chi bộ Trường THPT Hồng Lĩnh', kind: 'chi_bo_co_so', parentId: u.province });
  m.an = await t.member({ fullName: 'Nguyễn Văn An', unitId: u.thonA });
  m.binh = await t.member({ fullName: 'Trần Thị Bình', unitId: u.thonA, status: 'du_bi', joinedUnitOn: '2025-03-01' });
  m.cuong = await t.member({ fullName: 'Lê Văn Cường', unitId: u.thonA });
  m.dung = await t.member({ fullName: 'Phạm Văn Dũng', unitId: u.thonB });
  m.em = await t.member({ fullName: 'Hoàng Thị Em', unitId: u.workshop });
  m.giang = await t.member({ fullName: 'Võ Văn Giang', unitId: u.school });
  await t.user('admin', [{ role: 'admin', unitId: u.province }]);
  await t.user('bithu.a', [{ role: 'secretary', unitId: u.thonA }], m.an);
  await t.user('tochuc.xa', [{ role: 'org_officer', unitId: u.bacBinh }]);
  await t.user('hai.quyen', [
    { role: 'admin', unitId: u.province },
    { role: 'secretary', unitId: u.thonA },
    { role: 'committee', unitId: u.school, includeSubtree: false },
  ]);
  admin = await t.as('admin');
  const res = await admin({
    method: 'POST',
    url: `/api/v1/members/${m.cuong}/status`,
    payload: { status: 'mien_sinh_hoat', effectiveOn: '2025-01-15', decisionNumber: '08-QĐ/CB' },
  });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(() => t.close());

describe('the tree', () => {
  it("starts at the caller's own top units, none inside another", async () => {
    const res = await (await t.as('hai.quyen'))({ method: 'GET', url: '/api/v1/units/children' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { id: number }) => i.id)).toEqual([u.province]);
    expect(res.json().items[0]).toMatchObject({ name: 'Đảng bộ tỉnh Hà Tĩnh', childCount: 3, memberCount: 6, parentId: null });
  });

  it('lists children lazily with their subtree member counts, on a date', async () => {
    const res = await admin({ method: 'GET', url: `/api/v1/units/children?parentId=${u.province}&at=2025-06-01` });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { name: string; childCount: number; memberCount: number }) => [i.name, i.childCount, i.memberCount])).toEqual([
      ['Chi bộ Trường THPT Hồng Lĩnh', 0, 1],
      ['Đảng bộ Công ty Điện lực', 1, 1],
      ['Đảng bộ xã Bắc Bình', 2, 4],
    ]);
    // Before the probationary member joined, the commune had one member fewer.
    const earlier = await admin({ method: 'GET', url: `/api/v1/units/children?parentId=${u.bacBinh}&at=2025-02-28` });
    expect(earlier.json().items.map((i: { memberCount: number }) => i.memberCount)).toEqual([2, 1]);
    // Before the province existed, it is not found on that date (a unit that never was answers the same).
    const before = await admin({ method: 'GET', url: `/api/v1/units/children?parentId=${u.province}&at=2019-12-31` });
    expect(before.statusCode).toBe(404);
    const unitBefore = await admin({ method: 'GET', url: `/api/v1/units/${u.province}?at=2019-12-31` });
    expect(unitBefore.statusCode).toBe(404);
    expect(unitBefore.body).toBe((await admin({ method: 'GET', url: '/api/v1/units/999999?at=2019-12-31' })).body);
  });

  it('defaults to today', async () => {
    const res = await admin({ method: 'GET', url: `/api/v1/units/children?parentId=${u.bacBinh}` });
    expect(res.json().at).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(res.json().items).toHaveLength(2);
  });
});

describe("a unit's page", () => {
  it('shows ancestors, figures over the subtree, children and edit rights', async () => {
    const res = await admin({ method: 'GET', url: `/api/v1/units/${u.thonA}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      unit: {
        id: u.thonA,
        code: 'BB-A',
        name: 'Chi bộ thôn An Phú',
        kind: 'chi_bo',
        parentId: u.bacBinh,
        depth: 2,
        establishedOn: '2020-01-01',
        dissolvedOn: null,
      },
      ancestors: [
        { id: u.province, name: 'Đảng bộ tỉnh Hà Tĩnh' },
        { id: u.bacBinh, name: 'Đảng bộ xã Bắc Bình' },
      ],
      counts: { members: 3, cells: 1, grassroots: 0, exempted: 1, probationary: 1 },
      children: [],
      canEdit: true,
    });
  });

  it('counts a grassroots cell as a cell and a grassroots committee as not', async () => {
    const res = await admin({ method: 'GET', url: `/api/v1/units/${u.province}?at=2025-06-01` });
    // cells: the two village cells, the workshop cell and the school (a chi bộ cơ sở);
    // grassroots: Bắc Bình (a commune committee was a grassroots committee before 1/7/2025),
    // the company committee and the school.
    expect(res.json().counts).toEqual({ members: 6, cells: 4, grassroots: 3, exempted: 1, probationary: 1 });
    // From 1/7/2025 Bắc Bình still counts: it holds its village cells directly (org-counting rules).
    const today = await admin({ method: 'GET', url: `/api/v1/units/${u.bacBinh}` });
    expect(today.json().counts).toMatchObject({ cells: 2, grassroots: 1 });
    expect(res.json().children).toHaveLength(3);
  });

  it('counts the past as it was', async () => {
    const res = await admin({ method: 'GET', url: `/api/v1/units/${u.thonA}?at=2025-01-01` });
    expect(res.json().counts).toEqual({ members: 2, cells: 1, grassroots: 0, exempted: 0, probationary: 0 });
  });
});

describe('committee', () => {
  let secretaryId: number;
  it('appoints a secretary and a deputy from a date', async () => {
    const res = await admin({
      method: 'POST',
      url: `/api/v1/units/${u.thonA}/committee`,
      payload: { memberId: m.an, fullName: 'Nguyễn Văn An', position: 'bi_thu', validFrom: '2020-06-01', decisionNumber: '15-QĐ/ĐU' },
    });
    expect(res.statusCode, res.body).toBe(201);
    secretaryId = res.json().id;
    expect(res.json()).toMatchObject({
      memberId: m.an,
      fullName: 'Nguyễn Văn An',
      position: 'bi_thu',
      validFrom: '2020-06-01',
      validTo: null,
      decisionNumber: '15-QĐ/ĐU',
    });
    const deputy = await admin({
      method: 'POST',
      url: `/api/v1/units/${u.thonA}/committee`,
      payload: { fullName: 'trần  thị bình', position: 'pho_bi_thu', validFrom: '2025-03-01' },
    });
    expect(deputy.statusCode).toBe(201);
    expect(deputy.json().fullName).toBe('Trần Thị Bình');
    const page = (await admin({ method: 'GET', url: `/api/v1/units/${u.thonA}?at=2025-03-01` })).json();
    expect(page.committee.map((c: { fullName: string; position: string }) => [c.position, c.fullName])).toEqual([
      ['bi_thu', 'Nguyễn Văn An'],
      ['pho_bi_thu', 'Trần Thị Bình'],
    ]);
  });

  it('keeps one secretary at a time', async () => {
    const res = await admin({
      method: 'POST',
      url: `/api/v1/units/${u.thonA}/committee`,
      payload: { memberId: m.cuong, fullName: 'Lê Văn Cường', position: 'bi_thu', validFrom: '2025-04-01' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().title).toBe('Chi bộ thôn An Phú đang có bí thư (Nguyễn Văn An); hãy kết thúc nhiệm vụ của bí thư hiện tại trước.');
  });

  it('ends a term on a date; the committee before it still shows them', async () => {
    const bad = await admin({ method: 'POST', url: `/api/v1/units/${u.thonA}/committee/${secretaryId}/end`, payload: { validTo: '2019-01-01' } });
    expect(bad.statusCode).toBe(400);
    const res = await admin({ method: 'POST', url: `/api/v1/units/${u.thonA}/committee/${secretaryId}/end`, payload: { validTo: '2025-05-01' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().validTo).toBe('2025-05-01');
    const again = await admin({ method: 'POST', url: `/api/v1/units/${u.thonA}/committee/${secretaryId}/end`, payload: { validTo: '2025-06-01' } });
    expect(again.statusCode).toBe(409);
    const april = (await admin({ method: 'GET', url: `/api/v1/units/${u.thonA}?at=2025-04-30` })).json();
    const may = (await admin({ method: 'GET', url: `/api/v1/units/${u.thonA}?at=2025-05-01` })).json();
    expect(april.committee.map((c: { position: string }) => c.position)).toEqual(['bi_thu', 'pho_bi_thu']);
    expect(may.committee.map((c: { position: string }) => c.position)).toEqual(['pho_bi_thu']);
    const next = await admin({
      method: 'POST',
      url: `/api/v1/units/${u.thonA}/committee`,
      payload: { memberId: m.cuong, fullName: 'Lê Văn Cường', position: 'bi_thu', validFrom: '2025-05-01' },
    });
    expect(next.statusCode).toBe(201);
  });

  it('is not open to a committee of another unit', async () => {
    const other = await admin({ method: 'POST', url: `/api/v1/units/${u.thonB}/committee/${secretaryId}/end`, payload: { validTo: '2025-06-01' } });
    expect(other.statusCode).toBe(404);
  });
});

describe('search', () => {
  it.each(['bac binh', 'BẮC BÌNH', 'xa bac', 'xa-bb'])('"%s" finds Đảng bộ xã Bắc Bình', async (q) => {
    const res = await admin({ method: 'GET', url: `/api/v1/units/search?q=${encodeURIComponent(q)}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([{ id: u.bacBinh, code: 'XA-BB', name: 'Đảng bộ xã Bắc Bình', kind: 'dang_bo_xa', path: ['Đảng bộ tỉnh Hà Tĩnh'] }]);
  });

  it('shows the path above each hit and finds a unit by a former name', async () => {
    const rename = await admin({
      method: 'POST',
      url: `/api/v1/units/${u.thonB}/rename`,
      payload: { name: 'Chi bộ thôn Bình Minh', effectiveOn: '2025-08-01', decisionNumber: '40-QĐ/ĐU' },
    });
    expect(rename.statusCode, rename.body).toBe(200);
    const res = (await admin({ method: 'GET', url: '/api/v1/units/search?q=binh loi' })).json();
    expect(res.items).toEqual([
      { id: u.thonB, code: 'BB-B', name: 'Chi bộ thôn Bình Minh', kind: 'chi_bo', path: ['Đảng bộ tỉnh Hà Tĩnh', 'Đảng bộ xã Bắc Bình'] },
    ]);
    const old = (await admin({ method: 'GET', url: '/api/v1/units/search?q=binh loi&at=2025-07-31' })).json();
    expect(old.items[0].name).toBe('Chi bộ thôn Bình Lợi');
  });
});

describe('who sees what', () => {
  it('a cell secretary sees their cell only: other units are not found', async () => {
    const sec = await t.as('bithu.a');
    const roots = (await sec({ method: 'GET', url: '/api/v1/units/children' })).json();
    expect(roots.items.map((i: { id: number }) => i.id)).toEqual([u.thonA]);
    const own = await sec({ method: 'GET', url: `/api/v1/units/${u.thonA}` });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ ancestors: [], canEdit: false });
    for (const url of [`/api/v1/units/${u.thonB}`, `/api/v1/units/${u.thonB}/history`, `/api/v1/units/children?parentId=${u.bacBinh}`]) {
      const res = await sec({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).not.toContain('Bình Minh');
    }
    const found = (await sec({ method: 'GET', url: '/api/v1/units/search?q=chi bo' })).json();
    expect(found.items.map((i: { id: number }) => i.id)).toEqual([u.thonA]);
    const rename = await sec({
      method: 'POST',
      url: `/api/v1/units/${u.thonA}/rename`,
      payload: { name: 'Chi bộ X', effectiveOn: '2025-08-01', decisionNumber: '1' },
    });
    // Their own cell is visible to them, but restructuring is not theirs to do: 403, not 404.
    expect(rename.statusCode).toBe(403);
  });

  it('an organisation officer of a commune restructures inside it, not above it', async () => {
    const officer = await t.as('tochuc.xa');
    const own = await officer({
      method: 'POST',
      url: `/api/v1/units/${u.thonA}/rename`,
      payload: { name: 'Chi bộ thôn An Phú Đông', effectiveOn: '2025-09-01', decisionNumber: '41-QĐ/ĐU' },
    });
    expect(own.statusCode, own.body).toBe(200);
    const above = await officer({
      method: 'POST',
      url: `/api/v1/units/${u.school}/rename`,
      payload: { name: 'X', effectiveOn: '2025-09-01', decisionNumber: '1' },
    });
    expect(above.statusCode).toBe(404);
    const outside = await officer({
      method: 'POST',
      url: `/api/v1/units/${u.thonA}/move`,
      payload: { parentId: u.company, effectiveOn: '2025-10-01', decisionNumber: '1' },
    });
    expect(outside.statusCode).toBe(404);
  });
});

describe('creating a unit', () => {
  it('creates a cell under a commune', async () => {
    const res = await admin({
      method: 'POST',
      url: '/api/v1/units',
      payload: { code: 'BB-C', name: 'Chi bộ thôn Cầu', kind: 'chi_bo', parentId: u.bacBinh, establishedOn: '2024-01-01', decisionNumber: '3-QĐ/ĐU' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ code: 'BB-C', parentId: u.bacBinh, depth: 2, dissolvedOn: null });
    const history = (await admin({ method: 'GET', url: `/api/v1/units/${u.bacBinh}/history` })).json().items;
    expect(history.some((e: { kind: string; details: { code?: string } }) => e.kind === 'create' && e.details.code === 'BB-C')).toBe(true);
  });

  /** A cell founded on 1/1/2024 unless the fields say otherwise. */
  const createUnit = (fields: Record<string, unknown>) =>
    admin({ method: 'POST', url: '/api/v1/units', payload: { kind: 'chi_bo', establishedOn: '2024-01-01', ...fields } });

  it('refuses a cell under a cell, and a taken code', async () => {
    const nested = await createUnit({ code: 'BB-A-1', name: 'Chi bộ con', parentId: u.thonA });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().title).toBe('Chi bộ không thể trực thuộc Chi bộ.');
    const taken = await createUnit({ code: 'BB-A', name: 'Chi bộ trùng', parentId: u.bacBinh });
    expect(taken.statusCode).toBe(409);
  });

  it('refuses a unit founded after today, naming the field, and creates nothing', async () => {
    const res = await createUnit({ code: 'BB-TL', name: 'Chi bộ tương lai', parentId: u.bacBinh, establishedOn: '2030-01-01' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().title).toBe('Ngày thành lập không được sau ngày hôm nay.');
    expect(res.json().errors).toEqual([{ path: 'body.establishedOn', message: 'Ngày thành lập không được sau ngày hôm nay.' }]);
    expect(await t.database.db.selectFrom('units').select('id').where('code', '=', 'BB-TL').executeTakeFirst()).toBeUndefined();
  });
});

describe('bad input is a 400 problem, never a 500', () => {
  const cases: Array<[string, string, string, unknown?]> = [
    ['impossible date in a query', 'GET', '/api/v1/units/children?at=2025-02-30'],
    ['text as a parent id', 'GET', '/api/v1/units/children?parentId=abc'],
    ['text as a unit id', 'GET', '/api/v1/units/abc'],
    ['an id beyond int4', 'GET', '/api/v1/units/99999999999'],
    ['an impossible date in the detail', 'GET', '/api/v1/units/1?at=2025-13-01'],
    ['an empty search', 'GET', '/api/v1/units/search?q='],
    ['an impossible effective date', 'POST', '/api/v1/units/1/rename', { name: 'X', effectiveOn: '2025-02-30', decisionNumber: '1' }],
    ['an unknown field', 'POST', '/api/v1/units/1/rename', { name: 'X', effectiveOn: '2025-02-01', decisionNumber: '1', color: 'red' }],
    ['a missing decision', 'POST', '/api/v1/units/1/dissolve', { effectiveOn: '2025-02-01' }],
    ['a parent id as text', 'POST', '/api/v1/units/1/move', { parentId: '5', effectiveOn: '2025-02-01', decisionNumber: '1' }],
    ['sources not a list', 'POST', '/api/v1/units/merge', { sourceIds: 'x', target: { unitId: 1 }, effectiveOn: '2025-02-01', decisionNumber: '1' }],
    ['an empty target', 'POST', '/api/v1/units/merge', { sourceIds: [1, 2], target: {}, effectiveOn: '2025-02-01', decisionNumber: '1' }],
    [
      'a split with one part',
      'POST',
      '/api/v1/units/1/split',
      { parts: [{ code: 'A', name: 'A', kind: 'chi_bo', memberIds: [], childUnitIds: [] }], effectiveOn: '2025-02-01', decisionNumber: '1' },
    ],
    ['a bad unit kind', 'POST', '/api/v1/units', { code: 'Z', name: 'Z', kind: 'dang_bo_lien_xa', parentId: 1, establishedOn: '2025-01-01' }],
    ['a code with spaces', 'POST', '/api/v1/units', { code: 'Z Z', name: 'Z', kind: 'chi_bo', parentId: 1, establishedOn: '2025-01-01' }],
    ['an unknown position', 'POST', '/api/v1/units/1/committee', { fullName: 'A', position: 'chu_tich', validFrom: '2025-01-01' }],
    ['a very long name', 'POST', '/api/v1/units/1/rename', { name: 'x'.repeat(301), effectiveOn: '2025-02-01', decisionNumber: '1' }],
  ];
  it.each(cases)('%s', async (_label, method, url, payload) => {
    const res = await admin({ method: method as 'GET' | 'POST', url, ...(payload === undefined ? {} : { payload: payload as object }) });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().title).toBeTruthy();
  });

  it('names the field with a Vietnamese message', async () => {
    const res = await admin({ method: 'POST', url: `/api/v1/units/${u.thonA}/rename`, payload: { name: 'X', effectiveOn: '2025-02-30', decisionNumber: '1' } });
    expect(res.json().errors).toEqual([{ path: 'body.effectiveOn', message: 'Ngày không có thật hoặc sai định dạng (năm-tháng-ngày, ví dụ 2025-02-28).' }]);
  });

  it('answers malformed JSON with 400', async () => {
    const res = await admin({ method: 'POST', url: '/api/v1/units/merge', headers: { 'content-type': 'application/json' }, payload: '{"sourceIds": [1,' });
    expect(res.statusCode).toBe(400);
  });

  it('answers a unit that does not exist with 404', async () => {
    expect((await admin({ method: 'GET', url: '/api/v1/units/999999' })).statusCode).toBe(404);
    expect(
      (await admin({ method: 'POST', url: '/api/v1/units/999999/dissolve', payload: { effectiveOn: '2025-02-01', decisionNumber: '1' } })).statusCode,
    ).toBe(404);
  });
});
