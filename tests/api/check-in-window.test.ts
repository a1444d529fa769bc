// The check-in window a secretary controls (issue 8 item 8): by default 30 minutes before
// the start to the planned end; the secretary opens it early, extends it or closes it
// (stored on the meeting, audited); the meeting page, the member's own list and the
// check-in itself all answer by the same rule — a unit's own rule set included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../src/modules/meetings/clock.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { hd12MeetingRulesWith, loadUnitRuleSet } from '../helpers/unit-rule-set.ts';
import { buildCommune, closeQuietly, planMarchMeeting } from './meetings.fixtures.ts';

let t: TestApp;
let f: Awaited<ReturnType<typeof buildCommune>>;
let bithu: Client;
let dv2: Client;
let meetingId: number;
let code: string;
const at = (time: string, date = '2026-03-05') => clock.set(new Date(`${date}T${time}:00+07:00`));
const iso = (time: string, date = '2026-03-05') => new Date(`${date}T${time}:00+07:00`).toISOString();

const checkIn = () => dv2({ method: 'POST', url: '/api/v1/meetings/check-in', payload: { code } });
const change = (payload: object) => bithu({ method: 'POST', url: `/api/v1/meetings/${meetingId}/check-in-window`, payload });
const mine = async () =>
  (await dv2({ method: 'GET', url: '/api/v1/me/meetings?from=2026-03-01' })).json().items.find((m: { id: number }) => m.id === meetingId);
const page = async () => (await dv2({ method: 'GET', url: `/api/v1/meetings/${meetingId}` })).json();

beforeAll(async () => {
  t = await createTestApp();
  f = await buildCommune(t);
  bithu = await t.as('bithu');
  dv2 = await t.as('dv2');
  at('09:00', '2026-03-01');
  meetingId = await planMarchMeeting(bithu, f.cell1);
  code = (await bithu({ method: 'GET', url: `/api/v1/meetings/${meetingId}/check-in-code` })).json().code;
});
afterAll(async () => {
  clock.reset();
  await closeQuietly(t);
});

