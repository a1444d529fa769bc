// Commitments and the facts filled in automatically (issue 9 items 2 and 4): a member
// registers their "học tập và làm theo Bác" and pledge for the year on their phone, the cell
// registers for "Chi bộ 4 tốt", and the year's entry shows both beside the self-assessment;
// the meetings a member attended and the discipline decided in the period are on the entry
// without anyone typing them, and a discipline in the period caps the cell's proposal.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttendanceStatus } from '../../src/db/types.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { closeQuietly } from './meetings.fixtures.ts';

let t: TestApp;
const CLEAN = { tasks: { total: 4, onTime: 4, exceeded: 2, completed: 4, behindSchedule: 0 }, shortcomingsRemedied: true };
const MEMBER_DATES = { admittedOn: '2010-03-02', fullMemberOn: '2011-03-02' };
const ok = (res: LightMyRequestResponse, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};

let xa: number;
let cell: number;
let otherCell: number;
let an: number;
let binh: number;
let anClient: Client;
let binhClient: Client;
let secretary: Client;
let dangUy: Client;

beforeAll(async () => {
  t = await createTestApp();
  const province = await t.unit({ code: 'CM-T', name: 'Đảng bộ tỉnh Cam Thử', kind: 'dang_bo_tinh' });
  xa = await t.unit({ code: 'CM', name: 'Đảng bộ xã Cam Lộ', kind: 'dang_bo_xa', parentId: province });
  cell = await t.unit({ code: 'CM-1', name: 'Chi bộ thôn Một', parentId: xa });
  otherCell = await t.unit({ code: 'CM-2', name: 'Chi bộ thôn Hai', parentId: xa });
  an = await t.member({ unitId: cell, fullName: 'Nguyễn Văn An', ...MEMBER_DATES });
  binh = await t.member({ unitId: cell, fullName: 'Trần Thị Bình', ...MEMBER_DATES });
  await t.member({ unitId: otherCell, fullName: 'Lê Văn Cường', ...MEMBER_DATES });
  await t.user('cm-an', [{ role: 'member', unitId: cell }], an);
  await t.user('cm-binh', [{ role: 'member', unitId: cell }], binh);
  await t.user('cm-bithu', [{ role: 'secretary', unitId: cell }]);
  await t.user('cm-dang-uy', [{ role: 'committee', unitId: xa }]);
  anClient = await t.as('cm-an');
  binhClient = await t.as('cm-binh');
  secretary = await t.as('cm-bithu');
  dangUy = await t.as('cm-dang-uy');
}, 60_000);
afterAll(async () => closeQuietly(t));

