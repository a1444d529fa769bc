// The defects the outside review of issue 9 found in the grading workflow, each as the user
// met it: a decision or amendment above the rules' cap, a cell's secretary deciding their own
// members, periods overlapping across levels, "Chi bộ 4 tốt" for a cell not graded HTTNV or
// better, decisions dated in the future or (for a December review) refused, and rule sets
// loaded by a secretary or with bands above the maximum.
import type { LightMyRequestResponse } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../src/modules/meetings/clock.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { closeQuietly } from './meetings.fixtures.ts';

let t: TestApp;
const CLEAN = { tasks: { total: 4, onTime: 4, exceeded: 2, completed: 4, behindSchedule: 0 }, shortcomingsRemedied: true };
const MEMBER_DATES = { admittedOn: '2010-03-02', fullMemberOn: '2011-03-02' };
const YEAR_2026 = { kind: 'year', startsOn: '2026-01-01', endsOn: '2026-12-31' };

interface Entry {
  id: number;
  subject: 'member' | 'organisation';
  memberId: number | null;
  unitId: number;
  grade: string | null;
  proposal: { grade: string; rulesGrade: string } | null;
}

const ok = (res: LightMyRequestResponse, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};

let province: number;
let xa: number;
let cell1: number;
let cell2: number;
let m1: number;
let m2: number;
let dangUy: Client;
let bithu1: Client;
let bithu2: Client;
let periodId: number;

beforeAll(async () => {
  // A December review: today is 15/12/2026 in Việt Nam.
  clock.set(new Date('2026-12-15T03:00:00Z'));
  t = await createTestApp();
  province = await t.unit({ code: 'R9-T', name: 'Đảng bộ tỉnh Thử', kind: 'dang_bo_tinh' });
  xa = await t.unit({ code: 'R9', name: 'Đảng bộ xã Bắc Bình', kind: 'dang_bo_xa', parentId: province });
  cell1 = await t.unit({ code: 'R9-1', name: 'Chi bộ thôn Bắc Sơn', parentId: xa });
  cell2 = await t.unit({ code: 'R9-2', name: 'Chi bộ thôn Đông Thịnh', parentId: xa });
  m1 = await t.member({ unitId: cell1, fullName: 'Nguyễn Thị Châm', ...MEMBER_DATES });
  m2 = await t.member({ unitId: cell2, fullName: 'Bùi Diệu Ánh', ...MEMBER_DATES });
  await t.user('r9-dang-uy', [{ role: 'committee', unitId: xa }]);
  await t.user('r9-bithu1', [{ role: 'secretary', unitId: cell1 }]);
  await t.user('r9-bithu2', [{ role: 'secretary', unitId: cell2 }]);
  dangUy = await t.as('r9-dang-uy');
  bithu1 = await t.as('r9-bithu1');
  bithu2 = await t.as('r9-bithu2');
}, 60_000);
afterAll(async () => {
  clock.reset();
  await closeQuietly(t);
});

const entries = async (id = periodId): Promise<Entry[]> => ok(await dangUy({ method: 'GET', url: `/api/v1/grading/periods/${id}` })).entries;
const decide = (who: Client, payload: object, id = periodId) => who({ method: 'POST', url: `/api/v1/grading/periods/${id}/decisions`, payload });

