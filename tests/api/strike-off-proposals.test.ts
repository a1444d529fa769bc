// Striking off (xóa tên): the system finds the members absent without reason in 3 months
// within a year from the meetings held (and, given the dues module's unpaid months, those
// with dues unpaid 3 months within a year); the cell proposes with the months, the level
// above decides; the decision changes the status with its decision and the figures follow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttendanceStatus } from '../../src/db/types.ts';
import { buildAccess, loadGrants } from '../../src/modules/access/access.ts';
import { strikeOffCandidates } from '../../src/modules/life/strike-off-candidates.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let secA: Client;
let officer: Client;
let officerId: number;
const u: Record<string, number> = {};
const m: Record<string, number> = {};

async function heldMeeting(unitId: number, date: string, attendance: Record<number, AttendanceStatus>) {
  const db = t.database.db;
  const row = await db
    .insertInto('meetings')
    .values({
      unit_id: unitId,
      kind: 'regular',
      held_on: date,
      starts_at: new Date(`${date}T08:00:00+07:00`),
      ends_at: new Date(`${date}T10:00:00+07:00`),
      place: 'Nhà văn hóa bản',
      topic: `Sinh hoạt định kỳ ${date}`,
      status: 'planned',
      check_in_code: '123456',
      check_in_secret: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [memberId, status] of Object.entries(attendance)) {
    await db
      .insertInto('meeting_attendance')
      .values({ meeting_id: row.id, member_id: Number(memberId), status, reason: status === 'absent_excused' ? 'Ốm' : null })
      .execute();
  }
}

beforeAll(async () => {
  t = await createTestApp();
  u.commune = await t.unit({ code: 'QL', name: 'Đảng bộ xã Quảng Lâm', kind: 'dang_bo_xa' });
  u.cellA = await t.unit({ code: 'QL-1', name: 'Chi bộ bản Nà Pền', parentId: u.commune });
  m.a1 = await t.member({ fullName: 'Lò Văn Pọm', unitId: u.cellA });
  m.a2 = await t.member({ fullName: 'Quàng Văn Ún', unitId: u.cellA });
  m.a3 = await t.member({ fullName: 'Lường Thị Xuân', sex: 'nu', unitId: u.cellA });
  // Twelve monthly meetings of 2026 up to October: Pọm absent without reason in March, May and
  // September; Ún in March and May only, and with reason in September; Xuân always present.
  for (let month = 1; month <= 10; month++) {
    const date = `2026-${String(month).padStart(2, '0')}-05`;
    const absent = (months: number[]): AttendanceStatus => (months.includes(month) ? 'absent_unexcused' : 'present');
    await heldMeeting(u.cellA, date, {
      [m.a1!]: absent([3, 5, 9]),
      [m.a2!]: month === 9 ? 'absent_excused' : absent([3, 5]),
      [m.a3!]: 'present',
    });
  }
  await t.user('bithu-a', [{ role: 'secretary', unitId: u.cellA }]);
  officerId = await t.user('ban-to-chuc', [{ role: 'org_officer', unitId: u.commune }]);
  [secA, officer] = await Promise.all(['bithu-a', 'ban-to-chuc'].map((n) => t.as(n)));
});
afterAll(() => t.close());

describe('the striking-off detector', () => {
  it('finds the member absent without reason in 3 months within a year, with the months', async () => {
    const res = await secA({ method: 'GET', url: `/api/v1/strike-off/candidates?unitId=${u.cellA}&asOf=2026-10-31` });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      {
        memberId: m.a1,
        fullName: 'Lò Văn Pọm',
        unitId: u.cellA,
        unitName: 'Chi bộ bản Nà Pền',
        grounds: [{ reason: 'absence', months: ['2026-03', '2026-05', '2026-09'] }],
        proposalId: null,
      },
    ]);
  });

  it('does not find him before his third month', async () => {
    const res = await secA({ method: 'GET', url: `/api/v1/strike-off/candidates?unitId=${u.cellA}&asOf=2026-08-31` });
    expect(res.json().items).toEqual([]);
  });

  it('takes the months of unpaid dues as one input from the dues module', async () => {
    const user = await t.database.db
      .selectFrom('users')
      .select(['id', 'username', 'display_name', 'member_id'])
      .where('id', '=', officerId)
      .executeTakeFirstOrThrow();
    const access = buildAccess(user, await loadGrants(t.database.db, officerId));
    const asked: Array<[readonly number[], string, string]> = [];
    const unpaid = async (_db: unknown, ids: readonly number[], from: string, to: string) => {
      asked.push([ids, from, to]);
      return new Map([[m.a3!, ['2026-06', '2026-07', '2026-08']]]);
    };
    const found = await strikeOffCandidates(t.database.db, access, u.commune!, '2026-10-31', unpaid);
    expect(asked).toEqual([[expect.arrayContaining([m.a1, m.a2, m.a3]), '2024-12-01', '2026-10-31']]);
    // Mid-month, the month under way is not yet owed: the dues are read up to the month before.
    await strikeOffCandidates(t.database.db, access, u.commune!, '2026-11-20', unpaid);
    expect(asked[1]?.[2]).toBe('2026-10-31');
    expect(found.items.map((i) => [i.fullName, i.grounds])).toEqual([
      ['Lò Văn Pọm', [{ reason: 'absence', months: ['2026-03', '2026-05', '2026-09'] }]],
      ['Lường Thị Xuân', [{ reason: 'dues', months: ['2026-06', '2026-07', '2026-08'] }]],
    ]);
  });
});

