// The temporal organisation model (unit_ancestry and the units-under helpers) on a
// generated commune: random restructurings through the API — moves, merges, splits,
// renames, dissolutions, new units, member transfers and status changes, with effective
// dates in any order (back-dated against each other). After every step the kept table
// equals a full rebuild row for row, and at the end "units / members under X on D" equal
// what this file computes on its own, in JavaScript, from unit_versions and the placements.
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitKind } from '../../src/db/types.ts';
import { addDays } from '../../src/domain/calendar.ts';
import { canContain } from '../../src/domain/unit-tree.ts';
import { AppError } from '../../src/http/app-error.ts';
import { ancestryRowsSql, rebuildUnitAncestry } from '../../src/modules/org-history/keep-ancestry.ts';
import { membersUnderDuring, membersUnderOn, unitOn, unitsUnderOn } from '../../src/modules/org-history/units-under.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let admin: Client;
let province: number;
const LEAVING = ['chuyen_di', 'xoa_ten', 'khai_tru', 'tu_tran'];

// A small seeded generator, so a failure replays (CHIBO_HISTORY_SEED).
const seed = Number(process.env.CHIBO_HISTORY_SEED ?? Math.floor(Math.random() * 2 ** 31));
let state = seed;
function random(): number {
  state = (state + 0x6d2b79f5) | 0;
  let x = Math.imul(state ^ (state >>> 15), 1 | state);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const randomDate = (from = '2021-01-01', to = '2026-11-01') => {
  const a = Date.parse(from);
  const b = Date.parse(to);
  return new Date(a + Math.floor(random() * ((b - a) / 86_400_000)) * 86_400_000).toISOString().slice(0, 10);
};

interface Version {
  unit_id: number;
  name: string;
  kind: UnitKind;
  parent_id: number | null;
  valid_from: string;
  valid_to: string | null;
}
interface Dated {
  member_id: number;
  valid_from: string;
  valid_to: string | null;
}
const on = (r: { valid_from: string; valid_to: string | null }, d: string) => r.valid_from <= d && (r.valid_to === null || r.valid_to > d);

const ORDER = sql`order by unit_id, ancestor_id, valid_from, depth`;
async function keptRows() {
  return (await sql`select unit_id, ancestor_id, depth, unit_kind, ancestor_kind, valid_from, valid_to from unit_ancestry ${ORDER}`.execute(t.database.db))
    .rows;
}
async function derivedRows() {
  return (await sql`select * from (${ancestryRowsSql()}) r ${ORDER}`.execute(t.database.db)).rows;
}

let unitSeq = 0;
const done: Record<string, number> = {};

async function liveUnits() {
  return t.database.db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'kind', 'parent_id', 'path'])
    .where('dissolved_on', 'is', null)
    .orderBy('id')
    .execute();
}

