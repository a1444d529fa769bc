// Tasks (phân công nhiệm vụ, issue 9 item 1) through the API on a real database: the
// secretary assigns a task to members of the cell, a member sees it on their home page and
// reports progress with a file from a phone, an overdue task shows on the secretary's home
// and is reminded once, the secretary assesses it (hoàn thành chậm), the minutes' tasks
// become tasks of the cell and carry the open ones, and the counts reach grading and the
// figures engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../src/modules/meetings/clock.ts';
import { sendTaskReminders } from '../../src/modules/tasks/send-task-reminders.ts';
import { taskFactsByMember } from '../../src/modules/tasks/task-facts.ts';
import { multipartFile } from '../helpers/multipart.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildCommune, closeQuietly, planMarchMeeting } from './meetings.fixtures.ts';

let t: TestApp;
let f: Awaited<ReturnType<typeof buildCommune>>;
let bithu: Client;
let dv2: Client;
let dv3: Client;
let dv5: Client;
let khac: Client;
let taskId: number;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildCommune(t);
  clock.set(new Date('2026-03-02T09:00:00+07:00'));
  [bithu, dv2, dv3, dv5, khac] = await Promise.all([t.as('bithu'), t.as('dv2'), t.as('dv3'), t.as('dv5'), t.as('khac')]);
});
afterAll(async () => {
  clock.reset();
  await closeQuietly(t);
});

const json = async (client: Client, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object, status = 200) => {
  const res = await client({ method, url, ...(payload ? { payload } : {}) });
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};

describe('assigning a task', () => {
  it('offers the programmes a task may serve, in Vietnamese', async () => {
    const { items } = await json(bithu, 'GET', '/api/v1/tasks/programmes');
    expect(items.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['Xây dựng nông thôn mới', 'An ninh trật tự', 'Bảo hiểm y tế']));
  });

  it('lets the secretary assign a task with a measurable target to two members of the cell, audited', async () => {
    const task = await json(
      bithu,
      'POST',
      '/api/v1/tasks',
      {
        unitId: f.cell1,
        title: 'Vận động hộ dân tham gia bảo hiểm y tế',
        programme: 'health_insurance',
        dueOn: '2026-03-20',
        expectedResult: 'Tỷ lệ tham gia bảo hiểm y tế của thôn đạt 95%',
        targetValue: 50,
        targetUnit: 'hộ',
        assigneeIds: [f.regular[2], f.regular[1]],
      },
      201,
    );
    taskId = task.id;
    expect(task).toMatchObject({
      source: 'direct',
      meetingId: null,
      programmeName: 'Bảo hiểm y tế',
      targetValue: 50,
      targetUnit: 'hộ',
      state: 'open',
      outcome: null,
      canManage: true,
    });
    // Sorted by given name: Bình before Cường.
    expect(task.assignees.map((a: { fullName: string }) => a.fullName)).toEqual(['Trần Thị Bình', 'Lê Văn Cường']);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'unit_id'])
      .where('entity_type', '=', 'task')
      .where('entity_id', '=', String(taskId))
      .execute();
    expect(audit).toEqual([{ action: 'task.create', unit_id: f.cell1 }]);
  });

  it('refuses a member of another cell, pointing at the field', async () => {
    const res = await bithu({
      method: 'POST',
      url: '/api/v1/tasks',
      payload: { unitId: f.cell1, title: 'Tuần tra an ninh', dueOn: '2026-03-20', assigneeIds: [f.regular[3], f.other] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().title).toBe('Có đảng viên được giao không sinh hoạt ở chi bộ này vào hôm nay.');
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'body.assigneeIds.1' })]);
  });

  it("refuses another cell's secretary (not found) and a plain member (forbidden)", async () => {
    const other = await t.as('bithu2');
    expect((await other({ method: 'GET', url: `/api/v1/tasks/${taskId}` })).statusCode).toBe(404);
    expect((await khac({ method: 'GET', url: `/api/v1/tasks/${taskId}` })).statusCode).toBe(404);
    const patch = await dv2({ method: 'PATCH', url: `/api/v1/tasks/${taskId}`, payload: { title: 'Sửa' } });
    expect(patch.statusCode).toBe(403);
  });
});