describe('a proposal and the decision above', () => {
  let proposalId: number;

  it('is proposed by the cell with its resolution and the months', async () => {
    const res = await secA({
      method: 'POST',
      url: `/api/v1/members/${m.a1}/strike-off-proposals`,
      payload: { reason: 'absence', months: ['2026-03', '2026-05', '2026-09'], proposedOn: '2026-10-10', resolutionNumber: '12-NQ/CB' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ fullName: 'Lò Văn Pọm', status: 'proposed', months: ['2026-03', '2026-05', '2026-09'], canDecide: false });
    proposalId = res.json().id;
    const twice = await secA({
      method: 'POST',
      url: `/api/v1/members/${m.a1}/strike-off-proposals`,
      payload: { reason: 'other', note: 'Lần hai', proposedOn: '2026-10-11', resolutionNumber: '13-NQ/CB' },
    });
    expect(twice.statusCode).toBe(409);
    const candidates = (await secA({ method: 'GET', url: `/api/v1/strike-off/candidates?unitId=${u.cellA}&asOf=2026-10-31` })).json();
    expect(candidates.items[0].proposalId).toBe(proposalId);
  });

  it('needs its months when the reason is absence or dues', async () => {
    const res = await secA({
      method: 'POST',
      url: `/api/v1/members/${m.a2}/strike-off-proposals`,
      payload: { reason: 'absence', proposedOn: '2026-10-10', resolutionNumber: '12-NQ/CB' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].message).toBe('Ghi các tháng vắng sinh hoạt hoặc không đóng đảng phí làm căn cứ đề nghị.');
  });

  it('is decided by the level above, not by the cell', async () => {
    const decision = {
      outcome: 'struck_off',
      effectiveOn: '2026-10-20',
      decisionNumber: '88-QĐ/ĐU',
      decisionOn: '2026-10-20',
      issuedBy: 'Đảng ủy xã Quảng Lâm',
    };
    expect((await secA({ method: 'POST', url: `/api/v1/strike-off-proposals/${proposalId}/decide`, payload: decision })).statusCode).toBe(403);
    const list = (await officer({ method: 'GET', url: `/api/v1/strike-off-proposals?unitId=${u.commune}` })).json();
    expect(list.items).toEqual([expect.objectContaining({ id: proposalId, canDecide: true, status: 'proposed' })]);
    const res = await officer({ method: 'POST', url: `/api/v1/strike-off-proposals/${proposalId}/decide`, payload: decision });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'struck_off', decisionNumber: '88-QĐ/ĐU', issuedBy: 'Đảng ủy xã Quảng Lâm' });
    expect((await officer({ method: 'POST', url: `/api/v1/strike-off-proposals/${proposalId}/decide`, payload: decision })).statusCode).toBe(409);
  });

  it('changes the status with the decision, and the figures on each side of its date', async () => {
    const member = (await secA({ method: 'GET', url: `/api/v1/members/${m.a1}` })).json();
    expect(member.status).toBe('xoa_ten');
    const history = (await secA({ method: 'GET', url: `/api/v1/members/${m.a1}/history` })).json();
    expect(history.statuses.at(-1)).toMatchObject({
      status: 'xoa_ten',
      validFrom: '2026-10-20',
      decisionNumber: '88-QĐ/ĐU',
      decisionOn: '2026-10-20',
      issuedBy: 'Đảng ủy xã Quảng Lâm',
    });
    expect(history.changes.map((c: { action: string }) => c.action).slice(0, 3)).toEqual([
      'member.strike_off_decide',
      'member.status',
      'member.strike_off_propose',
    ]);
    const total = async (date: string) => (await officer({ method: 'GET', url: `/api/v1/figures/units/${u.commune}?date=${date}` })).json().members.total;
    expect(await total('2026-10-19')).toBe(3);
    expect(await total('2026-10-20')).toBe(2);
  });

  it('a rejected proposal leaves the member as they were', async () => {
    const proposed = (
      await secA({
        method: 'POST',
        url: `/api/v1/members/${m.a2}/strike-off-proposals`,
        payload: { reason: 'other', note: 'Không tham gia sinh hoạt nơi cư trú', proposedOn: '2026-10-10', resolutionNumber: '14-NQ/CB' },
      })
    ).json();
    const res = await officer({
      method: 'POST',
      url: `/api/v1/strike-off-proposals/${proposed.id}/decide`,
      payload: { outcome: 'rejected', effectiveOn: '2026-10-25', decisionNumber: '90-TB/ĐU', decisionOn: '2026-10-25', issuedBy: 'Đảng ủy xã Quảng Lâm' },
    });
    expect(res.json().status).toBe('rejected');
    expect((await secA({ method: 'GET', url: `/api/v1/members/${m.a2}` })).json().status).toBe('chinh_thuc');
  });
});