describe('the check-in window', () => {
  it('is not open at 07:00: the page and the member list say so and when it opens, and a scan is refused with that time', async () => {
    at('07:00');
    const expected = { state: 'not_open', opensAt: iso('07:30'), closesAt: iso('10:00'), adjusted: false };
    expect((await page()).checkIn).toEqual(expected);
    expect((await mine()).checkIn).toEqual(expected);
    const res = await checkIn();
    expect(res.statusCode).toBe(409);
    expect(res.json().title).toBe('Chưa đến giờ điểm danh: điểm danh mở từ 07:30 ngày 05/03/2026.');
  });

  it('opens early when the secretary says so, audited, and the member sees it open and checks in', async () => {
    at('07:10');
    const opened = await change({ action: 'open' });
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toEqual({ state: 'open', opensAt: iso('07:10'), closesAt: iso('10:00'), adjusted: true });
    expect(await mine()).toMatchObject({ checkIn: { state: 'open' }, checkInOpen: true });
    expect((await bithu({ method: 'GET', url: `/api/v1/meetings/${meetingId}/check-in-code` })).json().window.state).toBe('open');
    const res = await checkIn();
    expect(res.statusCode).toBe(201);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('action', '=', 'meeting.check_in_window.open')
      .where('entity_id', '=', String(meetingId))
      .executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ opensAt: iso('07:30') });
    expect(audit.after).toMatchObject({ opensAt: iso('07:10') });
  });

  it('answers a second scan calmly with the time of the first, even after the window closed', async () => {
    at('07:51');
    const again = await checkIn();
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ alreadyCheckedIn: true, checkedInAt: iso('07:10') });
    const rows = await t.database.db.selectFrom('meeting_check_ins').select('member_id').where('meeting_id', '=', meetingId).execute();
    expect(rows).toHaveLength(1);
  });

  it('closes when the secretary closes it: a late member is refused, the page says closed', async () => {
    at('08:20');
    expect((await change({ action: 'close' })).json()).toMatchObject({ state: 'closed', closesAt: iso('08:20') });
    const late = await (await t.as('dv3'))({ method: 'POST', url: '/api/v1/meetings/check-in', payload: { code } });
    expect(late.statusCode).toBe(409);
    expect(late.json().title).toContain('Đã hết giờ điểm danh (đóng lúc 08:20 ngày 05/03/2026)');
    expect((await page()).checkIn.state).toBe('closed');
    // The member who had checked in is still told calmly.
    expect((await checkIn()).statusCode).toBe(200);
  });

  it('extends: a closed window reopens for the minutes given; then goes back to the rule on reset', async () => {
    at('08:25');
    expect((await change({ action: 'extend', minutes: 15 })).json()).toMatchObject({ state: 'open', closesAt: iso('08:40') });
    expect((await (await t.as('dv3'))({ method: 'POST', url: '/api/v1/meetings/check-in', payload: { code } })).statusCode).toBe(201);
    expect((await change({ action: 'reset' })).json()).toEqual({ state: 'open', opensAt: iso('07:30'), closesAt: iso('10:00'), adjusted: false });
  });

  it('is the secretary’s only: a member gets 403, another cell’s secretary 404, a bad body 400', async () => {
    expect((await dv2({ method: 'POST', url: `/api/v1/meetings/${meetingId}/check-in-window`, payload: { action: 'open' } })).statusCode).toBe(403);
    const other = await t.as('bithu2');
    expect((await other({ method: 'POST', url: `/api/v1/meetings/${meetingId}/check-in-window`, payload: { action: 'open' } })).statusCode).toBe(404);
    expect((await change({ action: 'extend', minutes: 0 })).statusCode).toBe(400);
    expect((await change({ action: 'later' })).statusCode).toBe(400);
  });

  it('goes back to the rule when the meeting is moved to another hour', async () => {
    at('09:00', '2026-03-01');
    const res = await bithu({
      method: 'POST',
      url: '/api/v1/meetings',
      payload: { unitId: f.cell1, kind: 'thematic', date: '2026-03-12', startTime: '14:00', endTime: '16:00', place: 'Nhà văn hóa', topic: 'Chuyên đề' },
    });
    const id = res.json().id;
    await bithu({ method: 'POST', url: `/api/v1/meetings/${id}/check-in-window`, payload: { action: 'open' } });
    const moved = await bithu({ method: 'PATCH', url: `/api/v1/meetings/${id}`, payload: { startTime: '15:00', endTime: '17:00' } });
    expect(moved.json().checkIn).toMatchObject({ opensAt: iso('14:30', '2026-03-12'), adjusted: false });
  });

  it("shows members the unit's own window (a commune's rule set opening 60 minutes before), as the check-in applies it", async () => {
    await loadUnitRuleSet(t.database.db, {
      kind: 'meeting-rules',
      code: 'bac-binh-2026',
      unitId: f.commune,
      title: 'Quy định của Đảng ủy xã Bắc Bình',
      source: 'Quy định 01-QĐ/ĐU',
      effectiveFrom: '2026-01-01',
      body: hd12MeetingRulesWith({ checkIn: { opensMinutesBefore: 60 } }),
    });
    at('07:05');
    expect((await mine()).checkIn).toMatchObject({ state: 'open', opensAt: iso('07:00') });
    expect((await page()).checkIn).toMatchObject({ state: 'open', opensAt: iso('07:00') });
    expect((await (await t.as('dv4'))({ method: 'POST', url: '/api/v1/meetings/check-in', payload: { code } })).statusCode).toBe(201);
  });

  it('shows the member their own mark once the roll call is taken, and none before', async () => {
    at('09:00');
    const unmarkedMember = f.regular[2]!;
    const dv3 = await t.as('dv3');
    const own = async () =>
      (await dv3({ method: 'GET', url: '/api/v1/me/meetings?from=2026-03-01&to=2026-03-31' })).json().items.find((m: { id: number }) => m.id === meetingId);
    expect((await own()).attendance).toBeNull();
    const roll = await bithu({
      method: 'PUT',
      url: `/api/v1/meetings/${meetingId}/attendance`,
      payload: { entries: [{ memberId: unmarkedMember, status: 'absent_excused', reason: 'Đi viện' }] },
    });
    expect(roll.statusCode, roll.body).toBe(200);
    expect((await own()).attendance).toBe('absent_excused');
    // A check-in is not a mark: the secretary's roll call is.
    expect(await mine()).toMatchObject({ checkedIn: true, attendance: null });
  });
});