describe('periods and the competent level', () => {
  it('refuses a period overlapping one of the unit above or below, naming it', async () => {
    periodId = ok(await dangUy({ method: 'POST', url: '/api/v1/grading/periods', payload: { unitId: xa, name: 'Năm 2026', ...YEAR_2026 } }), 201).id;
    // The cell's own period over the same dates: its members already sit in the commune's.
    const cellPeriod = await bithu1({ method: 'POST', url: '/api/v1/grading/periods', payload: { unitId: cell1, ...YEAR_2026 } });
    expect(cellPeriod.statusCode).toBe(409);
    expect(cellPeriod.json().title).toBe(
      'Thời gian này trùng với kỳ "Năm 2026" của Đảng bộ xã Bắc Bình (01/01/2026 – 31/12/2026), đã gồm các đảng viên và tổ chức đảng này.',
    );
    // Half a year overlapping is refused too.
    expect(
      (await dangUy({ method: 'POST', url: '/api/v1/grading/periods', payload: { unitId: cell2, kind: 'year', startsOn: '2026-07-01', endsOn: '2027-06-30' } }))
        .statusCode,
    ).toBe(409);
    expect(ok(await dangUy({ method: 'GET', url: `/api/v1/grading/periods?unitId=${cell1}` })).items).toHaveLength(1);
  });

  it('lets a cell propose for its members but only the commune committee decide, even on a period opened on the cell', async () => {
    // 2025 has no commune period: the cell's secretary may open one for the cell.
    const cellPeriod = ok(
      await bithu2({ method: 'POST', url: '/api/v1/grading/periods', payload: { unitId: cell2, kind: 'year', startsOn: '2025-01-01', endsOn: '2025-12-31' } }),
      201,
    ).id;
    const entry = (await entries(cellPeriod)).find((e) => e.memberId === m2)!;
    ok(
      await bithu2({
        method: 'PUT',
        url: `/api/v1/grading/entries/${entry.id}/proposal`,
        payload: { scores: { general: 26, task_results: 56 }, facts: CLEAN },
      }),
    );
    const decision = { decisions: [{ entryId: entry.id }], decidedOn: '2026-01-10' };
    expect((await decide(bithu2, decision, cellPeriod)).statusCode).toBe(403);
    const decided: Entry[] = ok(await decide(dangUy, decision, cellPeriod)).entries;
    expect(decided.find((e) => e.id === entry.id)!.grade).toBe('httnv');
    // The cell's own grade is the commune's too.
    const own = (await entries(cellPeriod)).find((e) => e.subject === 'organisation' && e.unitId === cell2)!;
    expect(
      (await bithu2({ method: 'PUT', url: `/api/v1/grading/entries/${own.id}/proposal`, payload: { scores: { general: 26, task_results: 56 }, facts: CLEAN } }))
        .statusCode,
    ).toBe(403);
  });
});

