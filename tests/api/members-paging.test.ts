// Paging through long member lists the way a secretary does: next, previous and last page
// through the opaque cursor, never a member twice or missing (even among people with the
// same name), the total counted once per listing; name search without diacritics, by part
// of a word; a secretary never sees another cell's member on any page, in any search, or
// with a cursor made up by hand; the exported file holds exactly the list.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGrants } from '../../src/modules/access/access.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';

interface Item {
  id: number;
  fullName: string;
  unitId: number;
}
interface Page {
  items: Item[];
  total: number;
  totalExact: boolean;
  page: number;
  nextCursor: string | null;
  prevCursor: string | null;
  lastCursor: string | null;
}

let t: TestApp;
let officer: Client;
let secretaryA: Client;
let secretaryAWithOwnInB: Client;
let cellA: number;
let cellB: number;
let cellX: number;
let ownInB: number;
const memberOfX: number[] = [];

async function page(as: Client, query: string): Promise<Page> {
  const res = await as({ method: 'GET', url: `/api/v1/members?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page;
}

/** Every page from the first by nextCursor; the pages as they came. */
async function forward(as: Client, query: string): Promise<Page[]> {
  const pages = [await page(as, query)];
  while (pages[pages.length - 1]!.nextCursor) pages.push(await page(as, `${query}&cursor=${pages[pages.length - 1]!.nextCursor}`));
  return pages;
}

/** Every page from the last (lastCursor) back to the first by prevCursor. */
async function backward(as: Client, query: string): Promise<Page[]> {
  const first = await page(as, query);
  if (!first.lastCursor) return [first];
  const pages = [await page(as, `${query}&cursor=${first.lastCursor}`)];
  while (pages[pages.length - 1]!.prevCursor) pages.push(await page(as, `${query}&cursor=${pages[pages.length - 1]!.prevCursor}`));
  return pages;
}

const ids = (pages: Page[]) => pages.flatMap((p) => p.items.map((i) => i.id));

beforeAll(async () => {
  t = await createTestApp();
  const commune = await t.unit({ code: 'PG', name: 'Đảng bộ xã Phù Giang', kind: 'dang_bo_xa' });
  cellA = await t.unit({ code: 'PG-1', name: 'Chi bộ thôn Đông', parentId: commune });
  cellB = await t.unit({ code: 'PG-2', name: 'Chi bộ thôn Tây', parentId: commune });
  const other = await t.unit({ code: 'KH', name: 'Đảng bộ xã Khánh Hòa', kind: 'dang_bo_xa' });
  cellX = await t.unit({ code: 'KH-1', name: 'Chi bộ thôn Bắc', parentId: other });
  // Six people of the same name in cell A, two in B, two in X: the order breaks ties by id.
  for (let i = 0; i < 6; i++) await t.member({ fullName: 'Nguyễn Văn An', unitId: cellA });
  for (const fullName of ['Trần Thị Hương', 'Lê Văn Thắng', 'Đỗ Thị Ánh', 'Vũ Văn Bình', 'Hoàng Thị Hoa', 'Phạm Văn Đức', 'Bùi Thị Lan']) {
    await t.member({ fullName, unitId: cellA });
  }
  for (const fullName of ['Nguyễn Văn An', 'Nguyễn Văn An', 'Phạm Thị Hường', 'Đặng Văn Hưng', 'Lý Thị Mai']) await t.member({ fullName, unitId: cellB });
  ownInB = await t.member({ fullName: 'Tạ Văn Hùng', unitId: cellB });
  for (const fullName of ['Nguyễn Văn An', 'Nguyễn Văn An', 'Trương Thị Hương', 'Mai Văn Thắng']) memberOfX.push(await t.member({ fullName, unitId: cellX }));
  await t.user('officer', [{ role: 'org_officer', unitId: commune }]);
  await t.user('bithu-a', [{ role: 'secretary', unitId: cellA }]);
  // A secretary of A whose own record sits in B (moved, the grant not yet changed): sees
  // A and their own record, nothing else of B.
  await t.user('bithu-a-ownb', [{ role: 'secretary', unitId: cellA }], ownInB);
  officer = await t.as('officer');
  secretaryA = await t.as('bithu-a');
  secretaryAWithOwnInB = await t.as('bithu-a-ownb');
});
afterAll(() => t.close());

describe('keyset paging through the cursor', () => {
  it('pages forward: every member once, in the order of the whole list, ties on the name included', async () => {
    const whole = await page(officer, 'pageSize=200');
    expect(whole.total).toBe(19);
    const pages = await forward(officer, 'pageSize=4');
    expect(ids(pages)).toEqual(whole.items.map((i) => i.id));
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3, 4, 5]);
    expect(pages.every((p) => p.total === 19 && p.totalExact)).toBe(true);
    // The six namesakes come one after another, by id.
    const ans = whole.items.filter((i) => i.fullName === 'Nguyễn Văn An').map((i) => i.id);
    expect(ans).toHaveLength(8);
    expect(ans).toEqual([...ans].sort((a, b) => a - b));
  });

  it('pages backward from the last page: the same members, and the last page is what page=N shows', async () => {
    const whole = (await page(officer, 'pageSize=200')).items.map((i) => i.id);
    const pages = await backward(officer, 'pageSize=4');
    expect(pages[0]!.page).toBe(5);
    expect(pages[0]!.items.map((i) => i.id)).toEqual((await page(officer, 'pageSize=4&page=5')).items.map((i) => i.id));
    expect(pages[0]!.items).toHaveLength(3);
    expect(pages.map((p) => p.page)).toEqual([5, 4, 3, 2, 1]);
    expect(ids([...pages].reverse())).toEqual(whole);
  });

  it('a page reached by cursor is the page reached by number', async () => {
    const first = await page(officer, 'pageSize=5');
    const second = await page(officer, `pageSize=5&cursor=${first.nextCursor}`);
    expect(second.items).toEqual((await page(officer, 'pageSize=5&page=2')).items);
    const back = await page(officer, `pageSize=5&cursor=${second.prevCursor}`);
    expect(back.items).toEqual(first.items);
    expect(back.prevCursor).toBeNull();
  });

  it('counts the total on the first page only: the next pages carry it, a new listing recounts', async () => {
    const first = await page(officer, 'pageSize=10&status=all');
    const added = await t.member({ fullName: 'Ông Văn Mới', unitId: cellB });
    const second = await page(officer, `pageSize=10&status=all&cursor=${first.nextCursor}`);
    expect(second.total).toBe(first.total);
    expect((await page(officer, 'pageSize=10&status=all')).total).toBe(first.total + 1);
    await t.database.db.updateTable('members').set({ status: 'tu_tran' }).where('id', '=', added).execute();
  });

  it('a cursor of another listing (other filters or page size) starts that listing from its first page', async () => {
    const all = await page(officer, 'pageSize=2');
    const searched = await page(officer, `pageSize=2&q=an&cursor=${all.nextCursor}`);
    expect(searched).toMatchObject({ page: 1, total: (await page(officer, 'pageSize=200&q=an')).total });
    expect(searched.items).toEqual((await page(officer, 'pageSize=2&q=an')).items);
    const wider = await page(officer, `pageSize=5&cursor=${all.nextCursor}`);
    expect(wider.page).toBe(1);
    expect(wider.items).toEqual((await page(officer, 'pageSize=5')).items);
  });

  it('a cursor that is not one of ours is a 400 in Vietnamese, never a 500', async () => {
    const bad = [
      'abc',
      Buffer.from('{"d":"a"}').toString('base64url'),
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('{"d":"z","p":1,"t":0,"x":1,"f":""}').toString('base64url'),
      '!!',
      'a'.repeat(5000),
    ];
    for (const cursor of bad) {
      const res = await officer({ method: 'GET', url: `/api/v1/members?cursor=${encodeURIComponent(cursor)}` });
      expect(res.statusCode, cursor).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe('name search through the trigram index', () => {
  const names = async (as: Client, q: string) => (await page(as, `pageSize=200&q=${encodeURIComponent(q)}`)).items.map((i) => i.fullName).sort();

  it('ignores diacritics and case, and finds part of a word', async () => {
    expect(await names(officer, 'huong')).toEqual(['Phạm Thị Hường', 'Trần Thị Hương']);
    expect(await names(officer, 'HUONG')).toEqual(['Phạm Thị Hường', 'Trần Thị Hương']);
    expect(await names(officer, 'ương')).toEqual(['Phạm Thị Hường', 'Trần Thị Hương']);
    expect(await names(officer, 'thi huon')).toEqual(['Phạm Thị Hường', 'Trần Thị Hương']);
    expect(await names(officer, 'duc')).toEqual(['Phạm Văn Đức']);
    expect(await names(officer, 'ang hung')).toEqual(['Đặng Văn Hưng']);
  });

  it('a search pages by cursor like the list', async () => {
    const whole = (await page(officer, 'pageSize=200&q=nguyen%20van%20an')).items.map((i) => i.id);
    expect(whole).toHaveLength(8);
    expect(ids(await forward(officer, 'pageSize=3&q=nguyen%20van%20an'))).toEqual(whole);
  });
});

describe('a secretary sees their cell only, on every page and in every search', () => {
  const inScope = (items: Item[], allowed: number[]) => items.filter((i) => !allowed.includes(i.unitId));

  it('forward, backward, by number and in searches: only cell A', async () => {
    const queries = ['pageSize=3', 'pageSize=3&q=an', 'pageSize=2&q=nguyen%20van%20an', 'pageSize=2&q=huong', 'pageSize=3&q=thang', 'pageSize=3&status=all'];
    for (const q of queries) {
      const pages = [...(await forward(secretaryA, q)), ...(await backward(secretaryA, q))];
      for (let n = 1; n <= 6; n++) pages.push(await page(secretaryA, `${q}&page=${n}`));
      expect(
        inScope(
          pages.flatMap((p) => p.items),
          [cellA],
        ),
        q,
      ).toEqual([]);
    }
    expect((await page(secretaryA, 'pageSize=200')).total).toBe(13);
    expect((await page(secretaryA, 'pageSize=200&q=huong')).items.map((i) => i.fullName)).toEqual(['Trần Thị Hương']);
  });

  it('a cursor made up to point into another commune shows nothing of it', async () => {
    const row = await t.database.db.selectFrom('members').select(['id', 'sort_key']).where('id', '=', memberOfX[0]!).executeTakeFirstOrThrow();
    for (const d of ['a', 'b'] as const) {
      const forged = Buffer.from(JSON.stringify({ d, k: row.sort_key, i: row.id, p: 2, t: 1000, x: 1, f: 'x' })).toString('base64url');
      const got = await page(secretaryA, `pageSize=200&cursor=${forged}`);
      expect(inScope(got.items, [cellA])).toEqual([]);
    }
  });

  it('their own record outside the scope shows once, among their cell, on whichever page it falls', async () => {
    const whole = await page(secretaryAWithOwnInB, 'pageSize=200');
    expect(whole.total).toBe(14);
    expect(inScope(whole.items, [cellA]).map((i) => i.id)).toEqual([ownInB]);
    const pages = await forward(secretaryAWithOwnInB, 'pageSize=3');
    expect(ids(pages)).toEqual(whole.items.map((i) => i.id));
    expect(ids([...(await backward(secretaryAWithOwnInB, 'pageSize=3'))].reverse())).toEqual(whole.items.map((i) => i.id));
  });
});

describe('the export streams exactly the list', () => {
  it('the .xlsx holds the members of the list, in its order, across batches', async () => {
    const listed = ids(await forward(officer, 'pageSize=4&status=all'));
    const byId = new Map((await page(officer, 'pageSize=200&status=all')).items.map((i) => [i.id, i.fullName]));
    const res = await officer({ method: 'GET', url: '/api/v1/members/export.xlsx?status=all' });
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const names: string[] = [];
    workbook.worksheets[0]!.eachRow((row, n) => {
      if (n > 1) names.push(String(row.getCell(2).value));
    });
    expect(names).toEqual(listed.map((id) => byId.get(id)));
  });
});

describe("the roster's total follows every change, as the rows do", () => {
  it('a member leaving, a transfer out, a new member: the total is always the number of members listed', async () => {
    const commune = await t.unit({ code: 'TT', name: 'Đảng bộ xã Tân Tiến', kind: 'dang_bo_xa' });
    const cell1 = await t.unit({ code: 'TT-1', name: 'Chi bộ thôn Một', parentId: commune });
    const cell2 = await t.unit({ code: 'TT-2', name: 'Chi bộ thôn Hai', parentId: commune });
    const elsewhere = await t.unit({ code: 'UU', name: 'Đảng bộ xã Úc', kind: 'dang_bo_xa' });
    const cellU = await t.unit({ code: 'UU-1', name: 'Chi bộ thôn Ba', parentId: elsewhere });
    const own = await t.member({ fullName: 'Ngô Văn Chủ', unitId: cell1 });
    const leaving = await t.member({ fullName: 'Lò Văn Đi', unitId: cell1 });
    const moving = await t.member({ fullName: 'Cầm Thị Chuyển', unitId: cell2 });
    await t.member({ fullName: 'Hà Văn Ở', unitId: cell2 });
    // Their own record in scope; a second grant nested inside the first counts nobody twice.
    await t.user(
      'capuy-tt',
      [
        { role: 'org_officer', unitId: commune },
        { role: 'secretary', unitId: cell1 },
      ],
      own,
    );
    await t.user('officer-tt-uu', [
      { role: 'org_officer', unitId: commune },
      { role: 'org_officer', unitId: elsewhere },
    ]);
    const capuy = await t.as('capuy-tt');
    const both = await t.as('officer-tt-uu');
    const agrees = async (expected: number) => {
      for (const query of ['pageSize=200', 'pageSize=200&status=chinh_thuc', 'pageSize=200&status=chinh_thuc,du_bi']) {
        const listed = await page(capuy, query);
        expect(listed.total, query).toBe(listed.items.length);
        expect(listed.totalExact).toBe(true);
      }
      expect((await page(capuy, 'pageSize=200')).total).toBe(expected);
    };
    await agrees(4);
    const died = await both({
      method: 'POST',
      url: `/api/v1/members/${leaving}/status`,
      payload: { status: 'tu_tran', effectiveOn: '2026-01-05', decisionNumber: '01-QĐ/ĐU' },
    });
    expect(died.statusCode, died.body).toBe(200);
    await agrees(3);
    const moved = await both({
      method: 'POST',
      url: `/api/v1/members/${moving}/transfer`,
      payload: { unitId: cellU, effectiveOn: '2026-02-01', decisionNumber: '02-QĐ/ĐU' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    await agrees(2);
    await t.member({ fullName: 'Vi Văn Mới', unitId: cell2 });
    await agrees(3);
    expect((await page(both, 'pageSize=200')).total).toBe(4);
  });
});

describe('a small scope is read whole and sorted; the pages are the ones the planner would give', () => {
  // A scope of at most CHIBO_FEW_MEMBERS_UP_TO members (by the kept counts read with the
  // grants) is read whole, so that no page walks the name index past everyone else's, and
  // its first page counts it in the same pass; with the bound at 0 the planner chooses and
  // the count is its own subquery. Whichever way, a user sees the same pages and totals.
  const readings = async (as: Client, query: string) => ({
    total: await page(as, query).then((p) => [p.total, p.totalExact]),
    forward: ids(await forward(as, query)),
    backward: ids(await backward(as, query)),
    jump: (await page(as, `${query}&page=2`)).items.map((i) => i.id),
  });

  it('the grants carry the members kept under their units', async () => {
    const commune = await t.unit({ code: 'SM', name: 'Đảng bộ xã Sơn Mỹ', kind: 'dang_bo_xa' });
    const cells = [
      await t.unit({ code: 'SM-1', name: 'Chi bộ thôn 1', parentId: commune }),
      await t.unit({ code: 'SM-2', name: 'Chi bộ thôn 2', parentId: commune }),
    ];
    for (const [i, fullName] of ['Lê Văn Sơn', 'Lê Thị Mỹ', 'Võ Văn Tâm'].entries()) await t.member({ fullName, unitId: cells[i % 2]! });
    const userId = await t.user('officer-sm', [
      { role: 'org_officer', unitId: commune },
      { role: 'secretary', unitId: cells[1]! },
    ]);
    expect((await loadGrants(t.database.db, userId)).map((g) => g.members)).toEqual([3, 1]);
  });

  it('forward, backward, by number, searched and filtered by unit: the same members in the same order', async () => {
    const queries = ['pageSize=3', 'pageSize=2&q=an', `pageSize=2&unitId=${cellB}`, 'pageSize=4&status=all'];
    for (const [as, name] of [
      [officer, 'officer'],
      [secretaryAWithOwnInB, 'secretary with their own record elsewhere'],
    ] as const) {
      for (const query of queries) {
        const whole = await readings(as, query);
        process.env.CHIBO_FEW_MEMBERS_UP_TO = '0';
        try {
          expect(await readings(as, query), `${name}: ${query}`).toEqual(whole);
        } finally {
          delete process.env.CHIBO_FEW_MEMBERS_UP_TO;
        }
        expect(whole.forward.length, `${name}: ${query}`).toBeGreaterThan(0);
      }
    }
  });
});
