// Notices with a status (issue 8 item 13): the meeting page says when the notice went out
// and to how many, who has seen it (opening the meeting or the notice marks it seen), and
// the secretary sends it again — to everyone, or only to those who have not seen it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../src/modules/meetings/clock.ts';
import { sendMeetingNotices } from '../../src/modules/notifications/send-meeting-notices.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildCommune, closeQuietly, planMarchMeeting } from './meetings.fixtures.ts';

let t: TestApp;
let f: Awaited<ReturnType<typeof buildCommune>>;
let bithu: Client;
let meetingId: number;
const sentAt = new Date('2026-03-01T09:05:00+07:00');
const status = async () => (await bithu({ method: 'GET', url: `/api/v1/meetings/${meetingId}/notice-status` })).json();

beforeAll(async () => {
  t = await createTestApp();
  f = await buildCommune(t);
  bithu = await t.as('bithu');
  clock.set(new Date('2026-03-01T09:00:00+07:00'));
  meetingId = await planMarchMeeting(bithu, f.cell1);
  await sendMeetingNotices(t.database.db, { channels: [], publicUrl: 'https://chibo.vn' }, sentAt);
  clock.set(new Date('2026-03-02T19:00:00+07:00'));
});
afterAll(async () => {
  clock.reset();
  await closeQuietly(t);
});

describe('the notice status of a meeting', () => {
  it('says when the notice went out and to how many, with nobody having seen it yet', async () => {
    const s = await status();
    expect(s.batches).toEqual([{ kind: 'meeting_planned', sentAt: sentAt.toISOString(), recipients: 7 }]);
    expect(s).toMatchObject({ notified: 7, seen: 0 });
    expect(s.members.map((m: { fullName: string }) => m.fullName)).toContain('Trần Thị Bình');
  });

  it('counts a member as having seen it when they open the meeting or the notice', async () => {
    const dv2 = await t.as('dv2');
    expect((await dv2({ method: 'GET', url: `/api/v1/meetings/${meetingId}` })).statusCode).toBe(200);
    const dv3 = await t.as('dv3');
    const notice = (await dv3({ method: 'GET', url: '/api/v1/me/notices' })).json().items[0];
    await dv3({ method: 'POST', url: `/api/v1/me/notices/${notice.id}/read` });
    const s = await status();
    expect(s.seen).toBe(2);
    const binh = s.members.find((m: { fullName: string }) => m.fullName === 'Trần Thị Bình');
    expect(binh.seenAt).toBe(new Date('2026-03-02T19:00:00+07:00').toISOString());
    expect(s.members.find((m: { fullName: string }) => m.fullName === 'Hoàng Văn Em').seenAt).toBeNull();
  });

  it('sends again only to those who have not seen it, audited; they get a reminder notice', async () => {
    const res = await bithu({ method: 'POST', url: `/api/v1/meetings/${meetingId}/notices/resend`, payload: { to: 'unseen' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().batches.at(-1)).toEqual({ kind: 'meeting_resend', sentAt: new Date('2026-03-02T19:00:00+07:00').toISOString(), recipients: 5 });
    const dv5 = await t.as('dv5');
    expect((await dv5({ method: 'GET', url: '/api/v1/me/notices' })).json().items[0].title).toBe('Nhắc lại lịch sinh hoạt ngày 05/03/2026: Sinh hoạt tháng 3');
    const dv2 = await t.as('dv2');
    expect((await dv2({ method: 'GET', url: '/api/v1/me/notices' })).json().items).toHaveLength(1);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'meeting.notice.resend')
      .where('entity_id', '=', String(meetingId))
      .executeTakeFirstOrThrow();
    expect(audit.after).toEqual({ to: 'unseen', recipients: 5 });
  });

  it('sends again to everyone on request', async () => {
    clock.set(new Date('2026-03-03T07:00:00+07:00'));
    const res = await bithu({ method: 'POST', url: `/api/v1/meetings/${meetingId}/notices/resend`, payload: { to: 'all' } });
    expect(res.json().batches.at(-1).recipients).toBe(7);
  });

  it('is the secretary’s: a member gets 403, another cell’s secretary 404', async () => {
    const dv2 = await t.as('dv2');
    expect((await dv2({ method: 'GET', url: `/api/v1/meetings/${meetingId}/notice-status` })).statusCode).toBe(403);
    expect((await dv2({ method: 'POST', url: `/api/v1/meetings/${meetingId}/notices/resend`, payload: { to: 'all' } })).statusCode).toBe(403);
    const other = await t.as('bithu2');
    expect((await other({ method: 'GET', url: `/api/v1/meetings/${meetingId}/notice-status` })).statusCode).toBe(404);
  });
});
