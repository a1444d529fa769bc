// The member list the way a Vietnamese user expects it: search without caring about case
// or diacritics (đ = d), by name or party card number; sorted by given name in the
// Vietnamese alphabet; filters by unit subtree, status, age band, sex, ethnicity, theory level.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageOn, birthDateBounds, todayInVietnam, yearsBefore } from '../../src/domain/calendar.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let as: Client;
let commune: number;
let cellA: number;
let cellB: number;

const names = (res: { json(): { items: { fullName: string }[] } }) => res.json().items.map((i) => i.fullName);
const list = (query: string) => as({ method: 'GET', url: `/api/v1/members?${query}` });
// Ages count from today in Việt Nam, as the server does.
const yearsAgo = (years: number, days = 0) => {
  const d = new Date(`${todayInVietnam()}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

beforeAll(async () => {
  t = await createTestApp();
  commune = await t.unit({ code: 'QL', name: 'Đảng bộ xã Quảng Lâm', kind: 'dang_bo_xa' });
  cellA = await t.unit({ code: 'QL-1', name: 'Chi bộ bản Nà Ín', parentId: commune });
  cellB = await t.unit({ code: 'QL-2', name: 'Chi bộ bản Pá Lùng', parentId: commune });
  const other = await t.unit({ code: 'XX', name: 'Đảng bộ xã khác', kind: 'dang_bo_xa' });
  const otherCell = await t.unit({ code: 'XX-1', name: 'Chi bộ thôn khác', parentId: other });
  // Inserted out of order on purpose.
  await t.member({ fullName: 'Nguyễn Văn Thắng', unitId: cellA, partyCardNumber: '01234567', dateOfBirth: yearsAgo(40), theoryLevel: 'trung_cap' });
  await t.member({ fullName: 'Lê Văn Bình', unitId: cellB, dateOfBirth: yearsAgo(30, 1), ethnicity: 'Thái' });
  await t.member({ fullName: 'Nguyễn Thị Ánh', unitId: cellA, sex: 'nu', dateOfBirth: yearsAgo(30), ethnicity: 'Thái' });
  await t.member({ fullName: 'Đặng Văn An', unitId: cellB, dateOfBirth: yearsAgo(61), theoryLevel: 'cao_cap' });
  await t.member({ fullName: 'Trần Văn Bắc', unitId: cellA, status: 'du_bi', dateOfBirth: yearsAgo(25) });
  await t.member({ fullName: 'Lò Thị Ân', unitId: cellB, sex: 'nu', dateOfBirth: yearsAgo(70) });
  await t.member({ fullName: 'Nguyễn Văn Đông', unitId: otherCell });
  const gone = await t.member({ fullName: 'Vàng Văn Dũng', unitId: cellB });
  await t.database.db.updateTable('members').set({ status: 'tu_tran' }).where('id', '=', gone).execute();
  await t.user('officer', [{ role: 'org_officer', unitId: commune }]);
  as = await t.as('officer');
});
afterAll(() => t.close());

describe('searching names without caring about case or diacritics', () => {
  it('"nguyen van thang", "NGUYỄN VĂN THẮNG" and "Thang" all find Nguyễn Văn Thắng', async () => {
    for (const q of ['nguyen van thang', 'NGUYỄN VĂN THẮNG', 'Thang', 'van thang', 'thắng nguyễn']) {
      expect(names(await list(`q=${encodeURIComponent(q)}`)), q).toEqual(['Nguyễn Văn Thắng']);
    }
  });

  it('"dang" finds Đặng (đ = d)', async () => {
    expect(names(await list('q=dang'))).toEqual(['Đặng Văn An']);
    expect(names(await list(`q=${encodeURIComponent('ĐẶNG')}`))).toEqual(['Đặng Văn An']);
  });

  it('a party card number finds its member', async () => {
    expect(names(await list('q=01234567'))).toEqual(['Nguyễn Văn Thắng']);
    expect(names(await list('q=1234'))).toEqual(['Nguyễn Văn Thắng']);
  });

  it('LIKE wildcards in the query are plain characters', async () => {
    expect((await list('q=%25')).json().total).toBe(0);
    expect((await list('q=_')).json().total).toBe(0);
  });
});

describe('Vietnamese order', () => {
  it('sorts by given name in the Vietnamese alphabet: An < Ánh < Ân < Bắc < Bình < Thắng', async () => {
    const res = await list('');
    expect(res.statusCode).toBe(200);
    expect(names(res)).toEqual(['Đặng Văn An', 'Nguyễn Thị Ánh', 'Lò Thị Ân', 'Trần Văn Bắc', 'Lê Văn Bình', 'Nguyễn Văn Thắng']);
  });

  it('pages through the same order, with the total of the whole list', async () => {
    const first = (await list('pageSize=4&page=1')).json();
    const second = (await list('pageSize=4&page=2')).json();
    expect(first).toMatchObject({ total: 6, page: 1, pageSize: 4 });
    expect([...first.items, ...second.items].map((i: { fullName: string }) => i.fullName)).toEqual([
      'Đặng Văn An',
      'Nguyễn Thị Ánh',
      'Lò Thị Ân',
      'Trần Văn Bắc',
      'Lê Văn Bình',
      'Nguyễn Văn Thắng',
    ]);
  });
});

describe('filters', () => {
  it('a unit means its whole subtree', async () => {
    expect(names(await list(`unitId=${cellA}`))).toEqual(['Nguyễn Thị Ánh', 'Trần Văn Bắc', 'Nguyễn Văn Thắng']);
    expect((await list(`unitId=${commune}`)).json().total).toBe(6);
  });

  it('status: current members by default, repeated or comma-separated, or all', async () => {
    expect(names(await list('status=du_bi'))).toEqual(['Trần Văn Bắc']);
    expect(names(await list('status=du_bi,tu_tran'))).toEqual(['Trần Văn Bắc', 'Vàng Văn Dũng']);
    expect(names(await list('status=du_bi&status=tu_tran'))).toEqual(['Trần Văn Bắc', 'Vàng Văn Dũng']);
    expect((await list('status=all')).json().total).toBe(7);
  });

  it('age band in whole years today', async () => {
    // Bình turns 30 tomorrow, Ánh turned 30 today.
    expect(names(await list('ageFrom=30&ageTo=30'))).toEqual(['Nguyễn Thị Ánh']);
    expect(names(await list('ageTo=29'))).toEqual(['Trần Văn Bắc', 'Lê Văn Bình']);
    expect(names(await list('ageFrom=60'))).toEqual(['Đặng Văn An', 'Lò Thị Ân']);
    const ages = (await list('q=nguyen')).json().items.map((i: { fullName: string; age: number }) => [i.fullName, i.age]);
    expect(ages).toEqual([
      ['Nguyễn Thị Ánh', 30],
      ['Nguyễn Văn Thắng', 40],
    ]);
  });

  it('sex, ethnicity and theory level', async () => {
    expect(names(await list('sex=nu'))).toEqual(['Nguyễn Thị Ánh', 'Lò Thị Ân']);
    expect(names(await list(`ethnicity=${encodeURIComponent('thái')}`))).toEqual(['Nguyễn Thị Ánh', 'Lê Văn Bình']);
    expect(names(await list('theoryLevel=cao_cap'))).toEqual(['Đặng Văn An']);
    expect(names(await list('theoryLevel=trung_cap&q=nguyen'))).toEqual(['Nguyễn Văn Thắng']);
  });
});

describe('age arithmetic', () => {
  it.each([
    ['2000-02-29', '2025-02-28', 24],
    ['2000-02-29', '2025-03-01', 25],
    ['1980-05-17', '2026-05-16', 45],
    ['1980-05-17', '2026-05-17', 46],
  ])('born %s, on %s: %i years old', (born, on, age) => {
    expect(ageOn(born, on)).toBe(age);
  });

  it('turns an age band into birth-date bounds, 29/2 falling back to 28/2', () => {
    expect(yearsBefore('2024-02-29', 1)).toBe('2023-02-28');
    expect(birthDateBounds('2026-11-23', 30, 40)).toEqual({ bornOnOrBefore: '1996-11-23', bornAfter: '1985-11-23' });
  });
});