/** One random step through the API; true when it was applied (a refused one changes nothing). */
async function randomStep(): Promise<boolean> {
  const units = await liveUnits();
  const lower = units.filter((u) => u.id !== province);
  const date = randomDate();
  const decisionNumber = `${Math.floor(random() * 900) + 100}-QĐ/TU`;
  const op = pick(['rename', 'move', 'move', 'merge', 'merge', 'merge', 'split', 'dissolve', 'create', 'transfer', 'transfer', 'status']);
  let res: LightMyRequestResponse;
  if (op === 'rename') {
    const u = pick(units);
    res = await admin({
      method: 'POST',
      url: `/api/v1/units/${u.id}/rename`,
      payload: { name: `${u.name.split(' (')[0]} (${++unitSeq})`, effectiveOn: date, decisionNumber },
    });
  } else if (op === 'move') {
    const u = pick(lower);
    const parents = units.filter((p) => p.id !== u.parent_id && !p.path.startsWith(u.path) && canContain(p.kind, u.kind));
    if (parents.length === 0) return false;
    // Now and then on the day of the unit's last change: the second change of a day amends that day's version.
    const current = await t.database.db
      .selectFrom('unit_versions')
      .select('valid_from')
      .where('unit_id', '=', u.id)
      .where('valid_to', 'is', null)
      .executeTakeFirst();
    const on = current && random() < 0.3 ? current.valid_from : date;
    res = await admin({ method: 'POST', url: `/api/v1/units/${u.id}/move`, payload: { parentId: pick(parents).id, effectiveOn: on, decisionNumber } });
  } else if (op === 'merge') {
    const a = pick(lower);
    const siblings = lower.filter((s) => s.id !== a.id && s.parent_id === a.parent_id && s.kind === a.kind);
    if (siblings.length === 0) return false;
    const b = pick(siblings);
    const target = random() < 0.5 ? { unitId: b.id } : { code: `GH-${++unitSeq}`, name: `Hợp nhất ${unitSeq}`, kind: a.kind, parentId: a.parent_id };
    res = await admin({
      method: 'POST',
      url: '/api/v1/units/merge',
      payload: { sourceIds: 'unitId' in target ? [a.id] : [a.id, b.id], target, effectiveOn: date, decisionNumber },
    });
  } else if (op === 'split') {
    const u = pick(lower.filter((x) => x.kind === 'chi_bo' || x.kind === 'dang_bo_co_so'));
    if (!u) return false;
    const memberIds = (
      await t.database.db
        .selectFrom('members')
        .select('id')
        .where('unit_id', '=', u.id)
        .where('status', 'not in', ['chuyen_di', 'xoa_ten', 'khai_tru', 'tu_tran'])
        .execute()
    ).map((m) => m.id);
    const childUnitIds = units.filter((c) => c.parent_id === u.id).map((c) => c.id);
    const half = Math.ceil(memberIds.length / 2);
    res = await admin({
      method: 'POST',
      url: `/api/v1/units/${u.id}/split`,
      payload: {
        parts: [
          { code: `TA-${++unitSeq}`, name: `Tách ${unitSeq}`, kind: u.kind, memberIds: memberIds.slice(0, half), childUnitIds },
          { code: `TA-${++unitSeq}`, name: `Tách ${unitSeq}`, kind: u.kind, memberIds: memberIds.slice(half), childUnitIds: [] },
        ],
        effectiveOn: date,
        decisionNumber,
      },
    });
  } else if (op === 'dissolve') {
    const u = pick(lower);
    res = await admin({ method: 'POST', url: `/api/v1/units/${u.id}/dissolve`, payload: { effectiveOn: date, decisionNumber } });
  } else if (op === 'create') {
    const parent = pick(units.filter((p) => canContain(p.kind, 'chi_bo')));
    res = await admin({
      method: 'POST',
      url: '/api/v1/units',
      payload: { code: `MOI-${++unitSeq}`, name: `Chi bộ mới ${unitSeq}`, kind: 'chi_bo', parentId: parent.id, establishedOn: date, decisionNumber },
    });
  } else if (op === 'transfer') {
    const m = pick(await t.database.db.selectFrom('members').select('id').where('status', 'not in', ['chuyen_di', 'xoa_ten', 'khai_tru', 'tu_tran']).execute());
    const cell = pick(lower.filter((u) => u.kind === 'chi_bo' || u.kind === 'chi_bo_co_so'));
    if (!m || !cell) return false;
    res = await admin({ method: 'POST', url: `/api/v1/members/${m.id}/transfer`, payload: { unitId: cell.id, effectiveOn: date, decisionNumber } });
  } else {
    const m = pick(await t.database.db.selectFrom('members').select('id').where('status', '=', 'chinh_thuc').execute());
    if (!m) return false;
    res = await admin({
      method: 'POST',
      url: `/api/v1/members/${m.id}/status`,
      payload: { status: pick(['xoa_ten', 'mien_sinh_hoat', 'chuyen_di']), effectiveOn: date, decisionNumber },
    });
  }
  expect(res.statusCode, `${op}: ${res.body}`).toBeLessThan(500);
  if (res.statusCode >= 300) return false;
  done[op] = (done[op] ?? 0) + 1;
  return true;
}

// ---- The independent computation: the tree on a date from unit_versions, in JavaScript.
let versions: Version[] = [];
let placements: Array<Dated & { unit_id: number }> = [];
let statuses: Array<Dated & { status: string }> = [];
let codes = new Map<number, string>();

async function loadHistory() {
  const db = t.database.db;
  versions = await db.selectFrom('unit_versions').select(['unit_id', 'name', 'kind', 'parent_id', 'valid_from', 'valid_to']).execute();
  placements = await db.selectFrom('member_placements').select(['member_id', 'unit_id', 'valid_from', 'valid_to']).execute();
  statuses = await db.selectFrom('member_statuses').select(['member_id', 'status', 'valid_from', 'valid_to']).execute();
  codes = new Map((await db.selectFrom('units').select(['id', 'code']).execute()).map((u) => [u.id, u.code]));
}

