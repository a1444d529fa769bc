// What was adopted stays as adopted (issue 8 item 2): after the minutes are adopted the
// roll call and check-in are refused with a Vietnamese 409 pointing to an amendment; a
// member placed in the cell later does not join the adopted meeting's roll; an amendment
// that corrects attendance changes the register, the minutes, the .docx and the figures
// together.
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../src/modules/meetings/clock.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildCommune, closeQuietly } from './meetings.fixtures.ts';

let t: TestApp;
let f: Awaited<ReturnType<typeof buildCommune>>;
let bithu: Client;
let meetingId: number;
let code: string;
const at = (time: string, date = '2026-03-05') => clock.set(new Date(`${date}T${time}:00+07:00`));

const content = {
  openedAt: '08:00',
  closedAt: '09:45',
  chairName: 'Nguyễn Văn An',
  chairPosition: 'Bí thư chi bộ',
  minuteTakerName: 'Trần Thị Bình',
  purpose: 'Đánh giá tháng 2, đề ra nhiệm vụ tháng 3',
  agendaItems: [{ title: 'Đánh giá nghị quyết tháng 2', summary: 'Hoàn thành 4/5 chỉ tiêu' }],
  previousResolutionReview: 'Đã hoàn thành thu quỹ',
  conclusions: 'Chi bộ thống nhất hai nhiệm vụ trọng tâm',
  resolutionItems: ['Hoàn thành 300 m đường bê tông'],
  votes: { for: 4, against: 0, abstain: 0 },
};

/** What a reader sees: the register, the minutes and the .docx text. */
async function threeViews() {
  const register = (await bithu({ method: 'GET', url: `/api/v1/meetings/${meetingId}/attendance` })).json();
  const minutes = (await bithu({ method: 'GET', url: `/api/v1/meetings/${meetingId}/minutes` })).json();
  const docx = await bithu({ method: 'GET', url: `/api/v1/meetings/${meetingId}/minutes.docx` });
  const zip = await JSZip.loadAsync(docx.rawPayload);
  const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
  return { register, minutes, text };
}

async function facts() {
  return t.database.db.selectFrom('meeting_facts').selectAll().where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
}

beforeAll(async () => {
  t = await createTestApp();
  f = await buildCommune(t);
  bithu = await t.as('bithu');
  at('09:00', '2026-03-01');
  const planned = await bithu({
    method: 'POST',
    url: '/api/v1/meetings',
    payload: {
      kind: 'regular',
      unitId: f.cell1,
      date: '2026-03-05',
      startTime: '08:00',
      endTime: '10:00',
      place: 'Nhà văn hóa thôn 1',
      topic: 'Sinh hoạt chi bộ tháng 3',
      focalIssues: ['Làm đường giao thông', 'Thu nộp đảng phí quý I'],
    },
  });
  meetingId = planned.json().id;
  code = (await bithu({ method: 'GET', url: `/api/v1/meetings/${meetingId}/check-in-code` })).json().code;
  at('08:30');
  const marked = await bithu({
    method: 'PUT',
    url: `/api/v1/meetings/${meetingId}/attendance`,
    payload: {
      entries: [
        { memberId: f.regular[0], status: 'present' },
        { memberId: f.regular[1], status: 'present' },
        { memberId: f.regular[2], status: 'present' },
        { memberId: f.probationary, status: 'present' },
        { memberId: f.regular[3], status: 'absent_excused', reason: 'Đi viện' },
        { memberId: f.regular[4], status: 'absent_unexcused' },
      ],
    },
  });
  expect(marked.statusCode).toBe(200);
  expect((await bithu({ method: 'PUT', url: `/api/v1/meetings/${meetingId}/minutes`, payload: { content } })).statusCode).toBe(200);
  const previous = await bithu({ method: 'PUT', url: `/api/v1/meetings/${meetingId}/previous-resolution`, payload: { done: true } });
  expect(previous.statusCode).toBe(200);
  const graded = await bithu({ method: 'PUT', url: `/api/v1/meetings/${meetingId}/quality`, payload: { ticks: {} } });
  expect(graded.statusCode).toBe(200);
  // After the meeting ends, before adoption, a correction is still a roll call (audited as late).
  at('10:30');
  const late = await bithu({
    method: 'PUT',
    url: `/api/v1/meetings/${meetingId}/attendance`,
    payload: { entries: [{ memberId: f.regular[3], status: 'absent_excused', reason: 'Đi viện tỉnh' }], note: 'Ghi rõ lý do' },
  });
  expect(late.json().late).toBe(true);
  at('10:40');
  expect((await bithu({ method: 'POST', url: `/api/v1/meetings/${meetingId}/minutes/adopt` })).statusCode).toBe(200);
});
afterAll(async () => {
  clock.reset();
  await closeQuietly(t);
});

