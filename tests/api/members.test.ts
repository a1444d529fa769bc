// The member record end to end: create, correct, change status with a decision, transfer
// between cells, the history, and the audit trail (reads of a full record are logged).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let admin: Client;
let officer: Client;
let secretaryA: Client;
let committeeA: Client;
let commune: number;
let cellA: number;
let cellB: number;

const newMember = (over: Record<string, unknown> = {}) => ({
  fullName: 'nguyễn   văn thắng',
  sex: 'nam',
  dateOfBirth: '1985-03-12',
  ethnicity: 'Tày',
  religion: 'Không',
  hometown: 'Xã Bắc Bình, tỉnh Phú Thọ',
  citizenId: '025085001234',
  partyCardNumber: '93001234',
  admittedOn: '2021-06-01',
  unitId: cellA,
  status: 'du_bi',
  joinedUnitOn: '2021-06-01',
  decisionNumber: '125-QĐ/ĐU',
  ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  const province = await t.unit({ code: 'PT', name: 'Đảng bộ tỉnh Phú Thọ', kind: 'dang_bo_tinh' });
  commune = await t.unit({ code: 'BB', name: 'Đảng bộ xã Bắc Bình', kind: 'dang_bo_xa', parentId: province });
  cellA = await t.unit({ code: 'BB-1', name: 'Chi bộ thôn 1', parentId: commune });
  cellB = await t.unit({ code: 'BB-2', name: 'Chi bộ thôn 2', parentId: commune });
  await t.user('admin', [{ role: 'admin', unitId: province }]);
  await t.user('officer', [{ role: 'org_officer', unitId: commune }]);
  await t.user('bithu-a', [{ role: 'secretary', unitId: cellA }]);
  await t.user('chiuy-a', [{ role: 'committee', unitId: cellA }]);
  [admin, officer, secretaryA, committeeA] = await Promise.all(['admin', 'officer', 'bithu-a', 'chiuy-a'].map((u) => t.as(u)));
});
afterAll(() => t.close());

describe('creating a member', () => {
  it('registers the member in the cell with the decision, name tidied, and answers the full record', async () => {
    const res = await secretaryA({ method: 'POST', url: '/api/v1/members', payload: newMember() });
    expect(res.statusCode).toBe(201);
    const m = res.json();
    expect(m).toMatchObject({
      fullName: 'Nguyễn Văn Thắng',
      unitId: cellA,
      unitName: 'Chi bộ thôn 1',
      status: 'du_bi',
      ethnicity: 'Tày',
      citizenId: '025085001234',
      canEdit: true,
    });
    const history = (await secretaryA({ method: 'GET', url: `/api/v1/members/${m.id}/history` })).json();
    expect(history.placements).toEqual([
      { unitId: cellA, unitName: 'Chi bộ thôn 1', validFrom: '2021-06-01', validTo: null, decisionNumber: '125-QĐ/ĐU', reason: 'create' },
    ]);
    expect(history.statuses).toEqual([{ status: 'du_bi', validFrom: '2021-06-01', validTo: null, decisionNumber: '125-QĐ/ĐU', note: null }]);
    expect(history.changes.map((c: { action: string }) => c.action)).toEqual(['member.create']);
  });

  it('refuses a party card number or citizen ID that another member holds, in Vietnamese', async () => {
    const card = await secretaryA({ method: 'POST', url: '/api/v1/members', payload: newMember({ citizenId: null }) });
    expect(card.statusCode).toBe(409);
    expect(card.json().title).toBe('Số thẻ đảng 93001234 đã thuộc về một đảng viên khác.');
    const cid = await secretaryA({ method: 'POST', url: '/api/v1/members', payload: newMember({ partyCardNumber: '93009999' }) });
    expect(cid.statusCode).toBe(409);
    expect(cid.json().title).toBe('Số căn cước 025085001234 đã thuộc về một đảng viên khác.');
  });

  it('places members only in cells, and only in cells the caller manages', async () => {
    const intoCommittee = await officer({
      method: 'POST',
      url: '/api/v1/members',
      payload: newMember({ unitId: commune, citizenId: null, partyCardNumber: null }),
    });
    expect(intoCommittee.statusCode).toBe(400);
    expect(intoCommittee.json().title).toContain('không phải là chi bộ');
    const otherCell = await secretaryA({
      method: 'POST',
      url: '/api/v1/members',
      payload: newMember({ unitId: cellB, citizenId: null, partyCardNumber: null }),
    });
    expect(otherCell.statusCode).toBe(404);
    const readOnly = await committeeA({ method: 'POST', url: '/api/v1/members', payload: newMember({ citizenId: null, partyCardNumber: null }) });
    expect(readOnly.statusCode).toBe(403);
  });

  it('checks that the dates make sense together', async () => {
    const res = await secretaryA({
      method: 'POST',
      url: '/api/v1/members',
      payload: newMember({ citizenId: null, partyCardNumber: null, admittedOn: '2021-06-01', fullMemberOn: '2020-01-01' }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'body.fullMemberOn', message: 'Ngày chính thức không được trước ngày vào Đảng.' }]);
  });
});

