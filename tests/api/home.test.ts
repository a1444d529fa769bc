// The first screen of each role and the plan form's rules (issue 8, items 14 and 15): a
// cell secretary sees the month's meeting and the steps left, last month's resolution and
// its overdue tasks; the commune committee sees one line per cell and the meetings it is
// assigned to attend, with "Tôi sẽ dự"; the plan form starts from the cell's usual day; a
// second regular meeting in a month is refused unless planned as extraordinary; the cell's
// year calendar.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../src/modules/meetings/clock.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildCommune, closeQuietly } from './meetings.fixtures.ts';

let t: TestApp;
let f: Awaited<ReturnType<typeof buildCommune>>;
let bithu: Client;
let capuy: Client;
let capuyMember: number;
let february: number;

const plan = {
  kind: 'regular',
  startTime: '19:30',
  endTime: '21:30',
  place: 'Nhà văn hóa thôn 1',
  topic: 'Sinh hoạt chi bộ thường kỳ tháng 3/2026',
  focalIssues: ['Ra quân làm đường giao thông nông thôn', 'Thu nộp đảng phí quý I'],
};

/** A February meeting of cell 1, held and adopted, whose resolution set two tasks. */
async function adoptedFebruaryMeeting(): Promise<number> {
  const db = t.database.db;
  const row = await db
    .insertInto('meetings')
    .values({
      unit_id: f.cell1,
      kind: 'regular',
      held_on: '2026-02-12',
      starts_at: new Date('2026-02-12T19:30:00+07:00'),
      ends_at: new Date('2026-02-12T21:30:00+07:00'),
      place: 'Nhà văn hóa thôn 1',
      topic: 'Sinh hoạt chi bộ thường kỳ tháng 2/2026',
      check_in_code: '654321',
      check_in_secret: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('meeting_minutes')
    .values({
      meeting_id: row.id,
      number: '2',
      content: JSON.stringify({ resolutionItems: ['Hoàn thành nạo vét kênh mương trước 25/02', 'Thu đảng phí quý I'] }),
      adopted_at: new Date('2026-02-12T21:30:00+07:00'),
    })
    .execute();
  // The tasks the adopted minutes made (tasks of the cell from this meeting).
  await db
    .insertInto('tasks')
    .values([
      { unit_id: f.cell1, source: 'minutes', meeting_id: row.id, assignee_label: 'Trần Thị Bình', title: 'Nạo vét kênh mương xóm Đông', due_on: '2026-02-25' },
      { unit_id: f.cell1, source: 'minutes', meeting_id: row.id, assignee_label: 'Lê Văn Cường', title: 'Thu đảng phí quý I', due_on: '2026-03-31' },
    ])
    .execute();
  return row.id;
}

beforeAll(async () => {
  t = await createTestApp();
  f = await buildCommune(t);
  capuyMember = await t.member({ unitId: f.office, fullName: 'Đinh Văn Khoa' });
  await t.user('capuy', [{ role: 'committee', unitId: f.commune }], capuyMember);
  february = await adoptedFebruaryMeeting();
  clock.set(new Date('2026-03-01T09:00:00+07:00'));
  bithu = await t.as('bithu');
  capuy = await t.as('capuy');
});
afterAll(async () => {
  clock.reset();
  await closeQuietly(t);
});

const home = async (client: Client) => {
  const res = await client({ method: 'GET', url: '/api/v1/home' });
  expect(res.statusCode).toBe(200);
  return res.json();
};
const steps = (cell: { steps: { key: string; state: string }[] }) => Object.fromEntries(cell.steps.map((s) => [s.key, s.state]));

describe("the secretary's home", () => {
  it('shows March not planned, late since 20/02, with February’s resolution and its overdue task', async () => {
    const body = await home(bithu);
    expect(body.committees).toEqual([]);
    expect(body.member).toBe(true);
    const [cell] = body.cells;
    expect(cell.unitName).toBe('Chi bộ thôn 1');
    expect(cell.month).toBe('2026-03');
    expect(cell.planDeadline).toBe('2026-02-20');
    expect(cell.meeting).toBeNull();
    expect(steps(cell)).toEqual({ plan: 'late', notice: 'waiting', rollCall: 'waiting', minutes: 'waiting', grade: 'waiting', adopt: 'waiting' });
    expect(cell.previous.meetingId).toBe(february);
    expect(cell.previous.resolutionItems).toEqual(['Hoàn thành nạo vét kênh mương trước 25/02', 'Thu đảng phí quý I']);
    expect(cell.previous.actionItems.map((i: { overdue: boolean }) => i.overdue)).toEqual([true, false]);
    expect(cell.overdue.map((i: { description: string }) => i.description)).toEqual(['Nạo vét kênh mương xóm Đông']);
  });
});

describe('the plan form', () => {
  it('defaults to the cell’s usual day and last times and place, carrying February’s resolution', async () => {
    const res = await bithu({ method: 'GET', url: `/api/v1/meetings/plan-defaults?unitId=${f.cell1}` });
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d).toMatchObject({
      month: '2026-03',
      date: '2026-03-12',
      usualDay: 12,
      startTime: '19:30',
      endTime: '21:30',
      place: 'Nhà văn hóa thôn 1',
      planned: null,
    });
    expect(d.previous.resolutionItems).toHaveLength(2);
  });

  it('plans March, then refuses a second regular meeting that month in Vietnamese (409)', async () => {
    const first = await bithu({ method: 'POST', url: '/api/v1/meetings', payload: { ...plan, unitId: f.cell1, date: '2026-03-12' } });
    expect(first.statusCode).toBe(201);
    const second = await bithu({ method: 'POST', url: '/api/v1/meetings', payload: { ...plan, unitId: f.cell1, date: '2026-03-26' } });
    expect(second.statusCode).toBe(409);
    expect(second.json().title).toBe(
      'Tháng 03/2026 chi bộ đã có buổi sinh hoạt thường kỳ (ngày 12/03/2026). Một buổi nữa trong tháng phải lập là sinh hoạt bất thường.',
    );
    // Beside the date field too, in Vietnamese.
    expect(second.json().errors).toEqual([
      { path: 'body.date', message: 'Tháng 03/2026 đã có buổi sinh hoạt thường kỳ (ngày 12/03/2026); buổi thứ hai phải lập là sinh hoạt bất thường.' },
    ]);
  });

  it('accepts the second meeting when it is marked extraordinary (bất thường)', async () => {
    const res = await bithu({
      method: 'POST',
      url: '/api/v1/meetings',
      payload: { ...plan, kind: 'extraordinary', unitId: f.cell1, date: '2026-03-26', topic: 'Sinh hoạt bất thường' },
    });
    expect(res.statusCode).toBe(201);
  });

  it('refuses moving April’s regular meeting into March, and allows another cell its own March meeting', async () => {
    const april = await bithu({ method: 'POST', url: '/api/v1/meetings', payload: { ...plan, unitId: f.cell1, date: '2026-04-12' } });
    expect(april.statusCode).toBe(201);
    const moved = await bithu({ method: 'PATCH', url: `/api/v1/meetings/${april.json().id}`, payload: { date: '2026-03-30' } });
    expect(moved.statusCode).toBe(409);
    const admin = await t.as('admin');
    const other = await admin({ method: 'POST', url: '/api/v1/meetings', payload: { ...plan, unitId: f.cell2, date: '2026-03-12' } });
    expect(other.statusCode).toBe(201);
  });

  it('once March is planned, the defaults move to April and name April’s planned meeting', async () => {
    const d = (await bithu({ method: 'GET', url: `/api/v1/meetings/plan-defaults?unitId=${f.cell1}` })).json();
    expect(d.month).toBe('2026-04');
    expect(d.planned).toMatchObject({ heldOn: '2026-04-12' });
  });
});

describe("the secretary's home once planned", () => {
  it('the plan step is done and the notice is the next step', async () => {
    const [cell] = (await home(bithu)).cells;
    expect(cell.meeting).toMatchObject({ heldOn: '2026-03-12', startTime: '19:30', minutes: 'none' });
    expect(steps(cell)).toMatchObject({ plan: 'done', notice: 'todo', rollCall: 'waiting' });
  });
});

describe("the commune committee's home", () => {
  it('has one line per cell of the commune this month: planned, held, adopted, graded', async () => {
    const body = await home(capuy);
    expect(body.cells).toEqual([]);
    const [commune] = body.committees;
    expect(commune.unitName).toBe('Đảng bộ xã Bắc Bình');
    expect(commune.month).toBe('2026-03');
    expect(commune.cells.map((c: { unitName: string; planned: boolean; held: boolean }) => [c.unitName, c.planned, c.held])).toEqual([
      ['Chi bộ cơ quan Đảng ủy xã', false, false],
      ['Chi bộ thôn 1', true, false],
      ['Chi bộ thôn 2', true, false],
    ]);
    expect(commune.assigned).toEqual([]);
  });

  it('marks a cell’s meeting that is over, even on its own day, so "Tôi sẽ dự" is not offered for it', async () => {
    const line = async () => (await home(capuy)).committees[0].cells.find((c: { unitId: number }) => c.unitId === f.cell1);
    expect(await line()).toMatchObject({ heldOn: '2026-03-12', ended: false });
    clock.set(new Date('2026-03-12T23:00:00+07:00'));
    try {
      expect(await line()).toMatchObject({ heldOn: '2026-03-12', ended: true });
    } finally {
      clock.set(new Date('2026-03-01T09:00:00+07:00'));
    }
  });

  it('"Tôi sẽ dự" in one tap: the committee member becomes a confirmed guest, audited, and sees it on the home page', async () => {
    const meetingId = (await home(capuy)).committees[0].cells.find((c: { unitId: number }) => c.unitId === f.cell1).meetingId;
    const res = await capuy({ method: 'POST', url: `/api/v1/meetings/${meetingId}/attend` });
    expect(res.statusCode).toBe(200);
    const guest = res.json().guests.find((g: { memberId: number }) => g.memberId === capuyMember);
    expect(guest).toMatchObject({ fullName: 'Đinh Văn Khoa', assignedByUnitId: f.commune });
    expect(guest.confirmedAt).not.toBeNull();
    const [assigned] = (await home(capuy)).committees[0].assigned;
    expect(assigned).toMatchObject({ meetingId, unitName: 'Chi bộ thôn 1', heldOn: '2026-03-12', guestName: 'Đinh Văn Khoa', mine: true, confirmed: true });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', meetingId)
      .where('action', '=', 'meeting.guest.add')
      .execute();
    expect(audit).toHaveLength(1);
    // A second tap changes nothing.
    expect((await capuy({ method: 'POST', url: `/api/v1/meetings/${meetingId}/attend` })).statusCode).toBe(200);
    expect((await capuy({ method: 'GET', url: `/api/v1/meetings/${meetingId}` })).json().guests).toHaveLength(1);
  });

  it('a guest assigned by the commune confirms with the same tap; a plain member may not assign themselves', async () => {
    const meetingId = (await home(bithu)).cells[0].meeting.id;
    const xa = await t.as('xa');
    // The commune officer is assigned by the commune's admin, then confirms.
    const admin = await t.as('admin');
    const assign = await admin({ method: 'POST', url: `/api/v1/meetings/${meetingId}/guests`, payload: { memberId: f.guest, assignedByUnitId: f.commune } });
    expect(assign.statusCode).toBe(201);
    const confirmed = await xa({ method: 'POST', url: `/api/v1/meetings/${meetingId}/attend` });
    expect(confirmed.json().guests.find((g: { memberId: number }) => g.memberId === f.guest).confirmedAt).not.toBeNull();
    const dv2 = await t.as('dv2');
    const refused = await dv2({ method: 'POST', url: `/api/v1/meetings/${meetingId}/attend` });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().title).toBe('Đồng chí chưa được phân công dự buổi sinh hoạt này và không có quyền tự phân công.');
    const khac = await t.as('khac');
    expect((await khac({ method: 'POST', url: `/api/v1/meetings/${meetingId}/attend` })).statusCode).toBe(404);
  });
});

describe("a cell's year calendar", () => {
  it('shows per month what was planned, held and adopted', async () => {
    const res = await capuy({ method: 'GET', url: `/api/v1/meetings/calendar?unitId=${f.cell1}&year=2026` });
    expect(res.statusCode).toBe(200);
    const cal = res.json();
    expect(cal.months).toHaveLength(12);
    const kinds = (i: number) => cal.months[i].meetings.map((m: { kind: string; state: string }) => `${m.kind}:${m.state}`);
    expect(kinds(0)).toEqual([]);
    expect(kinds(1)).toEqual(['regular:adopted']);
    expect(kinds(2)).toEqual(['regular:planned', 'extraordinary:planned']);
    expect(kinds(3)).toEqual(['regular:planned']);
  });

  it('is not shown to a member, nor for a cell out of scope', async () => {
    const dv2 = await t.as('dv2');
    expect((await dv2({ method: 'GET', url: `/api/v1/meetings/calendar?unitId=${f.cell1}&year=2026` })).statusCode).toBe(404);
    const bithu2 = await t.as('bithu2');
    expect((await bithu2({ method: 'GET', url: `/api/v1/meetings/calendar?unitId=${f.cell1}&year=2026` })).statusCode).toBe(404);
  });
});
