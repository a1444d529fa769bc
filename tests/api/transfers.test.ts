// Transfer of official membership between organisations (QĐ 4192-QĐ/BTCTW): the sending cell
// sends with the decision, the receiving cell accepts or returns it; while in transit the
// member stays counted in the sending cell, so the figures of both communes stay exact
// before, during and after — on every date, read back later; the record travels with the
// member; and transfers out of and into the system keep the destination or origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let admin: Client;
let secA: Client;
let secB: Client;
const u: Record<string, number> = {};
const m: Record<string, number> = {};

const decision = { decisionNumber: '45-QĐ/ĐU', decisionOn: '2026-03-10', issuedBy: 'Đảng ủy xã Đông Hòa' };

async function membersOn(unitId: number, date: string): Promise<number> {
  const res = await admin({ method: 'GET', url: `/api/v1/figures/units/${unitId}?date=${date}` });
  expect(res.statusCode).toBe(200);
  return res.json().members.total;
}
/** Members of commune A, commune B and the province on a date. */
const counts = async (date: string) => [await membersOn(u.communeA!, date), await membersOn(u.communeB!, date), await membersOn(u.province!, date)];

beforeAll(async () => {
  t = await createTestApp();
  u.province = await t.unit({ code: 'LC', name: 'Đảng bộ tỉnh Lai Châu', kind: 'dang_bo_tinh' });
  u.communeA = await t.unit({ code: 'DH', name: 'Đảng bộ xã Đông Hòa', kind: 'dang_bo_xa', parentId: u.province });
  u.communeB = await t.unit({ code: 'TS', name: 'Đảng bộ xã Tây Sơn', kind: 'dang_bo_xa', parentId: u.province });
  u.cellA = await t.unit({ code: 'DH-1', name: 'Chi bộ bản Nà Khum', parentId: u.communeA });
  u.cellA2 = await t.unit({ code: 'DH-2', name: 'Chi bộ bản Pa Tần', parentId: u.communeA });
  u.cellB = await t.unit({ code: 'TS-1', name: 'Chi bộ bản Hua Bum', parentId: u.communeB });
  m.mai = await t.member({ fullName: 'Lò Thị Mai', sex: 'nu', unitId: u.cellA, joinedUnitOn: '2020-01-01' });
  m.khanh = await t.member({ fullName: 'Tòng Văn Khánh', unitId: u.cellA, joinedUnitOn: '2020-01-01' });
  m.son = await t.member({ fullName: 'Giàng A Sơn', unitId: u.cellA, joinedUnitOn: '2020-01-01' });
  m.pa = await t.member({ fullName: 'Lường Văn Pả', unitId: u.cellA2, joinedUnitOn: '2020-01-01' });
  m.binh = await t.member({ fullName: 'Lò Văn Bình', unitId: u.cellB, joinedUnitOn: '2020-01-01' });
  m.hoa = await t.member({ fullName: 'Quàng Thị Hoa', sex: 'nu', unitId: u.cellB, joinedUnitOn: '2020-01-01' });
  await t.user('admin', [{ role: 'admin', unitId: u.province }]);
  await t.user('bithu-a', [{ role: 'secretary', unitId: u.cellA }]);
  await t.user('bithu-b', [{ role: 'secretary', unitId: u.cellB }]);
  [admin, secA, secB] = await Promise.all(['admin', 'bithu-a', 'bithu-b'].map((n) => t.as(n)));
});
afterAll(() => t.close());

