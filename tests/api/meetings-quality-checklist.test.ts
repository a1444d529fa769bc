// A meeting "of quality" as HD 12 writes it (issue 8, items 10 and 12): the checklist of
// conditions on the quality tab, each met or not and why; a meeting missing one cannot be
// graded Tốt, whatever its points; the duration comes from the times in the minutes only;
// the previous resolution is recorded per meeting. The roll call records armed-forces
// members on duty apart, out of the ratio, and the minutes split full and probationary.
import fs from 'node:fs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../src/modules/meetings/clock.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildCommune, closeQuietly } from './meetings.fixtures.ts';

let t: TestApp;
let f: Awaited<ReturnType<typeof buildCommune>>;
let bithu: Client;
let meetingId: number;
const at = (time: string, date = '2026-04-07') => clock.set(new Date(`${date}T${time}:00+07:00`));

interface Line {
  key: string;
  state: 'met' | 'not_met' | 'unknown';
  label: string;
  why: string;
}
const line = (q: { checklist: Line[] }, key: string) => q.checklist.find((c) => c.key === key)!;

const content = {
  openedAt: '08:00',
  closedAt: '09:29',
  chairName: 'Nguyễn Văn An',
  chairPosition: 'Bí thư chi bộ',
  minuteTakerName: 'Trần Thị Bình',
  purpose: 'Đánh giá tháng 3, đề ra nhiệm vụ tháng 4',
  agendaItems: [{ title: 'Đánh giá nghị quyết tháng 3', summary: 'Hoàn thành các chỉ tiêu', speakers: ['Lê Văn Cường'] }],
  previousResolutionReview: 'Đã hoàn thành làm đường',
  conclusions: 'Chi bộ thống nhất các nhiệm vụ tháng 4',
  resolutionItems: ['Thu đủ đảng phí quý II'],
  votes: { for: 5, against: 0, abstain: 0 },
};
const allTicks = { focused_content: true, democratic_discussion: true, proper_sequence: true };

