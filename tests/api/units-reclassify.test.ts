// Changing a unit's kind on a date (đổi loại tổ chức): the 1/7/2025 reorganisation, where a
// commune's grassroots committee under the district becomes a đảng bộ xã directly under the
// province — a reclassify and a move, in either order, on the same day — seen on the day
// before and the day it takes effect; and the kinds a unit may not change to.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ancestryRowsSql } from '../../src/modules/org-history/keep-ancestry.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let admin: Client;
const u: Record<string, number> = {};

const post = (url: string, payload: Record<string, unknown>) => admin({ method: 'POST', url, payload });
const unitOn = async (id: number, at: string) => (await admin({ method: 'GET', url: `/api/v1/units/${id}?at=${at}` })).json();
const versionsOf = (id: number) =>
  t.database.db.selectFrom('unit_versions').select(['kind', 'parent_id', 'valid_from', 'valid_to']).where('unit_id', '=', id).orderBy('valid_from').execute();

/** Rows of unit_ancestry that differ from those derived from unit_versions now (either way). */
async function keptDiffersFromRebuilt(): Promise<number> {
  const kept = sql`select unit_id, ancestor_id, depth, unit_kind, ancestor_kind, valid_from, valid_to from unit_ancestry`;
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from ((select * from (${ancestryRowsSql()}) d except ${kept})
      union all (${kept} except select * from (${ancestryRowsSql()}) d)) x`.execute(t.database.db);
  return rows[0]!.n;
}

beforeAll(async () => {
  t = await createTestApp();
  u.province = await t.unit({ code: 'HG', name: 'Đảng bộ tỉnh Hà Giang', kind: 'dang_bo_tinh', establishedOn: '1950-01-01' });
  u.district = await t.unit({ code: 'MV', name: 'Đảng bộ huyện Mèo Vạc', kind: 'dang_bo_huyen', parentId: u.province, establishedOn: '1960-01-01' });
  u.pai = await t.unit({ code: 'MV-PL', name: 'Đảng bộ xã Pả Vi', kind: 'dang_bo_co_so', parentId: u.district });
  u.paiCell = await t.unit({ code: 'MV-PL-1', name: 'Chi bộ thôn Pả Vi Hạ', parentId: u.pai });
  u.paiCell2 = await t.unit({ code: 'MV-PL-2', name: 'Chi bộ thôn Pả Vi Thượng', parentId: u.pai });
  u.lung = await t.unit({ code: 'MV-LP', name: 'Đảng bộ xã Lũng Pù', kind: 'dang_bo_co_so', parentId: u.district });
  u.lungCell = await t.unit({ code: 'MV-LP-1', name: 'Chi bộ thôn Lũng Pù', parentId: u.lung });
  u.school = await t.unit({ code: 'MV-TH', name: 'Chi bộ Trường THPT Mèo Vạc', kind: 'chi_bo_co_so', parentId: u.district });
  await t.member({ fullName: 'Giàng Mí Chá', unitId: u.paiCell });
  await t.member({ fullName: 'Vừ Thị Dế', unitId: u.school });
  await t.user('admin', [{ role: 'admin', unitId: u.province }]);
  admin = await t.as('admin');
});
afterAll(() => t.close());

describe('a commune grassroots committee becoming a đảng bộ xã under the province on 1/7/2025', () => {
  it('reclassifies, then moves on the same day', async () => {
    const res = await post(`/api/v1/units/${u.pai}/reclassify`, {
      kind: 'dang_bo_xa',
      effectiveOn: '2025-07-01',
      decisionNumber: '1245-QĐ/TU',
      decisionDate: '2025-06-20',
      note: 'Sắp xếp đơn vị hành chính cấp xã',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().unit).toMatchObject({ id: u.pai, kind: 'dang_bo_xa', parentId: u.district });
    const move = await post(`/api/v1/units/${u.pai}/move`, { parentId: u.province, effectiveOn: '2025-07-01', decisionNumber: '1245-QĐ/TU' });
    expect(move.statusCode, move.body).toBe(200);
    // One version before, one from the date: the second change of the day amended the first.
    expect(await versionsOf(u.pai)).toEqual([
      { kind: 'dang_bo_co_so', parent_id: u.district, valid_from: '2020-01-01', valid_to: '2025-07-01' },
      { kind: 'dang_bo_xa', parent_id: u.province, valid_from: '2025-07-01', valid_to: null },
    ]);
  });

  it('shows the old kind and place the day before, the new ones from the date', async () => {
    const before = await unitOn(u.pai, '2025-06-30');
    expect(before.unit).toMatchObject({ kind: 'dang_bo_co_so', parentId: u.district });
    expect((await unitOn(u.pai, '2025-07-01')).unit).toMatchObject({ kind: 'dang_bo_xa', parentId: u.province });
    expect(before.ancestors.map((a: { id: number }) => a.id)).toEqual([u.province, u.district]);
    const children = async (parentId: number, at: string) =>
      (await admin({ method: 'GET', url: `/api/v1/units/children?parentId=${parentId}&at=${at}` })).json().items as Array<{ id: number; kind: string }>;
    expect((await children(u.district, '2025-06-30')).find((c) => c.id === u.pai)).toMatchObject({ kind: 'dang_bo_co_so' });
    expect((await children(u.district, '2025-07-01')).find((c) => c.id === u.pai)).toBeUndefined();
    expect((await children(u.province, '2025-07-01')).find((c) => c.id === u.pai)).toMatchObject({ kind: 'dang_bo_xa' });
    expect((await unitOn(u.pai, '2025-07-01')).ancestors.map((a: { id: number }) => a.id)).toEqual([u.province]);
  });

  it('counts the commune as one grassroots organisation on both sides of the date', async () => {
    // Before: a grassroots committee (Điều lệ Đảng, Điều 21). After: a đảng bộ xã holding its cells directly.
    expect((await unitOn(u.pai, '2025-06-30')).counts).toMatchObject({ grassroots: 1, cells: 2, members: 1 });
    expect((await unitOn(u.pai, '2025-07-01')).counts).toMatchObject({ grassroots: 1, cells: 2, members: 1 });
    // The province: Pả Vi, Lũng Pù and the school are its three grassroots organisations either way.
    expect((await unitOn(u.province, '2025-06-30')).counts).toMatchObject({ grassroots: 3, cells: 4 });
    expect((await unitOn(u.province, '2025-07-01')).counts).toMatchObject({ grassroots: 3, cells: 4 });
  });

  it('keeps the temporal model: the kinds split at the date, and rebuilt equals kept', async () => {
    const rows = await t.database.db
      .selectFrom('unit_ancestry')
      .select(['ancestor_id', 'depth', 'ancestor_kind', 'valid_from', 'valid_to'])
      .where('unit_id', '=', u.paiCell)
      .orderBy('depth')
      .orderBy('valid_from')
      .execute();
    expect(rows).toEqual([
      { ancestor_id: u.paiCell, depth: 0, ancestor_kind: 'chi_bo', valid_from: '2020-01-01', valid_to: null },
      { ancestor_id: u.pai, depth: 1, ancestor_kind: 'dang_bo_co_so', valid_from: '2020-01-01', valid_to: '2025-07-01' },
      { ancestor_id: u.pai, depth: 1, ancestor_kind: 'dang_bo_xa', valid_from: '2025-07-01', valid_to: null },
      { ancestor_id: u.district, depth: 2, ancestor_kind: 'dang_bo_huyen', valid_from: '2020-01-01', valid_to: '2025-07-01' },
      { ancestor_id: u.province, depth: 2, ancestor_kind: 'dang_bo_tinh', valid_from: '2025-07-01', valid_to: null },
      { ancestor_id: u.province, depth: 3, ancestor_kind: 'dang_bo_tinh', valid_from: '2020-01-01', valid_to: '2025-07-01' },
    ]);
    expect(await keptDiffersFromRebuilt()).toBe(0);
  });

  it('records the event with its decision, and the audit row', async () => {
    const history = (await admin({ method: 'GET', url: `/api/v1/units/${u.pai}/history` })).json().items;
    const event = history.find((e: { kind: string }) => e.kind === 'reclassify');
    expect(event).toMatchObject({
      effectiveOn: '2025-07-01',
      decisionNumber: '1245-QĐ/TU',
      note: 'Sắp xếp đơn vị hành chính cấp xã',
      details: { fromKind: 'dang_bo_co_so', toKind: 'dang_bo_xa', decisionDate: '2025-06-20' },
    });
    expect(history.map((e: { kind: string }) => e.kind)).toContain('move');
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('action', '=', 'unit.reclassify').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ before: { kind: 'dang_bo_co_so' }, after: { kind: 'dang_bo_xa', effectiveOn: '2025-07-01' } });
  });

  it('also works the other way round: moved first, then reclassified on the same day', async () => {
    expect((await post(`/api/v1/units/${u.lung}/move`, { parentId: u.province, effectiveOn: '2025-07-01', decisionNumber: '1246-QĐ/TU' })).statusCode).toBe(
      200,
    );
    const res = await post(`/api/v1/units/${u.lung}/reclassify`, { kind: 'dang_bo_xa', effectiveOn: '2025-07-01', decisionNumber: '1246-QĐ/TU' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await versionsOf(u.lung)).map((v) => [v.kind, v.parent_id, v.valid_from])).toEqual([
      ['dang_bo_co_so', u.district, '2020-01-01'],
      ['dang_bo_xa', u.province, '2025-07-01'],
    ]);
  });
});

describe('a second change on the same day', () => {
  const membersOn = async (id: number, date: string) => {
    const res = await admin({ method: 'GET', url: `/api/v1/figures/units/${id}?date=${date}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().members.total as number;
  };

  it('replaces the first: a cell moved away and back on one day is where the second move put it', async () => {
    await t.member({ fullName: 'Sùng Mí Páo', unitId: u.lungCell });
    await t.member({ fullName: 'Lầu Thị Mỷ', unitId: u.lungCell });
    const [lungBefore, paiBefore] = [await membersOn(u.lung, '2026-02-01'), await membersOn(u.pai, '2026-02-01')];
    const away = await post(`/api/v1/units/${u.lungCell}/move`, { parentId: u.pai, effectiveOn: '2026-02-01', decisionNumber: '20-QĐ/TU' });
    expect(away.statusCode, away.body).toBe(200);
    expect([await membersOn(u.lung, '2026-02-01'), await membersOn(u.pai, '2026-02-01')]).toEqual([lungBefore - 2, paiBefore + 2]);
    // The decision was wrong: a second one on the same day puts the cell back.
    const back = await post(`/api/v1/units/${u.lungCell}/move`, { parentId: u.lung, effectiveOn: '2026-02-01', decisionNumber: '21-QĐ/TU' });
    expect(back.statusCode, back.body).toBe(200);
    expect([await membersOn(u.lung, '2026-02-01'), await membersOn(u.pai, '2026-02-01')]).toEqual([lungBefore, paiBefore]);
    expect([await membersOn(u.lung, '2026-03-15'), await membersOn(u.pai, '2026-03-15')]).toEqual([lungBefore, paiBefore]);
    expect((await unitOn(u.lungCell, '2026-02-01')).unit.parentId).toBe(u.lung);
    expect(await keptDiffersFromRebuilt()).toBe(0);
  });
});