describe('a transfer between two communes', () => {
  let transferId: number;

  it('starts from four members in commune A and two in commune B', async () => {
    expect(await counts('2026-03-01')).toEqual([4, 2, 6]);
  });

  it('finds the receiving cell in the other commune by its exact code only, and names nothing else', async () => {
    const found = await secA({ method: 'GET', url: '/api/v1/transfers/destination?code=%20ts-1%20' });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json()).toEqual({ id: u.cellB, code: 'TS-1', name: 'Chi bộ bản Hua Bum', parentName: 'Đảng bộ xã Tây Sơn' });
    const partial = await secA({ method: 'GET', url: '/api/v1/transfers/destination?code=TS' });
    expect(partial.statusCode).toBe(404);
    expect(partial.json().title).toBe('Không có chi bộ đang hoạt động mang mã “TS”. Hãy hỏi lại chi bộ nhận mã đơn vị của họ.');
  });

  it('is sent by the sending cell with its decision, to a cell it cannot otherwise see', async () => {
    const res = await secA({ method: 'POST', url: `/api/v1/members/${m.mai}/transfers`, payload: { toUnitId: u.cellB, ...decision } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      fullName: 'Lò Thị Mai',
      fromUnitName: 'Chi bộ bản Nà Khum',
      toUnitName: 'Chi bộ bản Hua Bum',
      status: 'sent',
      ...decision,
    });
    transferId = res.json().id;
    const again = await secA({ method: 'POST', url: `/api/v1/members/${m.mai}/transfers`, payload: { toUnitId: u.cellA2, ...decision } });
    expect(again.statusCode).toBe(409);
    expect(again.json().title).toContain('đang trong thời gian chuyển sinh hoạt');
  });

  it('keeps the member in the sending cell while in transit: counted once, in commune A', async () => {
    expect(await counts('2026-03-15')).toEqual([4, 2, 6]);
    expect((await secA({ method: 'GET', url: `/api/v1/members/${m.mai}` })).json().unitId).toBe(u.cellA);
    // Not yet the receiver's member: their record is not open to them, except as the transfer's record.
    expect((await secB({ method: 'GET', url: `/api/v1/members/${m.mai}` })).statusCode).toBe(404);
  });

  it('shows in the receiving cell inbox, with the record travelling with it', async () => {
    const inbox = (await secB({ method: 'GET', url: `/api/v1/transfers?unitId=${u.cellB}&direction=incoming` })).json();
    expect(inbox.items).toEqual([expect.objectContaining({ id: transferId, fullName: 'Lò Thị Mai', status: 'sent', fromUnitName: 'Chi bộ bản Nà Khum' })]);
    const record = await secB({ method: 'GET', url: `/api/v1/transfers/${transferId}/record` });
    expect(record.statusCode).toBe(200);
    expect(record.json().member).toMatchObject({ fullName: 'Lò Thị Mai', sex: 'nu' });
    expect(record.json().placements).toEqual([{ unitName: 'Chi bộ bản Nà Khum', validFrom: '2020-01-01', validTo: null, decisionNumber: null }]);
    // The sender sees it in its sent list; a third cell sees nothing of it.
    const sent = (await secA({ method: 'GET', url: `/api/v1/transfers?unitId=${u.cellA}&direction=outgoing` })).json();
    expect(sent.items.map((i: { id: number }) => i.id)).toEqual([transferId]);
  });

  it('is accepted by the receiving cell only, not dated before the decision', async () => {
    expect((await secA({ method: 'POST', url: `/api/v1/transfers/${transferId}/accept`, payload: { receivedOn: '2026-03-20' } })).statusCode).toBe(403);
    const early = await secB({ method: 'POST', url: `/api/v1/transfers/${transferId}/accept`, payload: { receivedOn: '2026-03-09' } });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors[0].message).toBe('Ngày tiếp nhận không thể trước 10/03/2026.');
    const res = await secB({ method: 'POST', url: `/api/v1/transfers/${transferId}/accept`, payload: { receivedOn: '2026-03-20' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'accepted', receivedOn: '2026-03-20' });
    expect((await secB({ method: 'POST', url: `/api/v1/transfers/${transferId}/accept`, payload: { receivedOn: '2026-03-21' } })).statusCode).toBe(409);
  });

  it('moves the member on the day received: never in two cells nor in none, and the past stays as it was', async () => {
    expect(await counts('2026-03-01')).toEqual([4, 2, 6]);
    expect(await counts('2026-03-15')).toEqual([4, 2, 6]);
    expect(await counts('2026-03-19')).toEqual([4, 2, 6]);
    expect(await counts('2026-03-20')).toEqual([3, 3, 6]);
    expect(await counts('2026-06-30')).toEqual([3, 3, 6]);
    const history = (await secB({ method: 'GET', url: `/api/v1/members/${m.mai}/history` })).json();
    expect(history.placements).toEqual([
      { unitId: u.cellA, unitName: 'Chi bộ bản Nà Khum', validFrom: '2020-01-01', validTo: '2026-03-20', decisionNumber: null, reason: 'create' },
      { unitId: u.cellB, unitName: 'Chi bộ bản Hua Bum', validFrom: '2026-03-20', validTo: null, decisionNumber: '45-QĐ/ĐU', reason: 'transfer' },
    ]);
    expect(history.changes.map((c: { action: string }) => c.action)).toEqual(['member.transfer_accept', 'member.transfer_send', 'member.create']);
  });
});

