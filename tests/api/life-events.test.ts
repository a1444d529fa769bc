// A member's life events, each a dated status change with its decision (number, date,
// issuing body), through the one status mechanism: exemption from work and activities on
// request, decided by the cell's resolution, and its reversal; suspension and restoration;
// expulsion as a discipline decision; death. The member's history shows them all, and the
// figures for every past date stay exact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let sec: Client;
let officer: Client;
let commune: number;
let cell: number;
const m: Record<string, number> = {};

const event = (memberId: number, payload: Record<string, unknown>) => sec({ method: 'POST', url: `/api/v1/members/${memberId}/status`, payload });

async function figures(date: string) {
  const f = (await officer({ method: 'GET', url: `/api/v1/figures/units/${commune}?date=${date}` })).json();
  const byStatus = Object.fromEntries(f.members.byStatus.map((s: { key: string; n: number }) => [s.key, s.n]));
  return { total: f.members.total, exempted: f.exempted.n, byStatus };
}

beforeAll(async () => {
  t = await createTestApp();
  commune = await t.unit({ code: 'MV', name: 'Đảng bộ xã Pả Vi', kind: 'dang_bo_xa' });
  cell = await t.unit({ code: 'MV-1', name: 'Chi bộ thôn Pả Vi Hạ', parentId: commune });
  m.old = await t.member({ fullName: 'Vàng Mí Lử', unitId: cell, dateOfBirth: '1948-02-11' });
  m.sus = await t.member({ fullName: 'Sùng Mí Chứ', unitId: cell });
  m.exp = await t.member({ fullName: 'Giàng Seo Pó', unitId: cell });
  m.dead = await t.member({ fullName: 'Lầu Thị Dợ', sex: 'nu', unitId: cell, dateOfBirth: '1940-06-01' });
  await t.user('bithu', [{ role: 'secretary', unitId: cell }]);
  await t.user('ban-to-chuc', [{ role: 'org_officer', unitId: commune }]);
  [sec, officer] = await Promise.all(['bithu', 'ban-to-chuc'].map((n) => t.as(n)));
});
afterAll(() => t.close());

describe('exemption from work and activities', () => {
  it('is decided by the cell on the member’s request, with its resolution, date and body', async () => {
    const res = await event(m.old!, {
      status: 'mien_sinh_hoat',
      effectiveOn: '2026-02-01',
      decisionNumber: '05-NQ/CB',
      decisionOn: '2026-01-28',
      issuedBy: 'Chi bộ thôn Pả Vi Hạ',
      note: 'Theo đơn đề nghị của đồng chí (tuổi cao, sức khỏe yếu)',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('mien_sinh_hoat');
  });

  it('refuses a decision signed after the day it takes effect', async () => {
    const res = await event(m.sus!, { status: 'dinh_chi', effectiveOn: '2026-03-01', decisionNumber: '07-QĐ/UBKT', decisionOn: '2026-03-02' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].message).toBe('Ngày ký quyết định không thể sau ngày quyết định có hiệu lực.');
  });

  it('is reversible: the member returns to regular activities', async () => {
    const res = await event(m.old!, {
      status: 'chinh_thuc',
      effectiveOn: '2026-06-01',
      decisionNumber: '11-NQ/CB',
      decisionOn: '2026-06-01',
      issuedBy: 'Chi bộ thôn Pả Vi Hạ',
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('suspension, expulsion and death', () => {
  it('are each recorded with their decision', async () => {
    for (const [id, payload] of [
      [
        m.sus,
        { status: 'dinh_chi', effectiveOn: '2026-03-01', decisionNumber: '07-QĐ/UBKT', decisionOn: '2026-02-27', issuedBy: 'Ủy ban Kiểm tra Đảng ủy xã' },
      ],
      [
        m.sus,
        { status: 'chinh_thuc', effectiveOn: '2026-05-01', decisionNumber: '09-QĐ/UBKT', decisionOn: '2026-05-01', issuedBy: 'Ủy ban Kiểm tra Đảng ủy xã' },
      ],
      [
        m.exp,
        {
          status: 'khai_tru',
          effectiveOn: '2026-04-10',
          decisionNumber: '21-QĐ/ĐU',
          decisionOn: '2026-04-10',
          issuedBy: 'Đảng ủy xã Pả Vi',
          note: 'Kỷ luật khai trừ',
        },
      ],
      [m.dead, { status: 'tu_tran', effectiveOn: '2026-07-03', decisionNumber: 'Giấy báo tử 15/2026', decisionOn: '2026-07-04', issuedBy: 'UBND xã Pả Vi' }],
    ] as const) {
      // A death is recorded from its day, on a notice dated after it.
      expect((await event(id!, payload)).statusCode).toBe(200);
    }
  });

  it('an expelled member cannot change status again', async () => {
    const res = await event(m.exp!, { status: 'chinh_thuc', effectiveOn: '2026-05-01', decisionNumber: '1' });
    expect(res.statusCode).toBe(409);
  });
});

describe('the history and the figures', () => {
  it('shows every event with its decision', async () => {
    const old = (await sec({ method: 'GET', url: `/api/v1/members/${m.old}/history` })).json();
    expect(old.statuses).toEqual([
      { status: 'chinh_thuc', validFrom: '2020-01-01', validTo: '2026-02-01', decisionNumber: null, note: null },
      {
        status: 'mien_sinh_hoat',
        validFrom: '2026-02-01',
        validTo: '2026-06-01',
        decisionNumber: '05-NQ/CB',
        decisionOn: '2026-01-28',
        issuedBy: 'Chi bộ thôn Pả Vi Hạ',
        note: 'Theo đơn đề nghị của đồng chí (tuổi cao, sức khỏe yếu)',
      },
      {
        status: 'chinh_thuc',
        validFrom: '2026-06-01',
        validTo: null,
        decisionNumber: '11-NQ/CB',
        decisionOn: '2026-06-01',
        issuedBy: 'Chi bộ thôn Pả Vi Hạ',
        note: null,
      },
    ]);
    const exp = (await sec({ method: 'GET', url: `/api/v1/members/${m.exp}/history` })).json();
    expect(exp.statuses.at(-1)).toMatchObject({ status: 'khai_tru', decisionNumber: '21-QĐ/ĐU', issuedBy: 'Đảng ủy xã Pả Vi' });
    expect(exp.placements[0].validTo).toBe('2026-04-10');
  });

  it('keeps each past date exact', async () => {
    expect(await figures('2026-01-31')).toMatchObject({ total: 4, exempted: 0 });
    expect(await figures('2026-02-01')).toMatchObject({ total: 4, exempted: 1 });
    expect((await figures('2026-03-15')).byStatus).toMatchObject({ dinh_chi: 1, mien_sinh_hoat: 1, chinh_thuc: 2 });
    expect(await figures('2026-04-09')).toMatchObject({ total: 4 });
    expect(await figures('2026-04-10')).toMatchObject({ total: 3 });
    expect((await figures('2026-05-01')).byStatus).toMatchObject({ chinh_thuc: 2, mien_sinh_hoat: 1 });
    expect(await figures('2026-06-01')).toMatchObject({ total: 3, exempted: 0 });
    expect(await figures('2026-07-02')).toMatchObject({ total: 3 });
    expect(await figures('2026-07-03')).toMatchObject({ total: 2 });
  });
});
