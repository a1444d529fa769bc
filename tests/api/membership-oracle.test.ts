// Issue 6 item 4: no membership oracle. A user must not learn whether a person outside
// their scope is a party member: a card or citizen ID number held outside scope gets one
// anonymous answer and goes to the organisation board's queue; a cell secretary's import
// fits one cell; every dry run and conflict is audited without personal data; a
// residence link to a member outside scope is a request the member's own cell accepts.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile } from '../helpers/multipart.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';

const HEADERS = ['Họ và tên', 'Giới tính', 'Ngày sinh (dd/mm/yyyy)', 'Số CCCD', 'Số thẻ đảng', 'Ngày vào Đảng', 'Ngày chính thức', 'Trạng thái'];
type Row = Partial<Record<string, string | number | null>>;

async function xlsx(rows: Row[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Đảng viên');
  sheet.addRow(HEADERS);
  for (const r of rows) sheet.addRow(HEADERS.map((h) => r[h] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const person = (i: number, extra: Row = {}): Row => ({
  'Họ và tên': `Nguyễn Văn Mới ${i}`,
  'Giới tính': 'Nam',
  'Ngày sinh (dd/mm/yyyy)': '17/05/1980',
  'Số CCCD': `0260900${String(10000 + i)}`,
  'Số thẻ đảng': `27.${String(500000 + i)}`,
  'Ngày vào Đảng': '03/02/2005',
  'Ngày chính thức': '03/02/2006',
  'Trạng thái': 'Chính thức',
  ...extra,
});

const NEEDS_BOARD = 'Số thẻ đảng viên/CCCD này cần Ban tổ chức xử lý.';

let t: TestApp;
const u: Record<string, number> = {};
const m: Record<string, number> = {};
// Who holds what in the other commune: none of it may reach the secretary of thôn Đông.
const OUTSIDE = { names: ['Trần Thị Ngoài', 'Phạm Văn Xa', 'Hoàng Thị Kín'], unit: 'Chi bộ thôn Yên Lập', commune: 'Đảng bộ xã Tân Phong' };
let secretary: Client;
let communeOfficer: Client;
let board: Client;
let admin: Client;

const importInto = (as: Client, unitId: number, mode: 'dry-run' | 'apply', file: Buffer) =>
  as({
    method: 'POST',
    url: `/api/v1/imports/members?unitId=${unitId}&mode=${mode}`,
    ...multipartFile('dang-vien.xlsx', file, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
  });
const auditOf = async (entityType: string, entityId: number) =>
  (await admin({ method: 'GET', url: `/api/v1/audit?entityType=${entityType}&entityId=${entityId}` })).json().items as Array<{
    action: string;
    actor: string;
    after: unknown;
  }>;

beforeAll(async () => {
  t = await createTestApp();
  u.province = await t.unit({ code: 'VP', name: 'Đảng bộ tỉnh Vĩnh Phúc', kind: 'dang_bo_tinh' });
  u.communeA = await t.unit({ code: 'BB', name: 'Đảng bộ xã Bắc Bình', kind: 'dang_bo_xa', parentId: u.province });
  u.cellA = await t.unit({ code: 'BB.01', name: 'Chi bộ thôn Đông', parentId: u.communeA });
  u.cellA2 = await t.unit({ code: 'BB.02', name: 'Chi bộ thôn Nam', parentId: u.communeA });
  u.communeB = await t.unit({ code: 'TP', name: OUTSIDE.commune, kind: 'dang_bo_xa', parentId: u.province });
  u.cellB = await t.unit({ code: 'TP.01', name: OUTSIDE.unit, parentId: u.communeB });
  m.b1 = await t.member({ unitId: u.cellB, fullName: OUTSIDE.names[0]!, sex: 'nu', partyCardNumber: '26.900001', citizenId: '026085000001' });
  m.b2 = await t.member({ unitId: u.cellB, fullName: OUTSIDE.names[1]!, partyCardNumber: '26.900002', citizenId: '026085000002' });
  m.b3 = await t.member({ unitId: u.cellB, fullName: OUTSIDE.names[2]!, sex: 'nu', partyCardNumber: '26.900003', citizenId: '026085000003' });
  m.a2 = await t.member({ unitId: u.cellA2, fullName: 'Đỗ Văn Gần', partyCardNumber: '26.800001', citizenId: '026085000101' });
  m.secretary = await t.member({ unitId: u.cellA, fullName: 'Lý Văn Bí', partyCardNumber: '26.800002' });
  await t.user('bithu-dong', [{ role: 'secretary', unitId: u.cellA }], m.secretary);
  await t.user('tochuc-xa', [{ role: 'org_officer', unitId: u.communeA }]);
  await t.user('tochuc-tinh', [{ role: 'org_officer', unitId: u.province }]);
  await t.user('admin', [{ role: 'admin', unitId: u.province }]);
  [secretary, communeOfficer, board, admin] = await Promise.all(['bithu-dong', 'tochuc-xa', 'tochuc-tinh', 'admin'].map((n) => t.as(n)));
});
afterAll(() => t.close());

describe('an import dry run is no membership oracle', () => {
  let file: Buffer;
  it('answers every number held in another commune with the same anonymous message, never a name or unit', async () => {
    file = await xlsx([
      person(1, { 'Số thẻ đảng': '26.900001' }), // row 2: card held in Tân Phong
      person(2, { 'Số CCCD': '026085000002' }), // row 3: citizen ID held in Tân Phong
      person(3, { 'Số thẻ đảng': '26.900003', 'Số CCCD': '026085000003' }), // row 4: both, same member
      person(4), // row 5: nobody's
    ]);
    const res = await importInto(secretary, u.cellA, 'dry-run', file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ totalRows: 4, valid: 1 });
    expect(res.json().errors).toEqual([2, 3, 4].map((row) => ({ row, column: 'Số thẻ đảng', message: NEEDS_BOARD })));
    for (const secret of [...OUTSIDE.names, OUTSIDE.unit, OUTSIDE.commune]) expect(res.body).not.toContain(secret);
  });

  it("keeps the precise message for a number held inside the caller's scope", async () => {
    const res = await importInto(communeOfficer, u.cellA, 'dry-run', await xlsx([person(5, { 'Số thẻ đảng': '26.800001' })]));
    expect(res.json().errors).toEqual([{ row: 2, column: 'Số thẻ đảng', message: 'Số thẻ đảng 26.800001 đã thuộc về một đảng viên ngoài Chi bộ thôn Đông.' }]);
  });

  it('queues the conflicts for the board of the common ancestor, who resolves them', async () => {
    // The commune's officer sees only Bắc Bình: the holders are not theirs to see.
    expect((await communeOfficer({ method: 'GET', url: '/api/v1/identifier-conflicts' })).json().items).toEqual([]);
    expect((await secretary({ method: 'GET', url: '/api/v1/identifier-conflicts' })).json().items).toEqual([]);
    const queue = (await board({ method: 'GET', url: '/api/v1/identifier-conflicts' })).json().items;
    expect(queue).toHaveLength(3);
    expect(queue.map((c: { existingMemberName: string }) => c.existingMemberName).sort()).toEqual([...OUTSIDE.names].sort());
    const first = queue.find((c: { existingMemberId: number }) => c.existingMemberId === m.b1);
    expect(first).toMatchObject({
      kind: 'party_card_number',
      value: '26.900001',
      source: 'import',
      status: 'open',
      submittedBy: 'bithu-dong',
      fromUnitId: u.cellA,
      fromUnitName: 'Chi bộ thôn Đông',
      existingUnitName: OUTSIDE.unit,
    });

    // A second dry run of the same file raises no second entry.
    await importInto(secretary, u.cellA, 'dry-run', file);
    expect((await board({ method: 'GET', url: '/api/v1/identifier-conflicts' })).json().items).toHaveLength(3);

    expect((await secretary({ method: 'POST', url: `/api/v1/identifier-conflicts/${first.id}/resolve`, payload: { note: 'x' } })).statusCode).toBe(404);
    const done = await board({
      method: 'POST',
      url: `/api/v1/identifier-conflicts/${first.id}/resolve`,
      payload: { note: 'Người này đã chuyển sinh hoạt; đã báo chi bộ thôn Đông.' },
    });
    expect(done.statusCode).toBe(200);
    expect((await board({ method: 'POST', url: `/api/v1/identifier-conflicts/${first.id}/resolve`, payload: { note: 'lại' } })).statusCode).toBe(409);
    expect((await board({ method: 'GET', url: '/api/v1/identifier-conflicts' })).json().items).toHaveLength(2);
    const resolved = (await board({ method: 'GET', url: '/api/v1/identifier-conflicts?status=resolved' })).json().items;
    expect(resolved).toEqual([
      expect.objectContaining({
        id: first.id,
        status: 'resolved',
        resolvedBy: 'tochuc-tinh',
        resolutionNote: 'Người này đã chuyển sinh hoạt; đã báo chi bộ thôn Đông.',
      }),
    ]);
    expect((await auditOf('identifier_conflict', first.id)).map((a) => a.action)).toEqual([
      'identifier_conflict.resolve',
      'identifier_conflict.raise',
      'identifier_conflict.raise',
    ]);
  });

  it('audits every dry run and conflict with counts only, no personal data', async () => {
    const trail = await auditOf('unit', u.cellA);
    expect(trail.filter((a) => a.action === 'import.dry_run')).toHaveLength(3);
    const runs = trail.filter((a) => a.action === 'import.dry_run' && a.actor === 'bithu-dong');
    expect(runs).toHaveLength(2);
    expect(runs[0]).toMatchObject({ actor: 'bithu-dong', after: { totalRows: 4, valid: 1, errors: 3, conflicts: 3 } });
    const conflicts = await t.database.db.selectFrom('audit_log').select(['after', 'unit_id']).where('action', '=', 'identifier_conflict.raise').execute();
    expect(conflicts).toHaveLength(6);
    expect(conflicts.every((c) => c.unit_id === u.cellA)).toBe(true);
    const text = JSON.stringify([...runs, ...conflicts]);
    for (const secret of [...OUTSIDE.names, OUTSIDE.unit, '26.900001', '026085000002', '26.900003', '026085000003', 'Nguyễn Văn Mới'])
      expect(text).not.toContain(secret);
  });

  it('refuses a file larger than one cell from a cell secretary, and takes it from the board', async () => {
    const big = await xlsx(Array.from({ length: 600 }, (_, i) => person(100 + i)));
    const refused = await importInto(secretary, u.cellA, 'dry-run', big);
    expect(refused.statusCode).toBe(413);
    expect(refused.json().title).toBe('Tệp có hơn 500 dòng — quá cỡ danh sách của một chi bộ. Danh sách lớn hơn xin gửi Ban tổ chức cấp ủy để nhập.');
    const fits = await importInto(secretary, u.cellA, 'dry-run', await xlsx(Array.from({ length: 500 }, (_, i) => person(1000 + i))));
    expect(fits.statusCode).toBe(200);
    const accepted = await importInto(communeOfficer, u.cellA, 'dry-run', big);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ totalRows: 600, valid: 600, errors: [] });
  });

  it('lets a cell secretary import 10 files an hour, dry runs included, so many small files test no more numbers', async () => {
    await t.user('bithu-nam', [{ role: 'secretary', unitId: u.cellA2 }]);
    const cellSecretary = await t.as('bithu-nam');
    const file = await xlsx([person(5000)]);
    for (let i = 0; i < 10; i++) expect((await importInto(cellSecretary, u.cellA2, 'dry-run', file)).statusCode).toBe(200);
    const eleventh = await importInto(cellSecretary, u.cellA2, 'dry-run', file);
    expect(eleventh.statusCode).toBe(429);
    expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(0);
    // The board is not counted.
    expect((await importInto(communeOfficer, u.cellA2, 'dry-run', file)).statusCode).toBe(200);
  });
});

describe('member create and edit are no membership oracle', () => {
  const newMember = (extra: object) => ({
    unitId: u.cellA,
    fullName: 'Vũ Thị Thử',
    sex: 'nu',
    dateOfBirth: '1990-01-01',
    ethnicity: 'Kinh',
    religion: 'Không',
    admittedOn: '2015-01-01',
    fullMemberOn: '2016-01-01',
    joinedUnitOn: '2020-01-01',
    ...extra,
  });

  it('answers a card and a citizen ID held outside scope identically, and queues them', async () => {
    const before = (await board({ method: 'GET', url: '/api/v1/identifier-conflicts' })).json().items.length;
    const byCard = await secretary({ method: 'POST', url: '/api/v1/members', payload: newMember({ partyCardNumber: '26.900002' }) });
    const byCitizenId = await secretary({ method: 'POST', url: '/api/v1/members', payload: newMember({ citizenId: '026085000001' }) });
    expect(byCard.statusCode).toBe(409);
    expect(byCitizenId.statusCode).toBe(409);
    expect(byCard.body).toBe(byCitizenId.body);
    expect(byCard.json().title).toBe(NEEDS_BOARD);
    const id = await t.member({ unitId: u.cellA, fullName: 'Mai Văn Sửa' });
    const edit = await secretary({ method: 'PATCH', url: `/api/v1/members/${id}`, payload: { citizenId: '026085000003' } });
    expect(edit.statusCode).toBe(409);
    expect(edit.body).toBe(byCard.body);
    const queue = (await board({ method: 'GET', url: '/api/v1/identifier-conflicts' })).json().items;
    expect(queue.length - before).toBe(3);
    expect(
      queue
        .filter((c: { source: string }) => c.source !== 'import')
        .map((c: { source: string; kind: string; existingMemberId: number }) => [c.source, c.kind, c.existingMemberId]),
    ).toEqual([
      ['member.update', 'citizen_id', m.b3],
      ['member.create', 'citizen_id', m.b1],
      ['member.create', 'party_card_number', m.b2],
    ]);
  });

  it("keeps the precise message when the holder is in the caller's scope", async () => {
    const res = await communeOfficer({ method: 'POST', url: '/api/v1/members', payload: newMember({ partyCardNumber: '26.800001' }) });
    expect(res.statusCode).toBe(409);
    expect(res.json().title).toBe('Số thẻ đảng 26.800001 đã thuộc về một đảng viên khác.');
  });
});

describe("residence links outside scope are requests the member's cell accepts", () => {
  // Thôn Đông's secretary is asked by Phạm Văn Xa (working in Tân Phong) to keep contact
  // with the residence cell; thôn Yên Lập's secretary decides.
  let memberCell: Client;
  const link = (as: Client, partyCardNumber: string) =>
    as({ method: 'POST', url: '/api/v1/residence-links', payload: { partyCardNumber, unitId: u.cellA, validFrom: '2026-01-01', note: 'Ở xóm 3' } });
  beforeAll(async () => {
    await t.user('bithu-yenlap', [{ role: 'secretary', unitId: u.cellB }]);
    memberCell = await t.as('bithu-yenlap');
  });

  it('answers a known and an unknown card byte for byte alike, and shows no name', async () => {
    const known = await link(secretary, '26.900002');
    const unknown = await link(secretary, '26.000404');
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    expect(known.json()).toEqual({ outcome: 'requested', message: 'Đã gửi yêu cầu; chi bộ của đảng viên sẽ xác nhận.' });
    expect((await secretary({ method: 'GET', url: `/api/v1/residence-links?unitId=${u.cellA}` })).json().items).toEqual([]);
    const pending = (await secretary({ method: 'GET', url: `/api/v1/residence-link-requests/outgoing?unitId=${u.cellA}` })).json().items;
    expect(pending.map((r: { partyCardNumber: string; status: string }) => [r.partyCardNumber, r.status])).toEqual([
      ['26.000404', 'pending'],
      ['26.900002', 'pending'],
    ]);
    expect(JSON.stringify(pending)).not.toContain(OUTSIDE.names[1]);
    // Asking again is the same request, answered the same way.
    expect((await link(secretary, '26.900002')).body).toBe(known.body);
  });

  it("shows the request to the member's cell only, which accepts it; then the name appears", async () => {
    const incoming = (await memberCell({ method: 'GET', url: `/api/v1/residence-link-requests/incoming?unitId=${u.cellB}` })).json().items;
    expect(incoming).toEqual([
      expect.objectContaining({ memberId: m.b2, fullName: OUTSIDE.names[1], residenceUnitName: 'Chi bộ thôn Đông', validFrom: '2026-01-01', note: 'Ở xóm 3' }),
    ]);
    // The unknown card reaches nobody, not even the board.
    const boardSees = (await board({ method: 'GET', url: `/api/v1/residence-link-requests/incoming?unitId=${u.province}` })).json().items;
    expect(boardSees.map((r: { memberId: number }) => r.memberId)).toEqual([m.b2]);
    // The residence cell cannot decide for the member's cell.
    expect((await secretary({ method: 'POST', url: `/api/v1/residence-link-requests/${incoming[0].id}/accept` })).statusCode).toBe(404);
    expect((await memberCell({ method: 'POST', url: `/api/v1/residence-link-requests/${incoming[0].id}/accept` })).statusCode).toBe(200);
    expect((await memberCell({ method: 'POST', url: `/api/v1/residence-link-requests/${incoming[0].id}/decline` })).statusCode).toBe(409);
    const links = (await secretary({ method: 'GET', url: `/api/v1/residence-links?unitId=${u.cellA}` })).json().items;
    expect(links).toEqual([expect.objectContaining({ fullName: OUTSIDE.names[1], workUnitName: null, memberId: null, validFrom: '2026-01-01' })]);
    const pending = (await secretary({ method: 'GET', url: `/api/v1/residence-link-requests/outgoing?unitId=${u.cellA}` })).json().items;
    expect(pending.map((r: { partyCardNumber: string }) => r.partyCardNumber)).toEqual(['26.000404']);
    const trail = await auditOf('member', m.b2);
    expect(trail[0]).toMatchObject({ action: 'residence_request.accept', actor: 'bithu-yenlap' });
  });

  it("lets the member's cell decline, and the residence cell withdraw what stays pending", async () => {
    await link(secretary, '26.900001');
    const [req] = (await memberCell({ method: 'GET', url: `/api/v1/residence-link-requests/incoming?unitId=${u.cellB}` })).json().items;
    expect((await memberCell({ method: 'POST', url: `/api/v1/residence-link-requests/${req.id}/decline` })).statusCode).toBe(200);
    expect((await secretary({ method: 'GET', url: `/api/v1/residence-links?unitId=${u.cellA}` })).json().items).toHaveLength(1);
    const outgoing = (await secretary({ method: 'GET', url: `/api/v1/residence-link-requests/outgoing?unitId=${u.cellA}` })).json().items;
    // Declined or nobody's card, the residence cell sees the same: pending for 30 days, then not confirmed.
    expect(outgoing.map((r: { partyCardNumber: string; status: string }) => [r.partyCardNumber, r.status])).toEqual([
      ['26.900001', 'pending'],
      ['26.000404', 'pending'],
    ]);
    await t.database.db
      .updateTable('residence_link_requests')
      .set({ requested_at: new Date(Date.now() - 31 * 86_400_000) })
      .where('unit_id', '=', u.cellA)
      .execute();
    const later = (await secretary({ method: 'GET', url: `/api/v1/residence-link-requests/outgoing?unitId=${u.cellA}` })).json().items;
    expect(later.map((r: { partyCardNumber: string; status: string }) => [r.partyCardNumber, r.status])).toEqual([
      ['26.900001', 'closed'],
      ['26.000404', 'closed'],
    ]);
    const declined = outgoing.find((r: { partyCardNumber: string }) => r.partyCardNumber === '26.900001');
    const unknown = outgoing.find((r: { partyCardNumber: string }) => r.partyCardNumber === '26.000404');
    // Withdrawing answers the same for both.
    expect((await secretary({ method: 'POST', url: `/api/v1/residence-link-requests/${declined.id}/withdraw` })).statusCode).toBe(200);
    expect((await memberCell({ method: 'POST', url: `/api/v1/residence-link-requests/${unknown.id}/withdraw` })).statusCode).toBe(404);
    expect((await secretary({ method: 'POST', url: `/api/v1/residence-link-requests/${unknown.id}/withdraw` })).statusCode).toBe(200);
    expect((await secretary({ method: 'GET', url: `/api/v1/residence-link-requests/outgoing?unitId=${u.cellA}` })).json().items).toHaveLength(0);
  });

  it('limits each person to 20 requests an hour, known and unknown cards alike, with the wait in Vietnamese', async () => {
    await t.user('bithu-thu-the', [{ role: 'secretary', unitId: u.cellA2 }]);
    const prober = await t.as('bithu-thu-the');
    const ask = (card: string) =>
      prober({ method: 'POST', url: '/api/v1/residence-links', payload: { partyCardNumber: card, unitId: u.cellA2, validFrom: '2026-01-01' } });
    for (let i = 0; i < 20; i++) expect((await ask(`27.${String(i).padStart(6, '0')}`)).statusCode).toBe(202);
    const known = await ask('26.900002');
    const unknown = await ask('27.999999');
    expect(known.statusCode).toBe(429);
    expect(known.body).toBe(unknown.body);
    expect(Number(known.headers['retry-after'])).toBeGreaterThan(0);
    expect(known.json().title).toMatch(/thử lại/);
    // Another secretary is not held up by this one.
    expect((await link(secretary, '27.555555')).statusCode).toBe(202);
  });

  it("links a member inside the caller's scope at once, as before", async () => {
    const res = await communeOfficer({
      method: 'POST',
      url: '/api/v1/residence-links',
      payload: { partyCardNumber: '26.800001', unitId: u.cellA, validFrom: '2026-02-01' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().items.find((l: { memberId: number | null }) => l.memberId === m.a2)).toMatchObject({
      fullName: 'Đỗ Văn Gần',
      workUnitName: 'Chi bộ thôn Nam',
    });
  });
});