describe('a transfer returned by the receiver', () => {
  it('leaves the member where they were, and lets the sender send again', async () => {
    const sent = (await secA({ method: 'POST', url: `/api/v1/members/${m.khanh}/transfers`, payload: { toUnitId: u.cellB, ...decision } })).json();
    const res = await secB({ method: 'POST', url: `/api/v1/transfers/${sent.id}/return`, payload: { reason: 'Hồ sơ thiếu phiếu chuyển sinh hoạt' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'returned', returnReason: 'Hồ sơ thiếu phiếu chuyển sinh hoạt' });
    expect((await secA({ method: 'GET', url: `/api/v1/members/${m.khanh}` })).json().unitId).toBe(u.cellA);
    expect(await counts('2026-06-30')).toEqual([3, 3, 6]);
    const again = await secA({ method: 'POST', url: `/api/v1/members/${m.khanh}/transfers`, payload: { toUnitId: u.cellB, ...decision } });
    expect(again.statusCode).toBe(201);
  });
});

describe('a member who leaves while in transit', () => {
  it('is not received: the receiving cell gets the reason instead', async () => {
    const inbox = (await secB({ method: 'GET', url: `/api/v1/transfers?unitId=${u.cellB}&direction=incoming` })).json();
    const pending = inbox.items.find((i: { fullName: string; status: string }) => i.fullName === 'Tòng Văn Khánh' && i.status === 'sent');
    const died = await secA({
      method: 'POST',
      url: `/api/v1/members/${m.khanh}/status`,
      payload: { status: 'tu_tran', effectiveOn: '2026-03-25', decisionNumber: 'Giấy báo tử 3/2026' },
    });
    expect(died.statusCode).toBe(200);
    const res = await secB({ method: 'POST', url: `/api/v1/transfers/${pending.id}/accept`, payload: { receivedOn: '2026-03-28' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().title).toBe('Đảng viên không còn trong danh sách đảng viên đang sinh hoạt.');
  });
});

describe('transfers out of and into the system', () => {
  it('out of the system: the member leaves on the decision, the destination kept', async () => {
    const res = await secA({
      method: 'POST',
      url: `/api/v1/members/${m.son}/transfers`,
      payload: { destination: 'Đảng bộ Quân sự tỉnh Điện Biên', decisionNumber: '52-QĐ/ĐU', decisionOn: '2026-04-01', issuedBy: 'Đảng ủy xã Đông Hòa' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'accepted', destination: 'Đảng bộ Quân sự tỉnh Điện Biên', toUnitId: null, receivedOn: '2026-04-01' });
    const member = (await secA({ method: 'GET', url: `/api/v1/members/${m.son}` })).json();
    expect(member.status).toBe('chuyen_di');
    expect(await counts('2026-03-31')).toEqual([2, 3, 5]);
    expect(await counts('2026-04-01')).toEqual([1, 3, 4]);
    const history = (await secA({ method: 'GET', url: `/api/v1/members/${m.son}/history` })).json();
    expect(history.statuses.at(-1)).toEqual({
      status: 'chuyen_di',
      validFrom: '2026-04-01',
      validTo: null,
      decisionNumber: '52-QĐ/ĐU',
      decisionOn: '2026-04-01',
      issuedBy: 'Đảng ủy xã Đông Hòa',
      note: 'Đảng bộ Quân sự tỉnh Điện Biên',
    });
  });

  it('a destination and a receiving cell together are refused', async () => {
    const res = await secA({
      method: 'POST',
      url: `/api/v1/members/${m.khanh}/transfers`,
      payload: { toUnitId: u.cellB, destination: 'Nơi khác', ...decision },
    });
    expect(res.statusCode).toBe(400);
  });

  it('into the system: the receiving cell registers the member with the origin', async () => {
    const res = await secB({
      method: 'POST',
      url: '/api/v1/transfers/incoming',
      payload: {
        member: {
          fullName: 'Vàng Văn Chiến',
          sex: 'nam',
          dateOfBirth: '1990-02-14',
          admittedOn: '2015-05-19',
          fullMemberOn: '2016-05-19',
          unitId: u.cellB,
          joinedUnitOn: '2026-05-04',
        },
        origin: 'Đảng bộ xã Mường Mô, tỉnh Lai Châu (ngoài hệ thống)',
        decisionNumber: '17-QĐ/ĐU',
        decisionOn: '2026-04-25',
        issuedBy: 'Đảng ủy xã Mường Mô',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      fullName: 'Vàng Văn Chiến',
      fromUnitId: null,
      origin: 'Đảng bộ xã Mường Mô, tỉnh Lai Châu (ngoài hệ thống)',
      status: 'accepted',
    });
    expect(await counts('2026-05-03')).toEqual([1, 3, 4]);
    expect(await counts('2026-05-04')).toEqual([1, 4, 5]);
    const inbox = (await secB({ method: 'GET', url: `/api/v1/transfers?unitId=${u.cellB}&direction=incoming` })).json();
    expect(inbox.items.map((i: { fullName: string }) => i.fullName)).toContain('Vàng Văn Chiến');
  });

  it("names a refused date or status where the request carries it, under 'member'", async () => {
    const res = await secB({
      method: 'POST',
      url: '/api/v1/transfers/incoming',
      payload: {
        member: { fullName: 'Lò Văn Sai', sex: 'nam', dateOfBirth: '1990-02-14', admittedOn: '2015-05-19', fullMemberOn: '2014-05-19', unitId: u.cellB },
        origin: 'Đảng bộ xã Mường Mô, tỉnh Lai Châu (ngoài hệ thống)',
        decisionNumber: '18-QĐ/ĐU',
        decisionOn: '2026-04-25',
        issuedBy: 'Đảng ủy xã Mường Mô',
      },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.member.fullMemberOn']);
  });
});
