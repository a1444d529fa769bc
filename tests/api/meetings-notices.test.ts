// Notices and reminders: the job handler called directly with a chosen time (in-app
// notices for the roll and guests, emails through nodemailer, nothing sent twice, a
// moved meeting announced again, a cancelled one announced as cancelled), then the same
// job run by pg-boss itself on this database with a short poll.
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../src/modules/meetings/clock.ts';
import { startJobRunner } from '../../src/modules/notifications/job-runner.ts';
import { EmailChannel, type Notifier } from '../../src/modules/notifications/notifier.ts';
import { sendMeetingNotices } from '../../src/modules/notifications/send-meeting-notices.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildCommune, closeQuietly } from './meetings.fixtures.ts';

let t: TestApp;
let f: Awaited<ReturnType<typeof buildCommune>>;
let bithu: Client;
let meetingId: number;
const sent: { to: string; subject: string; text: string }[] = [];
let notifier: Notifier;
const vn = (date: string, time: string) => new Date(`${date}T${time}:00+07:00`);

beforeAll(async () => {
  t = await createTestApp();
  f = await buildCommune(t);
  bithu = await t.as('bithu');
  clock.set(vn('2026-03-01', '09:00'));
  const transport = nodemailer.createTransport({ jsonTransport: true });
  const send = transport.sendMail.bind(transport);
  transport.sendMail = (async (mail: Parameters<typeof send>[0]) => {
    const info = await send(mail);
    sent.push(JSON.parse(String(info.message)));
    return info;
  }) as typeof transport.sendMail;
  notifier = { channels: [new EmailChannel(transport, 'chibo <no-reply@chibo.vn>', 'https://chibo.vn')], publicUrl: 'https://chibo.vn' };
  const res = await bithu({
    method: 'POST',
    url: '/api/v1/meetings',
    payload: {
      unitId: f.cell1,
      kind: 'regular',
      date: '2026-03-05',
      startTime: '08:00',
      endTime: '10:00',
      place: 'Nhà văn hóa thôn 1',
      topic: 'Sinh hoạt tháng 3',
      focalIssues: ['Làm đường', 'Đảng phí'],
    },
  });
  meetingId = res.json().id;
});
afterAll(async () => {
  clock.reset();
  await closeQuietly(t);
});

const noticesOf = (memberId: number) =>
  t.database.db.selectFrom('notices').select(['kind', 'dedupe_key', 'emailed_at']).where('member_id', '=', memberId).orderBy('id').execute();

describe('meeting notices job', () => {
  it('announces a planned meeting to everyone on the roll, emailing those who gave an address', async () => {
    const dv2 = await t.as('dv2');
    expect((await dv2({ method: 'PUT', url: '/api/v1/me/notification-email', payload: { email: 'khong-phai-email' } })).statusCode).toBe(400);
    expect((await dv2({ method: 'PUT', url: '/api/v1/me/notification-email', payload: { email: 'binh@example.vn' } })).json()).toEqual({
      email: 'binh@example.vn',
    });
    const run = await sendMeetingNotices(t.database.db, notifier, vn('2026-03-01', '09:00'));
    // Seven on the roll (the exempted member is told too); nobody else is linked yet.
    expect(run).toEqual({ notices: 7, emails: 1 });
    expect(sent[0]).toMatchObject({ to: [{ address: 'binh@example.vn' }], subject: 'Lịch sinh hoạt ngày 05/03/2026: Sinh hoạt tháng 3' });
    expect(sent[0]!.text).toContain(`https://chibo.vn/meetings/${meetingId}`);
    const list = (await dv2({ method: 'GET', url: '/api/v1/me/notices' })).json();
    expect(list.unread).toBe(1);
    expect(list.items[0]).toMatchObject({
      kind: 'meeting_planned',
      meetingId,
      body: 'Sinh hoạt chi bộ thường kỳ của Chi bộ thôn 1 vào 08:00 ngày 05/03/2026 tại Nhà văn hóa thôn 1. Nội dung: Sinh hoạt tháng 3.',
    });
    const en = (await dv2({ method: 'GET', url: '/api/v1/me/notices', headers: { 'accept-language': 'en' } })).json();
    expect(en.items[0].title).toBe('Meeting on 05/03/2026: Sinh hoạt tháng 3');
    await dv2({ method: 'POST', url: `/api/v1/me/notices/${list.items[0].id}/read` });
    expect((await dv2({ method: 'GET', url: '/api/v1/me/notices' })).json().unread).toBe(0);
  });

  it('sends nothing twice when it runs again', async () => {
    expect(await sendMeetingNotices(t.database.db, notifier, vn('2026-03-01', '09:05'))).toEqual({ notices: 0, emails: 0 });
    expect(sent).toHaveLength(1);
  });

  it('reminds within 24 hours of the start, and announces a moved meeting again', async () => {
    expect((await sendMeetingNotices(t.database.db, notifier, vn('2026-03-04', '09:00'))).notices).toBe(7);
    expect((await noticesOf(f.regular[1]!)).map((n) => n.kind)).toEqual(['meeting_planned', 'meeting_reminder']);
    clock.set(vn('2026-03-04', '10:00'));
    expect(
      (await bithu({ method: 'PATCH', url: `/api/v1/meetings/${meetingId}`, payload: { date: '2026-03-07', startTime: '14:00', endTime: '16:30' } }))
        .statusCode,
    ).toBe(200);
    expect((await sendMeetingNotices(t.database.db, notifier, vn('2026-03-04', '10:05'))).notices).toBe(7);
    expect((await noticesOf(f.regular[1]!)).map((n) => n.kind)).toEqual(['meeting_planned', 'meeting_reminder', 'meeting_planned']);
    expect(sent.at(-1)!.subject).toBe('Lịch sinh hoạt ngày 07/03/2026: Sinh hoạt tháng 3');
  });

  it('tells everyone when a meeting is cancelled', async () => {
    expect((await bithu({ method: 'POST', url: `/api/v1/meetings/${meetingId}/cancel`, payload: { reason: 'Bão lớn' } })).json().status).toBe('cancelled');
    expect((await sendMeetingNotices(t.database.db, notifier, vn('2026-03-04', '11:00'))).notices).toBe(7);
    expect((await noticesOf(f.exempted)).map((n) => n.kind).at(-1)).toBe('meeting_cancelled');
  });
});

describe('the job through pg-boss on this database', () => {
  it('runs the notices job when nudged, with a short poll', async () => {
    clock.set(vn('2026-04-01', '09:00'));
    const res = await bithu({
      method: 'POST',
      url: '/api/v1/meetings',
      payload: {
        unitId: f.cell1,
        kind: 'regular',
        date: '2026-04-05',
        startTime: '08:00',
        endTime: '10:00',
        place: 'Nhà văn hóa thôn 1',
        topic: 'Sinh hoạt tháng 4',
        focalIssues: ['Phòng chống hạn', 'Đảng phí'],
      },
    });
    const april = res.json().id;
    const errors: unknown[] = [];
    const runner = await startJobRunner(t.database, {
      notifier,
      pollingIntervalSeconds: 0.5,
      now: () => vn('2026-04-01', '09:00'),
      onError: (e) => errors.push(e),
    });
    try {
      await runner.nudge();
      const deadline = Date.now() + 15_000;
      let count = 0;
      while (Date.now() < deadline) {
        count = (
          await t.database.db
            .selectFrom('notices')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('meeting_id', '=', april)
            .executeTakeFirstOrThrow()
        ).n;
        if (Number(count) >= 7) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(Number(count)).toBe(7);
      expect(errors).toEqual([]);
    } finally {
      await runner.stop();
    }
  });
});
