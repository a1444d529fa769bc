// Party groups (tổ đảng, issue 8 item 9): a cell's secretary creates groups and places the
// cell's members in them (effective-dated); a group meeting's roll is the group's members
// on the meeting's date; a member leaving the cell leaves the group; the cell's monthly
// meeting counts as held when the whole cell met or every group met that month.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../src/modules/meetings/clock.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildCommune, closeQuietly } from './meetings.fixtures.ts';

let t: TestApp;
let f: Awaited<ReturnType<typeof buildCommune>>;
let bithu: Client;
let groupA: number;
let groupB: number;
const at = (time: string, date: string) => clock.set(new Date(`${date}T${time}:00+07:00`));

beforeAll(async () => {
  t = await createTestApp();
  f = await buildCommune(t);
  bithu = await t.as('bithu');
});
afterAll(async () => {
  clock.reset();
  await closeQuietly(t);
});

/** Plans a regular meeting (of a group, or of the whole cell) and marks everyone on its roll present. */
async function holdMeeting(date: string, partyGroupId: number | null) {
  at('07:00', date);
  const planned = await bithu({
    method: 'POST',
    url: '/api/v1/meetings',
    payload: {
      kind: 'regular',
      unitId: f.cell1,
      partyGroupId,
      date,
      startTime: '08:00',
      endTime: '10:00',
      place: 'Nhà văn hóa thôn 1',
      topic: 'Sinh hoạt tháng',
      focalIssues: ['Làm đường', 'Thu đảng phí'],
    },
  });
  expect(planned.statusCode).toBe(201);
  const id: number = planned.json().id;
  at('08:30', date);
  const roll = (await bithu({ method: 'GET', url: `/api/v1/meetings/${id}/attendance` })).json();
  const entries = roll.members.map((e: { memberId: number }) => ({ memberId: e.memberId, status: 'present' }));
  expect((await bithu({ method: 'PUT', url: `/api/v1/meetings/${id}/attendance`, payload: { entries } })).statusCode).toBe(200);
  return { id, names: roll.members.map((e: { fullName: string }) => e.fullName) as string[] };
}