describe('commitments registered for the year', () => {
  it('a member registers their own "học tập và làm theo Bác" and pledge, and saving again replaces it (audited)', async () => {
    const payload = { year: 2025, content: 'Học tập phong cách quần chúng của Bác; vận động 5 hộ làm đường bê tông', pledge: 'Gương mẫu đi đầu' };
    const first = ok(await anClient({ method: 'PUT', url: '/api/v1/grading/commitments/me', payload }));
    expect(first).toMatchObject({ year: 2025, kind: 'hoc_tap_lam_theo_bac', memberId: an, content: payload.content, pledge: 'Gương mẫu đi đầu' });
    const again = ok(
      await anClient({ method: 'PUT', url: '/api/v1/grading/commitments/me', payload: { ...payload, pledge: 'Gương mẫu đi đầu, nói đi đôi với làm' } }),
    );
    expect(again.id).toBe(first.id);
    expect(again.pledge).toBe('Gương mẫu đi đầu, nói đi đôi với làm');
    const audit = await t.database.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'grading.commitment.member').execute();
    expect(audit).toHaveLength(2);
    expect(audit[1]!.before).toEqual({ content: payload.content, pledge: 'Gương mẫu đi đầu' });
    // An empty pledge is refused.
    expect((await binhClient({ method: 'PUT', url: '/api/v1/grading/commitments/me', payload: { ...payload, pledge: ' ' } })).statusCode).toBe(400);
  });

  it('a cell registers for "Chi bộ 4 tốt", not for the grassroots committees\' movement; the commune for "Đảng bộ cơ sở 4 tốt"', async () => {
    const content = 'Phấn đấu đạt "Chi bộ 4 tốt": 100% đảng viên hoàn thành nhiệm vụ';
    ok(await secretary({ method: 'PUT', url: `/api/v1/grading/units/${cell}/commitments`, payload: { year: 2025, kind: 'chi_bo_4_tot', content } }));
    const wrong = await secretary({
      method: 'PUT',
      url: `/api/v1/grading/units/${cell}/commitments`,
      payload: { year: 2025, kind: 'dang_bo_co_so_4_tot', content },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([{ path: 'body.kind', message: expect.stringContaining('"Chi bộ 4 tốt" cho chi bộ') }]);
    // Another cell's secretary does not see this cell; a plain member does not register for the cell.
    await t.user('cm-bithu2', [{ role: 'secretary', unitId: otherCell }]);
    const other = await t.as('cm-bithu2');
    expect(
      (await other({ method: 'PUT', url: `/api/v1/grading/units/${cell}/commitments`, payload: { year: 2025, kind: 'chi_bo_4_tot', content } })).statusCode,
    ).toBe(404);
    expect(
      (await anClient({ method: 'PUT', url: `/api/v1/grading/units/${cell}/commitments`, payload: { year: 2025, kind: 'chi_bo_4_tot', content } })).statusCode,
    ).toBe(404);
    ok(
      await dangUy({
        method: 'PUT',
        url: `/api/v1/grading/units/${xa}/commitments`,
        payload: { year: 2025, kind: 'dang_bo_co_so_4_tot', content: 'Đảng bộ cơ sở 4 tốt' },
      }),
    );
    const list = ok(await dangUy({ method: 'GET', url: `/api/v1/grading/commitments?unitId=${xa}&year=2025` })).items;
    expect(list.map((c: { kind: string }) => c.kind).sort()).toEqual(['chi_bo_4_tot', 'dang_bo_co_so_4_tot', 'hoc_tap_lam_theo_bac']);
    expect(ok(await dangUy({ method: 'GET', url: `/api/v1/grading/commitments?unitId=${otherCell}&year=2025` })).items).toEqual([]);
  });
});

describe("the year's entry", () => {
  let periodId: number;
  const entryOf = async (memberId: number) => {
    const p = ok(await dangUy({ method: 'GET', url: `/api/v1/grading/periods/${periodId}` }));
    return p.entries.find((e: { memberId: number | null }) => e.memberId === memberId);
  };

  beforeAll(async () => {
    const db = t.database.db;
    // Three meetings of the cell in 2025, one cancelled, and one in 2024: An was present twice, excused once; Bình absent without reason once.
    const meeting = async (held_on: string, status: 'planned' | 'cancelled' = 'planned') =>
      (
        await db
          .insertInto('meetings')
          .values({
            unit_id: cell,
            kind: 'regular',
            held_on,
            starts_at: new Date(`${held_on}T07:30:00+07:00`),
            ends_at: new Date(`${held_on}T09:30:00+07:00`),
            place: 'Nhà văn hóa thôn',
            topic: 'Sinh hoạt thường kỳ',
            status,
            check_in_code: held_on.replaceAll('-', '').slice(2),
            check_in_secret: `s${held_on}`,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const [m1, m2, m3, cancelled, old] = [
      await meeting('2025-03-05'),
      await meeting('2025-04-05'),
      await meeting('2025-05-05'),
      await meeting('2025-06-05', 'cancelled'),
      await meeting('2024-12-05'),
    ];
    const mark = (meeting_id: number, member_id: number, status: AttendanceStatus) =>
      db.insertInto('meeting_attendance').values({ meeting_id, member_id, status }).execute();
    await mark(m1, an, 'present');
    await mark(m2, an, 'absent_excused');
    await db.insertInto('meeting_check_ins').values({ meeting_id: m3, member_id: an, method: 'code' }).execute();
    await mark(cancelled, an, 'present');
    await mark(old, an, 'present');
    await mark(m1, binh, 'absent_unexcused');
    await mark(m2, binh, 'present');
    // Bình was reprimanded in 2025; An in 2024 (outside the period).
    await db
      .insertInto('member_disciplines')
      .values([
        { member_id: binh, form: 'khien_trach', decided_on: '2025-07-10', decision_number: '12-QĐ/UBKT', reason: 'Vi phạm quy định về nêu gương' },
        { member_id: an, form: 'khien_trach', decided_on: '2024-07-10', decision_number: null, reason: 'Vi phạm năm trước' },
      ])
      .execute();
    // A task assigned to An that fell due in 2025 and was not done; one due in 2026 is outside the period.
    for (const dueOn of ['2025-09-30', '2026-02-28']) {
      const task = ok(
        await secretary({ method: 'POST', url: '/api/v1/tasks', payload: { unitId: cell, title: `Vận động làm đường (${dueOn})`, dueOn, assigneeIds: [an] } }),
        201,
      );
      if (dueOn.startsWith('2025'))
        ok(await secretary({ method: 'POST', url: `/api/v1/tasks/${task.id}/outcome`, payload: { outcome: 'not_done', outcomeOn: '2025-10-06' } }));
    }
    periodId = ok(
      await dangUy({ method: 'POST', url: '/api/v1/grading/periods', payload: { unitId: xa, kind: 'year', startsOn: '2025-01-01', endsOn: '2025-12-31' } }),
      201,
    ).id;
  }, 60_000);

  it('shows the member their registration and the facts the system holds, beside the self-assessment', async () => {
    const mine = ok(await anClient({ method: 'GET', url: '/api/v1/grading/me' })).items[0].entry;
    expect(mine.commitments).toEqual([expect.objectContaining({ kind: 'hoc_tap_lam_theo_bac', pledge: 'Gương mẫu đi đầu, nói đi đôi với làm' })]);
    expect(mine.facts).toEqual({
      attendance: { meetings: 3, present: 2, absentExcused: 1, absentUnexcused: 0 },
      disciplines: [],
      tasks: { assigned: 1, doneOnTime: 0, exceeded: 0, late: 0, notDone: 1, open: 0 },
      residenceComments: [],
    });
    const one = ok(await anClient({ method: 'GET', url: `/api/v1/grading/entries/${mine.id}` }));
    expect(one.commitments).toEqual(mine.commitments);
    const binhEntry = await entryOf(binh);
    expect(binhEntry.commitments).toEqual([]);
    expect(binhEntry.facts).toEqual({
      attendance: { meetings: 2, present: 1, absentExcused: 0, absentUnexcused: 1 },
      disciplines: [{ form: 'khien_trach', decidedOn: '2025-07-10', decisionNumber: '12-QĐ/UBKT' }],
      tasks: { assigned: 0, doneOnTime: 0, exceeded: 0, late: 0, notDone: 0, open: 0 },
      residenceComments: [],
    });
  });

  it('shows the cell its "Chi bộ 4 tốt" registration on its own entry', async () => {
    const p = ok(await dangUy({ method: 'GET', url: `/api/v1/grading/periods/${periodId}` }));
    const own = p.entries.find((e: { subject: string; unitId: number }) => e.subject === 'organisation' && e.unitId === cell);
    expect(own.commitments).toEqual([expect.objectContaining({ kind: 'chi_bo_4_tot', unitId: cell })]);
    expect(own.facts).toBeNull();
  });

  it('caps the proposal of a member disciplined in the period without the cell saying so, with the reason', async () => {
    const entry = await entryOf(binh);
    const refused = await secretary({
      method: 'PUT',
      url: `/api/v1/grading/entries/${entry.id}/proposal`,
      payload: { scores: { general: 26, task_results: 56 }, facts: CLEAN, grade: 'httnv' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toContainEqual({ path: 'body.grade', message: 'Bị xử lý kỷ luật trong kỳ đánh giá: xếp loại tối đa KHTNV.' });
    const proposed = ok(
      await secretary({
        method: 'PUT',
        url: `/api/v1/grading/entries/${entry.id}/proposal`,
        payload: { scores: { general: 26, task_results: 56 }, facts: CLEAN },
      }),
    );
    expect(proposed.proposal).toMatchObject({ grade: 'khtnv', rulesGrade: 'khtnv' });
    // A discipline of the year before does not follow An into 2025.
    const anEntry = await entryOf(an);
    const anProposed = ok(
      await secretary({
        method: 'PUT',
        url: `/api/v1/grading/entries/${anEntry.id}/proposal`,
        payload: { scores: { general: 26, task_results: 56 }, facts: CLEAN },
      }),
    );
    expect(anProposed.proposal.grade).toBe('httnv');
  });

  it('caps the proposal of a member with a task not done in the period, from the tasks the cell assessed', async () => {
    const anEntry = await entryOf(an);
    const proposed = ok(
      await secretary({
        method: 'PUT',
        url: `/api/v1/grading/entries/${anEntry.id}/proposal`,
        payload: { scores: { general: 28, task_results: 65 }, facts: { shortcomingsRemedied: true } },
      }),
    );
    // 93 points would give HTXSNV; the task An did not do keeps the cell's proposal at HTNV, and says why.
    expect(proposed.proposal).toMatchObject({ points: 93, grade: 'htnv', rulesGrade: 'htnv' });
    expect(proposed.proposal.cappedBy.map((c: { text: string }) => c.text)).toContain(
      'Hoàn thành đúng tiến độ, bảo đảm chất lượng 0/1 nhiệm vụ (dưới 100%): xếp loại tối đa HTNV.',
    );
  });
});