describe("a member's tasks", () => {
  it("shows on the member's home page and in “Nhiệm vụ của tôi”, not to a member not assigned", async () => {
    const home = await json(dv2, 'GET', '/api/v1/home');
    expect(home.myTasks.map((x: { id: number }) => x.id)).toEqual([taskId]);
    expect((await json(dv2, 'GET', '/api/v1/me/tasks')).items.map((x: { title: string }) => x.title)).toEqual(['Vận động hộ dân tham gia bảo hiểm y tế']);
    expect((await json(dv3, 'GET', '/api/v1/home')).myTasks.map((x: { id: number }) => x.id)).toEqual([taskId]);
    // dv5 (Hoàng Văn Em) is in the cell but not assigned: the task is not theirs to see.
    expect((await json(dv5, 'GET', '/api/v1/home')).myTasks).toEqual([]);
    expect((await dv5({ method: 'GET', url: `/api/v1/tasks/${taskId}` })).statusCode).toBe(404);
  });

  it('takes a progress report with a figure and a photo, and the file comes back', async () => {
    const reported = await json(dv2, 'POST', `/api/v1/tasks/${taskId}/reports`, { note: 'Đã vận động được 30 hộ', progressValue: 30 }, 201);
    expect(reported.canManage).toBe(false);
    expect(reported.canReport).toBe(true);
    const [report] = reported.reports;
    expect(report).toMatchObject({ note: 'Đã vận động được 30 hộ', progressValue: 30, reporter: 'Trần Thị Bình', files: [] });
    const upload = await dv2({
      method: 'POST',
      url: `/api/v1/tasks/${taskId}/reports/${report.id}/files`,
      ...multipartFile('danh sách hộ.jpg', 'JPEG-DATA', 'image/jpeg'),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const task = await json(bithu, 'GET', `/api/v1/tasks/${taskId}`);
    expect(task.reportCount).toBe(1);
    expect(task.reports[0].files).toEqual([expect.objectContaining({ fileName: 'danh sách hộ.jpg', sizeBytes: 9 })]);
    const file = await bithu({ method: 'GET', url: `/api/v1/tasks/${taskId}/files/${upload.json().id}` });
    expect(file.statusCode).toBe(200);
    expect(file.body).toBe('JPEG-DATA');
    expect((await dv2({ method: 'POST', url: `/api/v1/tasks/${taskId}/outcome`, payload: { outcome: 'done' } })).statusCode).toBe(403);
  });
});

describe('an overdue task', () => {
  it("comes first in the cell's list and on the secretary's home once its due date has passed", async () => {
    const other = await json(
      bithu,
      'POST',
      '/api/v1/tasks',
      { unitId: f.cell1, title: 'Tuần tra an ninh thôn', programme: 'security_order', dueOn: '2026-04-30', assigneeIds: [f.regular[3]] },
      201,
    );
    clock.set(new Date('2026-03-25T09:00:00+07:00'));
    const list = await json(bithu, 'GET', `/api/v1/tasks?unitId=${f.cell1}`);
    expect(list.items.map((x: { id: number; state: string; daysOverdue: number }) => [x.id, x.state, x.daysOverdue])).toEqual([
      [taskId, 'overdue', 5],
      [other.id, 'open', 0],
    ]);
    expect((await json(bithu, 'GET', `/api/v1/tasks?unitId=${f.cell1}&state=overdue`)).items).toHaveLength(1);
    const home = await json(bithu, 'GET', '/api/v1/home');
    expect(home.cells[0].overdue).toEqual([
      {
        id: taskId,
        meetingId: null,
        meetingHeldOn: null,
        assignee: 'Lê Văn Cường, Trần Thị Bình',
        description: 'Vận động hộ dân tham gia bảo hiểm y tế',
        dueOn: '2026-03-20',
      },
    ]);
  });

  it('is reminded once, to its assignees and the secretary', async () => {
    const first = await sendTaskReminders(t.database.db, clock.now());
    expect(first).toEqual({ tasks: 1, notices: 3 });
    expect(await sendTaskReminders(t.database.db, clock.now())).toEqual({ tasks: 0, notices: 0 });
    const notices = await json(dv2, 'GET', '/api/v1/me/notices');
    expect(notices.items[0]).toMatchObject({ title: 'Nhiệm vụ quá hạn: Vận động hộ dân tham gia bảo hiểm y tế', link: `/tasks/${taskId}` });
    expect(notices.items[0].body).toContain('đã quá hạn ngày 20/03/2026');
    expect((await json(bithu, 'GET', '/api/v1/me/notices')).items).toHaveLength(1);
  });

  it('is assessed “hoàn thành chậm”, not “hoàn thành”, and then takes no more reports', async () => {
    const refused = await bithu({
      method: 'POST',
      url: `/api/v1/tasks/${taskId}/outcome`,
      payload: { outcome: 'done', outcomeOn: '2026-03-24', achievedValue: 52 },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().title).toBe('Nhiệm vụ hoàn thành sau hạn: hãy chọn "Hoàn thành chậm".');
    const late = await json(bithu, 'POST', `/api/v1/tasks/${taskId}/outcome`, {
      outcome: 'late',
      outcomeOn: '2026-03-24',
      achievedValue: 52,
      note: 'Đạt 52/50 hộ',
    });
    expect(late).toMatchObject({ outcome: 'late', outcomeOn: '2026-03-24', achievedValue: 52, state: 'closed' });
    expect(late.history).toEqual([expect.objectContaining({ outcome: 'late', outcomeOn: '2026-03-24', note: 'Đạt 52/50 hộ' })]);
    const more = await dv2({ method: 'POST', url: `/api/v1/tasks/${taskId}/reports`, payload: { note: 'Thêm 2 hộ' } });
    expect(more.statusCode).toBe(409);
    expect((await json(bithu, 'GET', '/api/v1/home')).cells[0].overdue).toEqual([]);
  });
});

describe("the minutes' tasks", () => {
  let meetingId: number;
  it('become tasks of the cell at adoption, and the minutes carry the open ones', async () => {
    meetingId = await planMarchMeeting(bithu, f.cell1, { date: '2026-03-26', startTime: '08:00', endTime: '10:00' });
    clock.set(new Date('2026-03-26T11:00:00+07:00'));
    const roll = await json(bithu, 'GET', `/api/v1/meetings/${meetingId}/attendance`);
    const entries = roll.members.map((m: { memberId: number }) => ({ memberId: m.memberId, status: 'present' }));
    await json(bithu, 'PUT', `/api/v1/meetings/${meetingId}/attendance`, { entries });
    await json(bithu, 'PUT', `/api/v1/meetings/${meetingId}/minutes`, {
      content: {
        chairName: 'Nguyễn Văn An',
        minuteTakerName: 'Trần Thị Bình',
        conclusions: 'Chi bộ thống nhất',
        votes: { for: entries.length, against: 0, abstain: 0 },
        tasks: [{ memberId: f.regular[2], assignee: 'Lê Văn Cường', description: 'Phát quang đường làng', dueOn: '2026-03-31' }],
      },
    });
    await json(bithu, 'PUT', `/api/v1/meetings/${meetingId}/quality`, { ticks: {} });
    const adopted = await json(bithu, 'POST', `/api/v1/meetings/${meetingId}/minutes/adopt`);
    expect(adopted.actionItems).toEqual([
      expect.objectContaining({ assignee: 'Lê Văn Cường', description: 'Phát quang đường làng', status: 'open', outcome: null }),
    ]);
    // The other open task of the cell (security patrol, assigned directly) is carried.
    expect(adopted.openTasks.map((x: { description: string }) => x.description)).toEqual(['Tuần tra an ninh thôn']);
    const task = await json(bithu, 'GET', `/api/v1/tasks/${adopted.actionItems[0].id}`);
    expect(task).toMatchObject({
      source: 'minutes',
      meetingId,
      assigneeLabel: 'Lê Văn Cường',
      assignees: [{ memberId: f.regular[2], fullName: 'Lê Văn Cường' }],
    });
    // The member it is assigned to sees it among their tasks, open ones first.
    expect((await json(dv3, 'GET', '/api/v1/me/tasks')).items.map((x: { title: string }) => x.title)).toEqual([
      'Phát quang đường làng',
      'Vận động hộ dân tham gia bảo hiểm y tế',
    ]);
  });

  it("are carried into next month's plan with the cell's other open tasks", async () => {
    const d = await json(bithu, 'GET', `/api/v1/meetings/plan-defaults?unitId=${f.cell1}&month=2026-04`);
    expect(d.openTasks.map((x: { description: string }) => x.description).sort()).toEqual(['Phát quang đường làng', 'Tuần tra an ninh thôn']);
  });
});

describe('the counts grading and the figures read', () => {
  it('counts per assignee the tasks due in the period, by outcome', async () => {
    const facts = await taskFactsByMember(t.database.db, [f.regular[1]!, f.regular[2]!, f.regular[4]!], '2026-03-01', '2026-03-31');
    expect(facts.get(f.regular[1]!)).toEqual({ assigned: 1, doneOnTime: 0, exceeded: 0, late: 1, notDone: 0, open: 0 });
    expect(facts.get(f.regular[2]!)).toEqual({ assigned: 2, doneOnTime: 0, exceeded: 0, late: 1, notDone: 0, open: 1 });
    expect(facts.get(f.regular[4]!)).toEqual({ assigned: 0, doneOnTime: 0, exceeded: 0, late: 0, notDone: 0, open: 0 });
    // April holds only the security patrol.
    const april = await taskFactsByMember(t.database.db, [f.regular[3]!], '2026-04-01', '2026-04-30');
    expect(april.get(f.regular[3]!)).toMatchObject({ assigned: 1, open: 1 });
  });

  it("gives the commune's task figures for March with numerator and denominator", async () => {
    const admin = await t.as('admin');
    const fig = await json(admin, 'GET', `/api/v1/figures/units/${f.commune}/tasks?from=2026-03-01&to=2026-03-31`);
    expect(fig).toMatchObject({
      assigned: 2,
      open: 1,
      overdue: 0,
      completed: { n: 1, of: 1 },
      onTime: { n: 0, of: 1 },
      assessed: { n: 1, of: 2 },
    });
    expect(fig.byOutcome).toEqual([
      { key: 'done', n: 0 },
      { key: 'late', n: 1 },
      { key: 'not_done', n: 0 },
      { key: 'exceeded', n: 0 },
    ]);
    expect(fig.byProgramme).toEqual([
      { programme: null, name: null, assigned: 1, completed: { n: 0, of: 1 } },
      { programme: 'health_insurance', name: 'Bảo hiểm y tế', assigned: 1, completed: { n: 1, of: 1 } },
    ]);
  });
});