describe('correcting the record', () => {
  it('changes only the fields sent; the audit shows the read and the change with before and after', async () => {
    const id = await t.member({ fullName: 'Lê Thị Hoa', unitId: cellA, ethnicity: 'Mường', phone: '0912000001' });
    const res = await secretaryA({
      method: 'PATCH',
      url: `/api/v1/members/${id}`,
      payload: { phone: '0987654321', citizenId: '025190000111', hometown: 'Xã Quảng Lâm' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ phone: '0987654321', citizenId: '025190000111', hometown: 'Xã Quảng Lâm', ethnicity: 'Mường', fullName: 'Lê Thị Hoa' });

    expect((await secretaryA({ method: 'GET', url: `/api/v1/members/${id}` })).statusCode).toBe(200);
    const audit = (await admin({ method: 'GET', url: `/api/v1/audit?entityType=member&entityId=${id}` })).json();
    const read = audit.items.find((i: { action: string }) => i.action === 'member.read');
    expect(read).toMatchObject({ actor: 'bithu-a' });
    const update = audit.items.find((i: { action: string }) => i.action === 'member.update');
    expect(update).toMatchObject({
      actor: 'bithu-a',
      before: { phone: '0912000001', citizenId: null, hometown: null },
      after: { phone: '0987654321', citizenId: '025190000111', hometown: 'Xã Quảng Lâm' },
    });
  });

  it('renaming re-indexes the name for search and sort', async () => {
    const id = await t.member({ fullName: 'Hà Văn Tý', unitId: cellA });
    await secretaryA({ method: 'PATCH', url: `/api/v1/members/${id}`, payload: { fullName: 'hà văn tỵ' } });
    const found = (await secretaryA({ method: 'GET', url: '/api/v1/members?q=ha van ty' })).json();
    expect(found.items.map((i: { fullName: string }) => i.fullName)).toEqual(['Hà Văn Tỵ']);
  });

  it('refuses a citizen ID already held by someone else, and a malformed one', async () => {
    const id = await t.member({ fullName: 'Vũ Văn Nam', unitId: cellA });
    const taken = await secretaryA({ method: 'PATCH', url: `/api/v1/members/${id}`, payload: { citizenId: '025085001234' } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().title).toContain('025085001234');
    const bad = await secretaryA({ method: 'PATCH', url: `/api/v1/members/${id}`, payload: { citizenId: '12345' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toEqual({ path: 'body.citizenId', message: 'Số căn cước phải gồm đúng 12 chữ số, bắt đầu bằng mã tỉnh (001–096).' });
  });

  it('a committee member may read (canEdit false) but not change the record', async () => {
    const id = await t.member({ fullName: 'Đỗ Văn Hùng', unitId: cellA });
    const read = await committeeA({ method: 'GET', url: `/api/v1/members/${id}` });
    expect(read.json()).toMatchObject({ fullName: 'Đỗ Văn Hùng', canEdit: false });
    const write = await committeeA({ method: 'PATCH', url: `/api/v1/members/${id}`, payload: { phone: '0912345678' } });
    expect(write.statusCode).toBe(403);
    const empty = await secretaryA({ method: 'PATCH', url: `/api/v1/members/${id}`, payload: {} });
    expect(empty.statusCode).toBe(400);
  });
});

describe('status changes with a decision', () => {
  it('recognition as a full member closes probation and sets the full-membership date', async () => {
    const id = await t.member({ fullName: 'Phạm Văn Đức', unitId: cellA, status: 'du_bi', admittedOn: '2024-05-10', joinedUnitOn: '2024-05-10' });
    const res = await secretaryA({
      method: 'POST',
      url: `/api/v1/members/${id}/status`,
      payload: { status: 'chinh_thuc', effectiveOn: '2025-05-10', decisionNumber: '301-QĐ/ĐU' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'chinh_thuc', fullMemberOn: '2025-05-10' });
    const history = (await secretaryA({ method: 'GET', url: `/api/v1/members/${id}/history` })).json();
    expect(history.statuses).toEqual([
      { status: 'du_bi', validFrom: '2024-05-10', validTo: '2025-05-10', decisionNumber: null, note: null },
      { status: 'chinh_thuc', validFrom: '2025-05-10', validTo: null, decisionNumber: '301-QĐ/ĐU', note: null },
    ]);
  });

  it('refuses transitions that make no sense, and dates before the current status', async () => {
    const id = await t.member({ fullName: 'Trần Văn Long', unitId: cellA, status: 'chinh_thuc', joinedUnitOn: '2020-01-01' });
    const back = await secretaryA({
      method: 'POST',
      url: `/api/v1/members/${id}/status`,
      payload: { status: 'du_bi', effectiveOn: '2025-01-01', decisionNumber: '1' },
    });
    expect(back.statusCode).toBe(409);
    expect(back.json().title).toBe('Không thể chuyển trạng thái từ Chính thức sang Dự bị.');
    const same = await secretaryA({
      method: 'POST',
      url: `/api/v1/members/${id}/status`,
      payload: { status: 'chinh_thuc', effectiveOn: '2025-01-01', decisionNumber: '1' },
    });
    expect(same.statusCode).toBe(409);
    const early = await secretaryA({
      method: 'POST',
      url: `/api/v1/members/${id}/status`,
      payload: { status: 'mien_sinh_hoat', effectiveOn: '2019-12-31', decisionNumber: '1' },
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().title).toContain('01/01/2020');
    const future = await secretaryA({
      method: 'POST',
      url: `/api/v1/members/${id}/status`,
      payload: { status: 'mien_sinh_hoat', effectiveOn: '2999-01-01', decisionNumber: '1' },
    });
    expect(future.statusCode).toBe(400);
  });

  it('exemption and return; death ends the membership, after which nothing changes', async () => {
    const id = await t.member({ fullName: 'Hoàng Văn Sáu', unitId: cellA, status: 'chinh_thuc', joinedUnitOn: '2020-01-01' });
    const post = (status: string, effectiveOn: string) =>
      secretaryA({
        method: 'POST',
        url: `/api/v1/members/${id}/status`,
        payload: { status, effectiveOn, decisionNumber: `QĐ-${status}`, note: 'theo đề nghị của chi bộ' },
      });
    expect((await post('mien_sinh_hoat', '2023-01-01')).json().status).toBe('mien_sinh_hoat');
    expect((await post('tu_tran', '2024-08-15')).json().status).toBe('tu_tran');
    const after = await post('chinh_thuc', '2024-09-01');
    expect(after.statusCode).toBe(409);
    expect(after.json().title).toContain('Từ trần');

    const history = (await secretaryA({ method: 'GET', url: `/api/v1/members/${id}/history` })).json();
    expect(history.placements[0]).toMatchObject({ unitId: cellA, validTo: '2024-08-15' });
    expect(history.statuses.map((s: { status: string }) => s.status)).toEqual(['chinh_thuc', 'mien_sinh_hoat', 'tu_tran']);
    // Gone from the list of current members, still there when asking for everyone.
    const current = (await secretaryA({ method: 'GET', url: '/api/v1/members?q=hoang van sau' })).json();
    expect(current.total).toBe(0);
    const everyone = (await secretaryA({ method: 'GET', url: '/api/v1/members?q=hoang van sau&status=all' })).json();
    expect(everyone.items).toMatchObject([{ fullName: 'Hoàng Văn Sáu', status: 'tu_tran' }]);
    const transfer = await officer({
      method: 'POST',
      url: `/api/v1/members/${id}/transfer`,
      payload: { unitId: cellB, effectiveOn: '2025-01-01', decisionNumber: '9' },
    });
    expect(transfer.statusCode).toBe(409);
  });
});

describe('transfer to another cell', () => {
  it('moves the member with the decision when the caller manages both cells', async () => {
    const id = await t.member({ fullName: 'Nguyễn Thị Mai', unitId: cellA, joinedUnitOn: '2020-01-01' });
    const res = await officer({
      method: 'POST',
      url: `/api/v1/members/${id}/transfer`,
      payload: { unitId: cellB, effectiveOn: '2025-03-01', decisionNumber: '45-QĐ/ĐU', reason: 'Chuyển nơi cư trú' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ unitId: cellB, unitName: 'Chi bộ thôn 2' });
    const history = (await officer({ method: 'GET', url: `/api/v1/members/${id}/history` })).json();
    expect(history.placements).toEqual([
      { unitId: cellA, unitName: 'Chi bộ thôn 1', validFrom: '2020-01-01', validTo: '2025-03-01', decisionNumber: null, reason: 'create' },
      { unitId: cellB, unitName: 'Chi bộ thôn 2', validFrom: '2025-03-01', validTo: null, decisionNumber: '45-QĐ/ĐU', reason: 'Chuyển nơi cư trú' },
    ]);
    expect(history.changes[0]).toMatchObject({ actor: 'officer', action: 'member.transfer', before: { unitId: cellA }, after: { unitId: cellB } });
    // The old cell's secretary no longer sees the member.
    expect((await secretaryA({ method: 'GET', url: `/api/v1/members/${id}` })).statusCode).toBe(404);
  });

  it('a cell secretary cannot send a member to a cell outside their scope, nor to the same cell', async () => {
    const id = await t.member({ fullName: 'Bùi Văn Tâm', unitId: cellA });
    const outside = await secretaryA({
      method: 'POST',
      url: `/api/v1/members/${id}/transfer`,
      payload: { unitId: cellB, effectiveOn: '2025-03-01', decisionNumber: '1' },
    });
    expect(outside.statusCode).toBe(404);
    const same = await officer({
      method: 'POST',
      url: `/api/v1/members/${id}/transfer`,
      payload: { unitId: cellA, effectiveOn: '2025-03-01', decisionNumber: '1' },
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().title).toBe('Đảng viên đang sinh hoạt tại Chi bộ thôn 1.');
  });
});

describe('the API description', () => {
  it('lists the member endpoints in OpenAPI', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/v1/members', '/api/v1/members/{id}', '/api/v1/members/{id}/history', '/api/v1/members/export.xlsx']),
    );
  });
});