describe('decisions', () => {
  let entry1: number;

  it('refuses a decision above the rules cap, naming the member and the reason', async () => {
    entry1 = (await entries()).find((e) => e.memberId === m1)!.id;
    // No task on record: the rules keep 95 points at most HTNV.
    const proposed: Entry = ok(
      await bithu1({ method: 'PUT', url: `/api/v1/grading/entries/${entry1}/proposal`, payload: { scores: { general: 29, task_results: 66 } } }),
    );
    expect([proposed.proposal!.grade, proposed.proposal!.rulesGrade]).toEqual(['htnv', 'htnv']);
    const refused = await decide(dangUy, { decisions: [{ entryId: entry1, grade: 'httnv' }], decidedOn: '2026-12-15' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().title).toBe('Nguyễn Thị Châm: theo quy định chỉ được xếp loại tối đa HTNV, không quyết định mức cao hơn được.');
    expect(refused.json().errors).toContainEqual({
      path: 'body.decisions.0.grade',
      message: 'Chưa có số liệu về nhiệm vụ hoàn thành đúng tiến độ nên xếp loại tối đa HTNV.',
    });
    expect((await entries()).find((e) => e.id === entry1)!.grade).toBeNull();
  });

  it('takes a decision dated within the period (a December review), never in the future nor before the period', async () => {
    const future = await decide(dangUy, { decisions: [{ entryId: entry1 }], decidedOn: '2026-12-16' });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors).toEqual([{ path: 'body.decidedOn', message: 'Ngày quyết định không được sau ngày hôm nay (15/12/2026).' }]);
    const before = await decide(dangUy, { decisions: [{ entryId: entry1 }], decidedOn: '2025-12-31' });
    expect(before.json().errors).toEqual([{ path: 'body.decidedOn', message: 'Ngày quyết định không được trước ngày bắt đầu kỳ (01/01/2026).' }]);
    const decided: Entry[] = ok(await decide(dangUy, { decisions: [{ entryId: entry1 }], decidedOn: '2026-12-15' })).entries;
    expect(decided.find((e) => e.id === entry1)!.grade).toBe('htnv');
  });

  it('refuses an amendment above the rules cap, and takes one below it', async () => {
    const refused = await dangUy({
      method: 'POST',
      url: `/api/v1/grading/entries/${entry1}/amendments`,
      payload: { grade: 'htxsnv', reason: 'Xem xét lại' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().title).toBe('Nguyễn Thị Châm: theo quy định chỉ được xếp loại tối đa HTNV, không quyết định mức cao hơn được.');
    const amended = ok(
      await dangUy({ method: 'POST', url: `/api/v1/grading/entries/${entry1}/amendments`, payload: { grade: 'khtnv', reason: 'Bị kỷ luật khiển trách' } }),
      201,
    );
    expect(amended.grade).toBe('khtnv');
  });

  it('recognises "Chi bộ 4 tốt" only for a cell decided HTTNV or HTXSNV', async () => {
    const orgs = (await entries()).filter((e) => e.subject === 'organisation' && e.unitId !== xa);
    for (const e of orgs)
      ok(
        await dangUy({ method: 'PUT', url: `/api/v1/grading/entries/${e.id}/proposal`, payload: { scores: { general: 26, task_results: 56 }, facts: CLEAN } }),
      );
    const [c1, c2] = [orgs.find((e) => e.unitId === cell1)!, orgs.find((e) => e.unitId === cell2)!];
    const refused = await decide(dangUy, { decisions: [{ entryId: c2.id, grade: 'htnv', fourGood: true }], decidedOn: '2026-12-15' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().title).toBe(
      'Chi bộ thôn Đông Thịnh: chỉ công nhận "Chi bộ 4 tốt" cho tổ chức đảng được xếp loại Hoàn thành tốt nhiệm vụ hoặc Hoàn thành xuất sắc nhiệm vụ.',
    );
    const decided: { id: number; grade: string; fourGood: boolean | null }[] = ok(
      await decide(dangUy, {
        decisions: [
          { entryId: c1.id, fourGood: true },
          { entryId: c2.id, grade: 'htnv' },
        ],
        decidedOn: '2026-12-15',
      }),
    ).entries;
    expect([c1, c2].map((c) => decided.find((e) => e.id === c.id)!.grade)).toEqual(['httnv', 'htnv']);
  });

  it("gives the commune's decisions as .docx: grades in force, the cells without the commune, an unknown number not found", async () => {
    // The commune's own grade is the province's, in a decision of its own.
    await t.user('r9-tinh', [{ role: 'committee', unitId: province }]);
    const tinh = await t.as('r9-tinh');
    const own = (await entries()).find((e) => e.subject === 'organisation' && e.unitId === xa)!;
    ok(await tinh({ method: 'PUT', url: `/api/v1/grading/entries/${own.id}/proposal`, payload: { scores: { general: 26, task_results: 56 }, facts: CLEAN } }));
    ok(await decide(tinh, { decisions: [{ entryId: own.id }], decidedOn: '2026-12-15' }));
    const text = async (query: string) => {
      const res = await dangUy({ method: 'GET', url: `/api/v1/grading/periods/${periodId}/decision.docx?${query}` });
      expect(res.statusCode, res.body).toBe(200);
      const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
      return xml.replace(/<[^>]+>/g, '');
    };
    const members = await text('subject=member');
    // The amendment counts: the grade in force is KHTNV.
    expect(members).toContain('Nguyễn Thị ChâmChi bộ thôn Bắc SơnKhông hoàn thành nhiệm vụ');
    expect(members).toContain('Không hoàn thành nhiệm vụ: 1 (100%)');
    const orgs = await text('subject=organisation');
    expect(orgs).toContain('ĐẢNG ỦY XÃ BẮC BÌNH');
    expect(orgs).toContain('Điều 1. Xếp loại chất lượng 2 tổ chức đảng');
    expect(orgs).not.toContain('Đảng bộ xã Bắc BìnhHoàn thành');
    const unknown = await dangUy({
      method: 'GET',
      url: `/api/v1/grading/periods/${periodId}/decision.docx?subject=member&decisionNumber=${encodeURIComponent('15-QĐ/ĐU')}`,
    });
    expect(unknown.statusCode).toBe(404);
  });
});