describe('kinds a unit may not change to', () => {
  const refused = async (id: number, payload: Record<string, unknown>, code: string) => {
    const versions = await versionsOf(id);
    const res = await post(`/api/v1/units/${id}/reclassify`, { effectiveOn: '2025-09-01', decisionNumber: '9-QĐ/TU', ...payload });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().type).toContain(code);
    expect(await versionsOf(id)).toEqual(versions); // nothing written
    return res.json();
  };

  it('refuses a kind its parent cannot hold, saying which', async () => {
    const body = await refused(u.school, { kind: 'dang_bo_tinh' }, 'reclassify_parent_refuses');
    expect(body.title).toContain('Đảng bộ huyện Mèo Vạc');
    expect(body.errors).toEqual([expect.objectContaining({ path: 'body.kind' })]);
  });

  it('refuses a kind that cannot hold its units', async () => {
    const body = await refused(u.pai, { kind: 'chi_bo_co_so' }, 'reclassify_child_refuses');
    expect(body.title).toMatch(/Chi bộ thôn Pả Vi (Hạ|Thượng)/);
    expect(body.title).toContain('không thể trực thuộc Chi bộ cơ sở');
  });

  it('refuses to turn a cell with members into a committee', async () => {
    const body = await refused(u.school, { kind: 'dang_bo_co_so' }, 'reclassify_has_members');
    expect(body.title).toContain('còn 1 đảng viên sinh hoạt trực tiếp');
  });

  it('refuses the same kind, a future date, a date before the last change, a decision signed after the date', async () => {
    await refused(u.school, { kind: 'chi_bo_co_so' }, 'same_kind');
    await refused(u.school, { kind: 'dang_bo_khoi', effectiveOn: '2099-01-01' }, 'effective_in_future');
    await refused(u.pai, { kind: 'dang_bo_co_so', effectiveOn: '2025-06-01' }, 'effective_too_early');
    await refused(u.paiCell, { kind: 'chi_bo_co_so', decisionDate: '2025-09-02' }, 'decision_after_effective');
  });

  it('lets a cell under the commune become a grassroots cell, members and all', async () => {
    const res = await post(`/api/v1/units/${u.paiCell}/reclassify`, { kind: 'chi_bo_co_so', effectiveOn: '2025-09-01', decisionNumber: '15-QĐ/ĐU' });
    expect(res.statusCode, res.body).toBe(200);
    // Pả Vi now holds one village cell and one grassroots cell: still a grassroots committee.
    expect((await unitOn(u.pai, '2025-09-01')).counts).toMatchObject({ grassroots: 2, cells: 2, members: 1 });
    expect((await unitOn(u.pai, '2025-08-31')).counts).toMatchObject({ grassroots: 1, cells: 2, members: 1 });
  });

  it('answers 404 for a unit out of scope, and 403 for one the caller may only read', async () => {
    await t.user('reader', [{ role: 'member', unitId: u.school, includeSubtree: false }]);
    const reader = await t.as('reader');
    const res = await reader({
      method: 'POST',
      url: `/api/v1/units/${u.school}/reclassify`,
      payload: { kind: 'chi_bo', effectiveOn: '2025-09-01', decisionNumber: '1' },
    });
    expect([403, 404]).toContain(res.statusCode);
    const none = await post('/api/v1/units/999999/reclassify', { kind: 'chi_bo', effectiveOn: '2025-09-01', decisionNumber: '1' });
    expect(none.statusCode).toBe(404);
  });
});

describe('the temporal model after every step above', () => {
  it('holds exactly what a rebuild from unit_versions gives', async () => {
    expect(await keptDiffersFromRebuilt()).toBe(0);
  });
});