describe('dues unpaid 3 months within a year, from the dues the cell records', () => {
  it('finds the member who paid nothing in three recorded months, and the cell proposes with them', async () => {
    // The cell records June, July and August in chibo: Ún pays, Xuân pays nothing.
    for (const month of ['2026-06', '2026-07', '2026-08']) {
      const res = await secA({
        method: 'PUT',
        url: `/api/v1/dues/members/${m.a2}/months/${month}`,
        payload: { amount: 5_000, method: 'cash', paidOn: `${month}-25` },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const found = (await secA({ method: 'GET', url: `/api/v1/strike-off/candidates?unitId=${u.cellA}&asOf=2026-10-31` })).json();
    expect(found.items.map((i: { fullName: string; grounds: unknown }) => [i.fullName, i.grounds])).toEqual([
      ['Lường Thị Xuân', [{ reason: 'dues', months: ['2026-06', '2026-07', '2026-08'] }]],
    ]);
    const proposed = await secA({
      method: 'POST',
      url: `/api/v1/members/${m.a3}/strike-off-proposals`,
      payload: { reason: 'dues', months: ['2026-06', '2026-07', '2026-08'], proposedOn: '2026-11-02', resolutionNumber: '15-NQ/CB' },
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    expect(proposed.json()).toMatchObject({ fullName: 'Lường Thị Xuân', status: 'proposed', months: ['2026-06', '2026-07', '2026-08'] });
  });
});