/** (root, unit, depth, kind, parent, name, code) for every unit under `root` on `date`, walking parents up. */
function expectedUnitsUnder(root: number, date: string) {
  const versionOn = new Map(versions.filter((v) => on(v, date)).map((v) => [v.unit_id, v]));
  const out = [];
  for (const v of versionOn.values()) {
    let depth = 0;
    let at: Version | undefined = v;
    while (at && at.unit_id !== root && depth < 100) {
      at = at.parent_id === null ? undefined : versionOn.get(at.parent_id);
      depth++;
    }
    if (at) out.push({ root_id: root, unit_id: v.unit_id, depth, kind: v.kind, parent_id: v.parent_id, name: v.name, code: codes.get(v.unit_id)! });
  }
  return out.sort((a, b) => a.unit_id - b.unit_id);
}

function expectedMembersUnder(root: number, date: string) {
  const under = new Set(expectedUnitsUnder(root, date).map((u) => u.unit_id));
  const out = [];
  for (const p of placements.filter((x) => on(x, date) && under.has(x.unit_id))) {
    const s = statuses.find((x) => x.member_id === p.member_id && on(x, date));
    if (s && !LEAVING.includes(s.status)) out.push({ root_id: root, member_id: p.member_id, unit_id: p.unit_id, status: s.status });
  }
  return out.sort((a, b) => a.member_id - b.member_id);
}

beforeAll(async () => {
  t = await createTestApp();
  province = await t.unit({ code: 'HT', name: 'Đảng bộ tỉnh Hà Tĩnh', kind: 'dang_bo_tinh' });
  let n = 0;
  for (let c = 1; c <= 3; c++) {
    const commune = await t.unit({ code: `XA${c}`, name: `Đảng bộ xã ${c}`, kind: 'dang_bo_xa', parentId: province });
    const holders = [commune];
    if (c === 1) holders.push(await t.unit({ code: 'XA1-CS', name: 'Đảng bộ trường học', kind: 'dang_bo_co_so', parentId: commune }));
    for (const holder of holders) {
      for (let k = 1; k <= 3; k++) {
        const cell = await t.unit({ code: `CB${holder}-${k}`, name: `Chi bộ ${holder}-${k}`, kind: 'chi_bo', parentId: holder });
        if (k === 1) await t.unit({ code: `TD${cell}`, name: `Tổ đảng ${cell}`, kind: 'to_dang', parentId: cell });
        for (let i = 0; i < 3; i++) await t.member({ fullName: `Đảng viên ${++n}`, unitId: cell, joinedUnitOn: randomDate('2020-01-01', '2020-12-31') });
      }
    }
  }
  await t.user('admin', [{ role: 'admin', unitId: province }]);
  admin = await t.as('admin');
}, 120_000);
afterAll(() => t.close());