/** A past cell meeting written straight to the tables, with Phạm Thị Dung absent with reason. */
async function pastMeetingWithDungExcused(date: string) {
  const row = await t.database.db
    .insertInto('meetings')
    .values({
      unit_id: f.cell1,
      kind: 'regular',
      held_on: date,
      starts_at: new Date(`${date}T08:00:00+07:00`),
      ends_at: new Date(`${date}T10:00:00+07:00`),
      place: 'Nhà văn hóa',
      topic: `Sinh hoạt ${date}`,
      status: 'planned',
      check_in_code: '123456',
      check_in_secret: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.database.db
    .insertInto('meeting_attendance')
    .values({ meeting_id: row.id, member_id: f.regular[3]!, status: 'absent_excused', reason: 'Đi làm ăn xa' })
    .execute();
  return row.id;
}

beforeAll(async () => {
  t = await createTestApp();
  f = await buildCommune(t);
  bithu = await t.as('bithu');
  at('09:00', '2026-04-01');
  const planned = await bithu({
    method: 'POST',
    url: '/api/v1/meetings',
    payload: {
      unitId: f.cell1,
      kind: 'regular',
      date: '2026-04-07',
      startTime: '08:00',
      endTime: '10:00',
      place: 'Nhà văn hóa thôn 1',
      topic: 'Sinh hoạt chi bộ tháng 4',
      focalIssues: ['Làm đường giao thông', 'Thu nộp đảng phí quý II'],
    },
  });
  expect(planned.statusCode, planned.body).toBe(201);
  meetingId = planned.json().id;
});
afterAll(async () => {
  clock.reset();
  await closeQuietly(t);
});

describe('the roll call records armed-forces members on duty apart (item 12)', () => {
  it('leaves a member on duty out of the ratio and splits full and probationary members', async () => {
    at('08:30');
    const res = await bithu({
      method: 'PUT',
      url: `/api/v1/meetings/${meetingId}/attendance`,
      payload: {
        entries: [
          ...[0, 1, 2, 3].map((i) => ({ memberId: f.regular[i], status: 'present' })),
          { memberId: f.probationary, status: 'present' },
          { memberId: f.regular[4], status: 'on_duty' },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().summary).toMatchObject({ total: 7, full: 6, probationary: 1, exempted: 1, onDuty: 1, expected: 5, present: 5, rate: 1 });
    expect(res.json().members.find((e: { memberId: number }) => e.memberId === f.regular[4]).attendance).toBe('on_duty');
    // The figures and the compliance report read the per-meeting facts: the same ratio.
    const facts = await t.database.db.selectFrom('meeting_facts').select(['expected', 'present']).where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
    expect(facts).toEqual({ expected: 5, present: 5 });
  });
});

describe('the HD 12 checklist and the grade (item 10)', () => {
  it('lists every condition with why, before anything is prepared', async () => {
    at('09:40');
    const q = (await bithu({ method: 'GET', url: `/api/v1/meetings/${meetingId}/quality` })).json();
    expect(q.checklist.map((c: Line) => c.key)).toEqual([
      'attendance',
      'no_unexcused_absence',
      'no_excused_streak',
      'committee_met',
      'content_prepared',
      'duration',
      'minutes_complete',
      'previous_resolution_done',
    ]);
    expect(line(q, 'attendance')).toMatchObject({ state: 'met' });
    expect(line(q, 'attendance').why).toContain('Có mặt 5/5 đồng chí phải dự (100%)');
    expect(line(q, 'attendance').why).toContain('1 đồng chí đi làm nhiệm vụ');
    expect(line(q, 'committee_met')).toMatchObject({ state: 'not_met', why: 'Chưa ghi cuộc họp chi ủy chuẩn bị cho buổi sinh hoạt này.' });
    expect(line(q, 'previous_resolution_done')).toMatchObject({ state: 'unknown', why: 'Chưa ghi kết quả thực hiện nghị quyết kỳ trước.' });
    expect(line(q, 'minutes_complete')).toMatchObject({ state: 'not_met', why: 'Chưa có biên bản.' });
  });

  it('does not take the planned times for the 90 minutes', async () => {
    const { openedAt: _o, closedAt: _c, ...untimed } = content;
    const saved = await bithu({ method: 'PUT', url: `/api/v1/meetings/${meetingId}/minutes`, payload: { content: untimed } });
    expect(saved.statusCode, saved.body).toBe(200);
    const q = (await bithu({ method: 'GET', url: `/api/v1/meetings/${meetingId}/quality` })).json();
    expect(q.facts.durationMinutes).toBeNull();
    expect(line(q, 'duration')).toMatchObject({ state: 'not_met' });
    expect(line(q, 'duration').why).toContain('Biên bản chưa ghi giờ bắt đầu và giờ kết thúc');
  });

  it('records the committee pre-meeting and the previous resolution, audited', async () => {
    const committee = await bithu({
      method: 'POST',
      url: '/api/v1/meetings',
      payload: {
        unitId: f.cell1,
        kind: 'committee',
        date: '2026-04-03',
        startTime: '19:00',
        endTime: '20:30',
        place: 'Nhà bí thư',
        topic: 'Chuẩn bị sinh hoạt tháng 4',
        preparesMeetingId: meetingId,
      },
    });
    expect(committee.statusCode, committee.body).toBe(201);
    const prep = await bithu({
      method: 'PUT',
      url: `/api/v1/meetings/${committee.json().id}/preparation`,
      payload: { memberReviews: [], agreedContent: 'Làm đường, thu đảng phí', draftResolution: 'Dự thảo nghị quyết tháng 4' },
    });
    expect(prep.statusCode, prep.body).toBe(200);
    // The committee's own meeting has no HD 12 checklist, and nothing caps its grade.
    const own = (await bithu({ method: 'GET', url: `/api/v1/meetings/${committee.json().id}/quality` })).json();
    expect([own.checklist, own.cappedBy]).toEqual([[], []]);
    const done = await bithu({ method: 'PUT', url: `/api/v1/meetings/${meetingId}/previous-resolution`, payload: { done: true } });
    expect(done.statusCode, done.body).toBe(200);
    expect(line(done.json(), 'previous_resolution_done')).toMatchObject({ state: 'met' });
    expect(line(done.json(), 'committee_met')).toMatchObject({ state: 'met', why: 'Chi ủy đã họp ngày 03/04/2026.' });
    expect(line(done.json(), 'content_prepared')).toMatchObject({ state: 'met' });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('entity_type', '=', 'meeting')
      .where('entity_id', '=', String(meetingId))
      .where('action', '=', 'meeting.previous_resolution')
      .execute();
    expect(audit.map((a) => a.after)).toEqual([{ done: true }]);
    const other = await t.as('bithu2');
    expect((await other({ method: 'PUT', url: `/api/v1/meetings/${meetingId}/previous-resolution`, payload: { done: false } })).statusCode).toBe(404);
    const member = await t.as('dv2');
    expect((await member({ method: 'PUT', url: `/api/v1/meetings/${meetingId}/previous-resolution`, payload: { done: false } })).statusCode).toBe(403);
  });

  it('keeps 89 minutes out of Tốt, and says why', async () => {
    expect((await bithu({ method: 'PUT', url: `/api/v1/meetings/${meetingId}/minutes`, payload: { content } })).statusCode).toBe(200);
    const res = await bithu({ method: 'PUT', url: `/api/v1/meetings/${meetingId}/quality`, payload: { ticks: allTicks } });
    expect(res.statusCode, res.body).toBe(200);
    const q = res.json();
    expect(line(q, 'duration')).toMatchObject({ state: 'not_met', why: 'Từ 08:00 đến 09:29: 89 phút, chưa đủ 90 phút.' });
    expect(q.checklist.filter((c: Line) => c.state !== 'met').map((c: Line) => c.key)).toEqual(['duration']);
    expect(q.points).toBe(90);
    expect(q.grade).toBe('kha');
    expect(q.cappedBy).toEqual(['Thời gian sinh hoạt từ 90 phút trở lên']);
  });

  it('grades Tốt once every condition is met', async () => {
    expect(
      (await bithu({ method: 'PUT', url: `/api/v1/meetings/${meetingId}/minutes`, payload: { content: { ...content, closedAt: '09:30' } } })).statusCode,
    ).toBe(200);
    const q = (await bithu({ method: 'PUT', url: `/api/v1/meetings/${meetingId}/quality`, payload: { ticks: allTicks } })).json();
    expect(q.checklist.every((c: Line) => c.state === 'met')).toBe(true);
    expect([q.points, q.grade, q.cappedBy]).toEqual([100, 'tot', []]);
  });

  it('keeps a previous resolution not carried out out of Tốt', async () => {
    const res = await bithu({ method: 'PUT', url: `/api/v1/meetings/${meetingId}/previous-resolution`, payload: { done: false } });
    expect(res.statusCode).toBe(200);
    expect(line(res.json(), 'previous_resolution_done')).toMatchObject({ state: 'not_met', why: 'Nghị quyết kỳ trước chưa được thực hiện tốt.' });
    const q = (await bithu({ method: 'PUT', url: `/api/v1/meetings/${meetingId}/quality`, payload: { ticks: allTicks } })).json();
    expect([q.points, q.grade]).toEqual([90, 'kha']);
    expect(q.cappedBy).toEqual(['Nghị quyết kỳ trước được thực hiện']);
    // Back to carried out for the adoption below.
    await bithu({ method: 'PUT', url: `/api/v1/meetings/${meetingId}/previous-resolution`, payload: { done: true } });
    expect((await bithu({ method: 'PUT', url: `/api/v1/meetings/${meetingId}/quality`, payload: { ticks: allTicks } })).json().grade).toBe('tot');
  });

  it('names a member absent with reason more than 3 meetings in a row this year', async () => {
    for (const d of ['2026-01-08', '2026-02-05', '2026-03-05']) await pastMeetingWithDungExcused(d);
    const id = await pastMeetingWithDungExcused('2026-04-02');
    const q = (await bithu({ method: 'GET', url: `/api/v1/meetings/${id}/quality` })).json();
    expect(q.facts.longestExcusedStreak).toBe(4);
    expect(line(q, 'no_excused_streak')).toMatchObject({
      state: 'not_met',
      why: 'Vắng có lý do quá 3 lần liên tiếp trong năm: Phạm Thị Dung (4).',
    });
  });
});

describe('the minutes show the split and the members on duty (item 12)', () => {
  it('in the .docx and the print view, and the adopted minutes keep it', async () => {
    const adopted = await bithu({ method: 'POST', url: `/api/v1/meetings/${meetingId}/minutes/adopt` });
    expect(adopted.statusCode, adopted.body).toBe(200);
    expect(adopted.json().attendance.summary).toMatchObject({ full: 6, probationary: 1, onDuty: 1, expected: 5 });
    const lines = [
      'Tổng số đảng viên của chi bộ: 7 đồng chí (chính thức: 6 đồng chí, dự bị: 1 đồng chí), trong đó miễn sinh hoạt: 1 đồng chí.',
      'Có mặt: 5/5 đồng chí phải dự họp (100%).',
      'Đảng viên trong lực lượng vũ trang đi làm nhiệm vụ (không tính vào tỷ lệ): 1 đồng chí: Hoàng Văn Em.',
    ];
    const docx = await bithu({ method: 'GET', url: `/api/v1/meetings/${meetingId}/minutes.docx` });
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    const print = (await bithu({ method: 'GET', url: `/api/v1/meetings/${meetingId}/minutes/print` })).body;
    for (const l of lines) {
      expect(text).toContain(l);
      expect(print).toContain(l);
    }
  });

  it('refuses to change the previous resolution once the minutes are adopted', async () => {
    const res = await bithu({ method: 'PUT', url: `/api/v1/meetings/${meetingId}/previous-resolution`, payload: { done: false } });
    expect(res.statusCode).toBe(409);
  });
});

describe('grades saved when the previous resolution was a tick', () => {
  it('keep their answer as the meeting record after the migration', async () => {
    const id = await pastMeetingWithDungExcused('2026-02-19');
    await t.database.db
      .insertInto('meeting_quality')
      .values({
        meeting_id: id,
        rule_set_code: 'hd12',
        rule_set_version: '2018-07-06',
        ticks: JSON.stringify({ previous_resolution_done: true, focused_content: true }),
        result: '{}',
        points: 80,
        max_points: 100,
        grade: 'kha',
      })
      .execute();
    expect((await bithu({ method: 'GET', url: `/api/v1/meetings/${id}/quality` })).json().facts.previousResolutionDone).toBeNull();
    await t.database.execScript(
      fs
        .readFileSync(new URL('../../src/db/migrations/20261130T0911_meetings_previous_resolution.sql', import.meta.url), 'utf8')
        .replace(/^alter table.*$/m, ''),
    );
    expect((await bithu({ method: 'GET', url: `/api/v1/meetings/${id}/quality` })).json().facts.previousResolutionDone).toBe(true);
  });
});