describe('party groups of a cell', () => {
  it('lets the secretary create groups and assign members, audited', async () => {
    const a = await bithu({ method: 'POST', url: `/api/v1/units/${f.cell1}/party-groups`, payload: { name: 'Tổ đảng số 1', effectiveOn: '2026-01-01' } });
    expect(a.statusCode).toBe(201);
    const b = await bithu({ method: 'POST', url: `/api/v1/units/${f.cell1}/party-groups`, payload: { name: 'Tổ đảng số 2', effectiveOn: '2026-01-01' } });
    groupA = a.json().groups[0].id;
    groupB = b.json().groups.find((g: { name: string }) => g.name === 'Tổ đảng số 2').id;
    const setA = await bithu({
      method: 'PUT',
      url: `/api/v1/party-groups/${groupA}/members`,
      payload: { memberIds: [f.regular[0], f.regular[1], f.regular[2]], effectiveOn: '2026-01-01' },
    });
    expect(setA.statusCode).toBe(200);
    const setB = await bithu({
      method: 'PUT',
      url: `/api/v1/party-groups/${groupB}/members`,
      payload: { memberIds: [f.regular[3], f.regular[4], f.probationary], effectiveOn: '2026-01-01' },
    });
    const list = setB.json();
    expect(list.groups.map((g: { name: string; members: { fullName: string }[] }) => [g.name, g.members.map((m) => m.fullName)])).toEqual([
      ['Tổ đảng số 1', ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường']],
      ['Tổ đảng số 2', ['Phạm Thị Dung', 'Hoàng Văn Em', 'Vũ Thị Phương']],
    ]);
    expect(list.unassigned.map((m: { fullName: string }) => m.fullName)).toEqual(['Đỗ Văn Giáp']);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'unit')
      .where('entity_id', 'in', [String(groupA), String(groupB)])
      .execute();
    expect(audit.map((r) => r.action).sort()).toEqual(['party_group.members', 'party_group.members', 'unit.create', 'unit.create']);
  });

  it('refuses a member of another cell, and keeps other cells and plain members out', async () => {
    const other = await bithu({ method: 'PUT', url: `/api/v1/party-groups/${groupA}/members`, payload: { memberIds: [f.other], effectiveOn: '2026-02-01' } });
    expect(other.statusCode).toBe(400);
    expect(other.json().errors[0]).toMatchObject({ path: 'body.memberIds.0', message: 'Đảng viên này không sinh hoạt tại chi bộ vào ngày hiệu lực.' });
    const bithu2 = await t.as('bithu2');
    expect((await bithu2({ method: 'GET', url: `/api/v1/units/${f.cell1}/party-groups` })).statusCode).toBe(404);
    expect(
      (await bithu2({ method: 'PUT', url: `/api/v1/party-groups/${groupA}/members`, payload: { memberIds: [], effectiveOn: '2026-02-01' } })).statusCode,
    ).toBe(404);
    const member = await t.as('dv2');
    expect(
      (await member({ method: 'POST', url: `/api/v1/units/${f.cell1}/party-groups`, payload: { name: 'Tổ 3', effectiveOn: '2026-01-01' } })).statusCode,
    ).toBe(404);
  });

  it("puts on a group meeting's roll only the group's members that day", async () => {
    const { names } = await holdMeeting('2026-01-08', groupA);
    expect(names).toEqual(['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường']);
    const facts = await t.database.db.selectFrom('meeting_facts').selectAll().where('party_group_id', '=', groupA).executeTakeFirstOrThrow();
    expect(facts).toMatchObject({ expected: 3, present: 3, unit_id: f.cell1 });
  });

  it('takes a member who leaves the cell out of the group from that day', async () => {
    const moved = await (await t.as('xa'))({
      method: 'POST',
      url: `/api/v1/members/${f.regular[2]}/transfer`,
      payload: { unitId: f.cell2, effectiveOn: '2026-02-01', decisionNumber: '12-QĐ/ĐU' },
    });
    expect(moved.statusCode).toBe(200);
    const now = (await bithu({ method: 'GET', url: `/api/v1/units/${f.cell1}/party-groups` })).json();
    expect(now.groups[0].members.map((m: { fullName: string }) => m.fullName)).toEqual(['Nguyễn Văn An', 'Trần Thị Bình']);
    const then = (await bithu({ method: 'GET', url: `/api/v1/units/${f.cell1}/party-groups?on=2026-01-15` })).json();
    expect(then.groups[0].members.map((m: { fullName: string }) => m.fullName)).toEqual(['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường']);
    const { names } = await holdMeeting('2026-02-05', groupA);
    expect(names).toEqual(['Nguyễn Văn An', 'Trần Thị Bình']);
  });

  it('counts a month as held when every group met, or the whole cell; not when one group met', async () => {
    await holdMeeting('2026-02-12', groupB); // February: both groups met
    const whole = await holdMeeting('2026-03-05', null); // March: the whole cell met
    expect(whole.names).toHaveLength(5);
    clock.reset();
    const report = await (await t.as('xa'))({
      method: 'GET',
      url: `/api/v1/meetings/compliance?unitId=${f.commune}&from=2026-01-01&to=2026-03-31&asOf=2026-04-21`,
    });
    expect(report.statusCode).toBe(200);
    const cell = report.json().cells.find((c: { unitId: number }) => c.unitId === f.cell1);
    expect(cell).toMatchObject({ monthsRequired: 3, monthsHeld: 2, missingMonths: ['2026-01'] });
    // The dashboard judges the months the same way (its kept per-cell-month rows count group meetings apart).
    const figures = await (await t.as('xa'))({ method: 'GET', url: `/api/v1/figures/units/${f.cell1}/meetings?from=2026-01-01&to=2026-03-31` });
    expect(figures.statusCode).toBe(200);
    expect(figures.json().monthlyCompliance).toEqual({ n: 0, of: 1 });
    expect(figures.json().trend.map((m: { compliance: unknown }) => m.compliance)).toEqual([
      { n: 0, of: 1 },
      { n: 1, of: 1 },
      { n: 1, of: 1 },
    ]);
  });

  it("lists for a member the meetings of their own group and of the whole cell, not the other group's", async () => {
    const dv4 = await t.as('dv4'); // Phạm Thị Dung, in group 2
    const mine = await dv4({ method: 'GET', url: '/api/v1/me/meetings?from=2026-01-01&to=2026-03-31' });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.map((m: { heldOn: string }) => m.heldOn)).toEqual(['2026-02-12', '2026-03-05']);
  });

  it('renames and closes a group; its members then belong to no group', async () => {
    const renamed = await bithu({
      method: 'POST',
      url: `/api/v1/party-groups/${groupB}/rename`,
      payload: { name: 'Tổ đảng xóm Đông', effectiveOn: '2026-04-01' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().groups.map((g: { name: string }) => g.name)).toEqual(['Tổ đảng số 1', 'Tổ đảng xóm Đông']);
    const closed = await bithu({ method: 'POST', url: `/api/v1/party-groups/${groupB}/close`, payload: { effectiveOn: '2026-05-01' } });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().groups.map((g: { name: string }) => g.name)).toEqual(['Tổ đảng số 1']);
    expect(closed.json().unassigned.map((m: { fullName: string }) => m.fullName)).toContain('Hoàng Văn Em');
    const april = (await bithu({ method: 'GET', url: `/api/v1/units/${f.cell1}/party-groups?on=2026-04-15` })).json();
    expect(april.groups.map((g: { name: string }) => g.name)).toEqual(['Tổ đảng số 1', 'Tổ đảng xóm Đông']);
  });
});