describe(`the temporal organisation model (seed ${seed})`, () => {
  it('is built for the units as created', async () => {
    expect(await keptRows()).toEqual(await derivedRows());
    // Every unit has its own row (depth 0) and one per ancestor.
    const rows = await keptRows();
    expect(rows.length).toBeGreaterThan(40);
  });

  it('stays equal to a full rebuild after a scripted sequence with back-dated steps', async () => {
    const db = t.database.db;
    const idOf = async (code: string) => (await db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    const [x1, x2, x3] = [await idOf('XA1'), await idOf('XA2'), await idOf('XA3')];
    const school = await idOf('XA1-CS');
    const cellsOf = async (parent: number) =>
      (await db.selectFrom('units').select('id').where('parent_id', '=', parent).where('kind', '=', 'chi_bo').orderBy('id').execute()).map((c) => c.id);
    const [, a2] = await cellsOf(x2);
    const [s1] = await cellsOf(school);
    const steps: Array<[string, string, object]> = [
      // A later decision first, then ones effective earlier (back-dated against it).
      [
        'POST',
        '/api/v1/units/merge',
        {
          sourceIds: [x2, x3],
          target: { code: 'XA23', name: 'Đảng bộ xã hợp nhất', kind: 'dang_bo_xa', parentId: province },
          effectiveOn: '2025-07-01',
          decisionNumber: '1-QĐ/TU',
        },
      ],
      ['POST', `/api/v1/units/${school}/move`, { parentId: x1 === school ? x2 : province, effectiveOn: '2023-03-01', decisionNumber: '2-QĐ/TU' }],
      ['POST', `/api/v1/units/${x1}/rename`, { name: 'Đảng bộ xã Một (tên mới)', effectiveOn: '2022-06-01', decisionNumber: '3-QĐ/TU' }],
      ['POST', `/api/v1/units/${a2}/move`, { parentId: x1, effectiveOn: '2025-08-01', decisionNumber: '4-QĐ/TU' }],
      ['POST', `/api/v1/units/${s1}/split`, { parts: [], effectiveOn: '2024-01-10', decisionNumber: '5-QĐ/TU' }],
      ['POST', '/api/v1/units', { code: 'RONG', name: 'Chi bộ rỗng', kind: 'chi_bo', parentId: x1, establishedOn: '2021-05-05', decisionNumber: '6-QĐ/TU' }],
    ];
    for (const [method, url, payload] of steps) {
      let body = payload;
      if (url.endsWith('/split')) {
        const members = (await db.selectFrom('members').select('id').where('unit_id', '=', s1!).orderBy('id').execute()).map((m) => m.id);
        const children = (await db.selectFrom('units').select('id').where('parent_id', '=', s1!).execute()).map((c) => c.id);
        body = {
          ...payload,
          parts: [
            { code: 'S1-A', name: 'Chi bộ tách A', kind: 'chi_bo', memberIds: members.slice(0, 1), childUnitIds: children },
            { code: 'S1-B', name: 'Chi bộ tách B', kind: 'chi_bo', memberIds: members.slice(1), childUnitIds: [] },
          ],
        };
      }
      const res = await admin({ method: method as 'POST', url, payload: body });
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
      expect(await keptRows(), url).toEqual(await derivedRows());
    }
    const empty = await idOf('RONG');
    const res = await admin({ method: 'POST', url: `/api/v1/units/${empty}/dissolve`, payload: { effectiveOn: '2022-02-02', decisionNumber: '7-QĐ/TU' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await keptRows()).toEqual(await derivedRows());
    // The moved cell sat under the old commune until 1/7/2025, under the merged one until 1/8/2025, then under XA1.
    const { rows } = await sql<{ ancestor_id: number; valid_from: string; valid_to: string | null }>`
      select ancestor_id, valid_from, valid_to from unit_ancestry where unit_id = ${a2!}::int and depth = 1 order by valid_from`.execute(db);
    expect(rows).toEqual([
      { ancestor_id: x2, valid_from: '2020-01-01', valid_to: '2025-07-01' },
      { ancestor_id: await idOf('XA23'), valid_from: '2025-07-01', valid_to: '2025-08-01' },
      { ancestor_id: x1, valid_from: '2025-08-01', valid_to: null },
    ]);
  });

  it('stays equal to a full rebuild after every restructuring, whatever the order of effective dates', async () => {
    let applied = 0;
    for (let i = 0; i < 200 && applied < 80; i++) {
      if (await randomStep()) {
        applied++;
        expect(await keptRows(), `after step ${applied} (${JSON.stringify(done)})`).toEqual(await derivedRows());
      }
    }
    console.log(`applied ${applied}: ${JSON.stringify(done)}`);
    expect(applied, JSON.stringify(done)).toBeGreaterThan(30);
    // A rebuild from scratch changes nothing.
    const before = await keptRows();
    const result = await rebuildUnitAncestry(t.database.db);
    expect(result.rows).toBe(before.length);
    expect(await keptRows()).toEqual(before);
  }, 300_000);

  it('answers "units under X on D" and "members under X on D" as the history says', async () => {
    await loadHistory();
    const dates = ['2020-06-01', '2021-03-15', '2022-01-01', '2023-07-01', '2024-02-29', '2024-12-31', '2025-06-30', '2025-07-01', '2026-01-01', '2026-11-01'];
    for (let i = 0; i < 8; i++) dates.push(randomDate());
    const allUnits = [...new Set(versions.map((v) => v.unit_id))];
    let compared = 0;
    for (const date of dates) {
      const roots = allUnits.filter((id) => versions.some((v) => v.unit_id === id && on(v, date)));
      const { rows: units } = await sql<{
        root_id: number;
        unit_id: number;
      }>`select * from (${unitsUnderOn(roots, date)}) uu order by root_id, unit_id`.execute(t.database.db);
      const { rows: members } = await sql<{
        root_id: number;
        member_id: number;
      }>`select * from (${membersUnderOn(roots, date)}) mu order by root_id, member_id`.execute(t.database.db);
      for (const root of roots) {
        expect(
          units.filter((u) => u.root_id === root),
          `units under ${root} on ${date}`,
        ).toEqual(expectedUnitsUnder(root, date));
        expect(
          members.filter((m) => m.root_id === root),
          `members under ${root} on ${date}`,
        ).toEqual(expectedMembersUnder(root, date));
        compared++;
      }
      // A unit that did not exist on the date has nothing under it.
      const absent = allUnits.filter((id) => !roots.includes(id));
      const { rows: none } = await sql`select * from (${unitsUnderOn(absent.length ? absent : [-1], date)}) uu`.execute(t.database.db);
      expect(none).toEqual([]);
    }
    expect(compared).toBeGreaterThan(100);
    // The province holds every member not gone, on each date.
    const total = expectedMembersUnder(province, '2026-11-01').length;
    expect(total).toBeGreaterThan(0);
  });

  it('answers "members under X during P" as the history says, day by day', async () => {
    await loadHistory();
    const from = '2024-10-01';
    const to = '2025-09-30';
    const roots = [province, ...[...new Set(versions.filter((v) => v.kind === 'dang_bo_xa').map((v) => v.unit_id))]];
    const { rows } = await sql<{ root_id: number; member_id: number; unit_id: number; status: string; valid_from: string; valid_to: string }>`
      select * from (${membersUnderDuring(roots, from, to)}) md`.execute(t.database.db);
    for (const r of rows) {
      expect(r.valid_from >= from && r.valid_to <= addDays(to, 1) && r.valid_from < r.valid_to, JSON.stringify(r)).toBe(true);
    }
    for (let day = from; day <= to; day = addDays(day, 1)) {
      for (const root of roots) {
        const fromRows = rows
          .filter((r) => r.root_id === root && r.valid_from <= day && r.valid_to > day)
          .map((r) => ({ root_id: root, member_id: r.member_id, unit_id: r.unit_id, status: r.status }))
          .sort((a, b) => a.member_id - b.member_id);
        expect(fromRows, `${root} on ${day}`).toEqual(expectedMembersUnder(root, day));
      }
    }
  }, 120_000);

  it('reads one unit as it was, and 404 before it was founded or after it was dissolved', async () => {
    const scope = { subtreePaths: ['/'], unitIds: [] };
    const db = t.database.db;
    // A unit renamed, then read on the day before and the day of the rename.
    const cell = await t.unit({ code: 'DOI-TEN', name: 'Chi bộ Tên Cũ', kind: 'chi_bo', parentId: province, establishedOn: '2022-01-01' });
    const res = await admin({
      method: 'POST',
      url: `/api/v1/units/${cell}/rename`,
      payload: { name: 'Chi bộ Tên Mới', effectiveOn: '2024-05-01', decisionNumber: '1-QĐ/TU' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const before = await unitOn(db, cell, '2024-04-30', scope);
    expect(before).toMatchObject({ id: cell, name: 'Chi bộ Tên Cũ', kind: 'chi_bo', validFrom: '2022-01-01', validTo: '2024-05-01' });
    expect(before.parent).toMatchObject({ id: province });
    expect(before.ancestors.map((a) => a.id)).toEqual([province]);
    expect((await unitOn(db, cell, '2024-05-01', scope)).name).toBe('Chi bộ Tên Mới');
    await expect(unitOn(db, cell, '2021-12-31', scope)).rejects.toMatchObject({ status: 404 });
    const gone = await admin({ method: 'POST', url: `/api/v1/units/${cell}/dissolve`, payload: { effectiveOn: '2025-03-01', decisionNumber: '2-QĐ/TU' } });
    expect(gone.statusCode, gone.body).toBe(200);
    expect((await unitOn(db, cell, '2025-02-28', scope)).name).toBe('Chi bộ Tên Mới');
    const error = await unitOn(db, cell, '2025-03-01', scope).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(404);
    // Out of scope: 404 as well.
    await expect(unitOn(db, cell, '2024-04-30', { subtreePaths: [], unitIds: [province] })).rejects.toMatchObject({ status: 404 });
  });
});