describe('an adopted meeting keeps its figures', () => {
  it('refuses a roll-call change after adoption with a Vietnamese 409 that says to amend', async () => {
    const res = await bithu({
      method: 'PUT',
      url: `/api/v1/meetings/${meetingId}/attendance`,
      payload: { entries: [{ memberId: f.regular[4], status: 'present' }] },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().title).toContain('hãy lập sửa đổi, bổ sung biên bản');
    const { register, minutes, text } = await threeViews();
    expect(register.summary).toMatchObject({ total: 7, expected: 6, present: 4, absentExcused: 1, absentUnexcused: 1 });
    expect(minutes.attendance.summary).toEqual(register.summary);
    expect(text).toContain('Có mặt: 4/6 đồng chí phải dự họp');
  });

  it('kept the late correction made before adoption in the audit trail', async () => {
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'meeting')
      .where('entity_id', '=', String(meetingId))
      .where('action', '=', 'meeting.attendance.late_correction')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses a check-in after adoption, even inside the window', async () => {
    at('09:30');
    const dv5 = await t.as('dv5');
    const res = await dv5({ method: 'POST', url: '/api/v1/meetings/check-in', payload: { code } });
    expect(res.statusCode).toBe(409);
    expect(res.json().title).toContain('đã được thông qua nên không điểm danh được nữa');
    expect((await facts()).present).toBe(4);
    at('11:00');
  });

  it('does not put a member placed in the cell after adoption on its roll, nor in its figures', async () => {
    // Placed from 2020 (as an import from the admission date used to do), added after adoption.
    const late = await t.member({ unitId: f.cell1, fullName: 'Đinh Văn Muộn', joinedUnitOn: '2020-01-01' });
    const { register, minutes, text } = await threeViews();
    const names = register.members.map((e: { fullName: string }) => e.fullName);
    expect(names).not.toContain('Đinh Văn Muộn');
    expect(register.summary.total).toBe(7);
    expect(minutes.attendance.members.map((e: { memberId: number }) => e.memberId)).not.toContain(late);
    expect(text).toContain('Tổng số đảng viên của chi bộ: 7 đồng chí');
    expect(await facts()).toMatchObject({ expected: 6, present: 4, absent_excused: 1, absent_unexcused: 1, exempted: 1 });
    const report = await (await t.as('xa'))({
      method: 'GET',
      url: `/api/v1/meetings/compliance?unitId=${f.commune}&from=2026-03-01&to=2026-03-31&asOf=2026-04-21`,
    });
    expect(report.statusCode).toBe(200);
    expect(report.json().cells.find((c: { unitId: number }) => c.unitId === f.cell1)).toMatchObject({ expected: 6, present: 4 });
  });

  it('corrects attendance by an amendment: the register, the minutes, the .docx and the figures agree', async () => {
    at('11:00');
    const res = await bithu({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/minutes/amendments`,
      payload: {
        reason: 'Đồng chí Em đã báo ốm trước buổi họp',
        changes: {},
        attendance: [{ memberId: f.regular[4], status: 'absent_excused', reason: 'Ốm' }],
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().amendments.at(-1)).toMatchObject({
      reason: 'Đồng chí Em đã báo ốm trước buổi họp',
      before: { attendance: [{ fullName: 'Hoàng Văn Em', attendance: 'absent_unexcused' }] },
      after: { attendance: [{ fullName: 'Hoàng Văn Em', attendance: 'absent_excused', reason: 'Ốm' }] },
    });
    const { register, minutes, text } = await threeViews();
    expect(register.summary).toMatchObject({ present: 4, absentExcused: 2, absentUnexcused: 0 });
    expect(minutes.attendance.summary).toEqual(register.summary);
    expect(text).toContain('Vắng có lý do: 2 đồng chí');
    expect(text).toContain('Hoàng Văn Em (Ốm)');
    expect(text).not.toContain('Vắng không có lý do: 1');
    expect(await facts()).toMatchObject({ present: 4, absent_excused: 2, absent_unexcused: 0, unexcused_member_ids: [] });
  });

  it('refuses an amendment for someone who was not on the adopted roll, and votes beyond those present', async () => {
    const notOnRoll = await bithu({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/minutes/amendments`,
      payload: { reason: 'Thêm', changes: {}, attendance: [{ memberId: f.other, status: 'present' }] },
    });
    expect(notOnRoll.statusCode).toBe(400);
    expect(notOnRoll.json().errors[0]).toMatchObject({ path: 'body.attendance.0.memberId' });
    const fewer = await bithu({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/minutes/amendments`,
      payload: { reason: 'Ghi nhầm', changes: {}, attendance: [{ memberId: f.regular[2], status: 'absent_unexcused' }] },
    });
    expect(fewer.statusCode).toBe(400);
    expect(fewer.json().title).toBe('Số phiếu biểu quyết (4) lớn hơn số đảng viên có mặt (3).');
  });
});
