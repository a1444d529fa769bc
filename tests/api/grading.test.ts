// The grading workflow as an API (issue 9 items 3, 5, 6): a full round for a commune of 11
// cells from each member's self-assessment to the committee's decision, with the HTXSNV
// quota refusing a 4th among 17 HTTNV with the numbers; a period graded under QĐ 124 stays so
// after QĐ 366 is loaded; a Quảng Lâm-shaped commune reads a graded denominator of 124 of
// 126; a decided grade is locked and corrected only by an audited amendment.
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradingRulesOn } from '../../src/domain/grading-rules.ts';
import { saveUnitRuleSet } from '../../src/modules/rule-sets/save-unit-rule-set.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { closeQuietly, setStatus } from './meetings.fixtures.ts';

let t: TestApp;
const YEAR_2025 = { startsOn: '2025-01-01', endsOn: '2025-12-31' };
/** Every task done on time, half exceeded, shortcomings remedied: nothing caps the band. */
const CLEAN = { tasks: { total: 4, onTime: 4, exceeded: 2, completed: 4, behindSchedule: 0 }, shortcomingsRemedied: true };
const MEMBER_DATES = { admittedOn: '2010-03-02', fullMemberOn: '2011-03-02' };

interface Entry {
  id: number;
  subject: 'member' | 'organisation';
  memberId: number | null;
  unitId: number;
  name: string;
  excluded: { text: string } | null;
  grade: string | null;
  proposal: { grade: string; rulesGrade: string; cappedBy: { text: string }[] } | null;
  decision: { grade: string; step: { by: string } } | null;
  amendments: { fromGrade: string; toGrade: string; reason: string }[];
}

const ok = (res: LightMyRequestResponse, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => closeQuietly(t));

/** A commune of `cells` cells under a province, with the grassroots committee's and the province's accounts. */
async function commune(code: string, name: string, cells: number) {
  const province = await t.unit({ code: `${code}-T`, name: `Đảng bộ tỉnh ${name}`, kind: 'dang_bo_tinh' });
  const xa = await t.unit({ code, name: `Đảng bộ xã ${name}`, kind: 'dang_bo_xa', parentId: province });
  const cellIds: number[] = [];
  for (let i = 1; i <= cells; i++) cellIds.push(await t.unit({ code: `${code}-${i}`, name: `Chi bộ thôn ${i} ${name}`, parentId: xa }));
  await t.user(`${code.toLowerCase()}-dang-uy`, [{ role: 'committee', unitId: xa }]);
  await t.user(`${code.toLowerCase()}-tinh`, [{ role: 'committee', unitId: province }]);
  return { province, xa, cells: cellIds };
}

describe('a full round for a commune of 11 cells', () => {
  let c: Awaited<ReturnType<typeof commune>>;
  let members: { id: number; cell: number; client: Client }[];
  let exempted: number;
  let recent: number;
  let dangUy: Client;
  let tinh: Client;
  let periodId: number;
  const secretaries: Client[] = [];
  const entries = async (who: Client = dangUy): Promise<Entry[]> => ok(await who({ method: 'GET', url: `/api/v1/grading/periods/${periodId}` })).entries;

  beforeAll(async () => {
    c = await commune('DH', 'Đông Hòa', 11);
    members = [];
    // 21 members to grade: two in each of cells 1–10, one in cell 11; and in cell 11 one
    // exempted from party activities and one admitted less than 6 months before the year ends.
    for (const [ci, cell] of c.cells.entries()) {
      for (let k = 0; k < (ci < 10 ? 2 : 1); k++) {
        const n = members.length + 1;
        const id = await t.member({ unitId: cell, fullName: `Nguyễn Văn Thử ${n}`, ...MEMBER_DATES });
        await t.user(`dh-dv${n}`, [{ role: 'member', unitId: cell }], id);
        members.push({ id, cell, client: await t.as(`dh-dv${n}`) });
      }
      await t.user(`dh-bithu${ci + 1}`, [{ role: 'secretary', unitId: cell }]);
      secretaries.push(await t.as(`dh-bithu${ci + 1}`));
    }
    const last = c.cells[10]!;
    exempted = await t.member({ unitId: last, fullName: 'Đỗ Văn Miễn', dateOfBirth: '1940-01-01', ...MEMBER_DATES });
    await setStatus(t, exempted, 'mien_sinh_hoat');
    recent = await t.member({ unitId: last, fullName: 'Lê Thị Mới', admittedOn: '2025-09-02', joinedUnitOn: '2025-09-02', status: 'du_bi' });
    dangUy = await t.as('dh-dang-uy');
    tinh = await t.as('dh-tinh');
  }, 120_000);

  it('opens the year under QĐ 366 with the roll: 21 to grade, 2 left out with the reason, 12 organisations', async () => {
    // The form shows the rule set the period will use before it is opened: QĐ 366 for a year ending 31/12/2025, QĐ 124 for 2024; a cell's secretary does not see the commune.
    const preview = ok(await dangUy({ method: 'GET', url: `/api/v1/grading/rule-set?unitId=${c.xa}&endsOn=2025-12-31` }));
    expect([preview.code, preview.ownSet, preview.bands[0]]).toEqual(['qd366', false, { grade: 'htxsnv', minPoints: 90 }]);
    expect(ok(await dangUy({ method: 'GET', url: `/api/v1/grading/rule-set?unitId=${c.xa}&endsOn=2024-12-31` })).code).toBe('qd124');
    expect((await secretaries[0]!({ method: 'GET', url: `/api/v1/grading/rule-set?unitId=${c.xa}&endsOn=2025-12-31` })).statusCode).toBe(404);
    const period = ok(
      await dangUy({ method: 'POST', url: '/api/v1/grading/periods', payload: { unitId: c.xa, kind: 'year', name: 'Năm 2025', ...YEAR_2025 } }),
      201,
    );
    periodId = period.id;
    expect(period.ruleSet.code).toBe('qd366');
    // Named by its title, as the rule-set preview names it, in the period and in the list (found by an outside probe).
    const title = ok(await dangUy({ method: 'GET', url: `/api/v1/grading/rule-set?unitId=${c.xa}&endsOn=2025-12-31` })).title;
    expect(title).toMatch(/^Kiểm điểm, đánh giá, xếp loại chất lượng/);
    expect(period.ruleSet.title).toBe(title);
    expect(ok(await dangUy({ method: 'GET', url: `/api/v1/grading/periods?unitId=${c.xa}` })).items[0].ruleSet.title).toBe(title);
    // A "quarter" of 12 months, or a "year" of 18, is refused in words.
    const quarter = await dangUy({
      method: 'POST',
      url: '/api/v1/grading/periods',
      payload: { unitId: c.xa, kind: 'quarter', startsOn: '2023-01-01', endsOn: '2023-12-31' },
    });
    expect(quarter.statusCode).toBe(400);
    expect(quarter.json().errors).toEqual([{ path: 'body.endsOn', message: 'Kỳ quý dài nhiều nhất 3 tháng; kỳ dài hơn hãy chọn Nhiệm kỳ hoặc Đột xuất.' }]);
    const year = await dangUy({
      method: 'POST',
      url: '/api/v1/grading/periods',
      payload: { unitId: c.xa, kind: 'year', startsOn: '2022-01-01', endsOn: '2023-06-30' },
    });
    expect(year.json().errors).toEqual([{ path: 'body.endsOn', message: 'Kỳ năm dài nhiều nhất 12 tháng; kỳ dài hơn hãy chọn Nhiệm kỳ hoặc Đột xuất.' }]);
    expect(period.maxPoints).toBe(100);
    const list: Entry[] = period.entries;
    const people = list.filter((e) => e.subject === 'member');
    expect(people).toHaveLength(23);
    expect(people.filter((e) => e.excluded === null)).toHaveLength(21);
    expect(people.find((e) => e.memberId === exempted)!.excluded!.text).toBe('Không xếp loại: đảng viên được miễn công tác và sinh hoạt đảng.');
    expect(people.find((e) => e.memberId === recent)!.excluded!.text).toBe('Không xếp loại: kết nạp ngày 02/09/2025, chưa đủ 6 tháng đến ngày 31/12/2025.');
    expect(list.filter((e) => e.subject === 'organisation').map((e) => e.unitId)).toEqual([c.xa, ...c.cells]);
    // The same dates twice are refused; a secretary of one cell may not open one for the commune.
    expect((await dangUy({ method: 'POST', url: '/api/v1/grading/periods', payload: { unitId: c.xa, kind: 'year', ...YEAR_2025 } })).statusCode).toBe(409);
    expect((await secretaries[0]!({ method: 'POST', url: '/api/v1/grading/periods', payload: { unitId: c.xa, kind: 'year', ...YEAR_2025 } })).statusCode).toBe(
      404,
    );
  });

  it('lets each member assess themselves, and only themselves', async () => {
    for (const m of members) {
      const mine = ok(await m.client({ method: 'GET', url: '/api/v1/grading/me' })).items;
      expect(mine).toHaveLength(1);
      const entryId = mine[0].entry.id;
      const saved = ok(
        await m.client({
          method: 'PUT',
          url: `/api/v1/grading/entries/${entryId}/self-assessment`,
          payload: {
            scores: { general: 27, task_results: 58.5 },
            selfGrade: 'httnv',
            forms: { form: '2A', fields: { uu_diem: 'Gương mẫu trong công tác', khuyet_diem: 'Chưa tích cực phát biểu' } },
          },
        }),
      );
      expect(saved.selfAssessment.points).toBe(85.5);
      expect(saved.selfAssessment.step.by).toBe(`dh-dv${members.indexOf(m) + 1}`);
    }
    const [a, b] = members;
    const others = ok(await a!.client({ method: 'GET', url: `/api/v1/grading/periods/${periodId}` })).entries;
    expect(others.map((e: Entry) => e.memberId)).toEqual([a!.id]);
    const bEntry = (await entries()).find((e) => e.memberId === b!.id)!;
    const payload = { scores: { general: 30, task_results: 70 }, selfGrade: 'htxsnv' };
    // Another member's entry is not found; the cell's secretary may read it but not write it.
    expect((await a!.client({ method: 'PUT', url: `/api/v1/grading/entries/${bEntry.id}/self-assessment`, payload })).statusCode).toBe(404);
    expect((await secretaries[0]!({ method: 'PUT', url: `/api/v1/grading/entries/${bEntry.id}/self-assessment`, payload })).statusCode).toBe(403);
    const over = await b!.client({
      method: 'PUT',
      url: `/api/v1/grading/entries/${bEntry.id}/self-assessment`,
      payload: { scores: { general: 31, task_results: 70 }, selfGrade: 'htxsnv' },
    });
    expect(over.statusCode).toBe(400);
    expect(over.json().errors).toEqual([{ path: 'body.scores.general', message: 'Không được quá 30 điểm.' }]);
  });

  it('has each cell propose, the rules capping a grade with the reason shown', async () => {
    const list = await entries();
    // Four proposed HTXSNV (cells 1 and 2), seventeen HTTNV.
    for (const [i, m] of members.entries()) {
      const entry = list.find((e) => e.memberId === m.id)!;
      const secretary = secretaries[c.cells.indexOf(m.cell)]!;
      const top = i < 4;
      if (i === 0) {
        // Without the tasks on record the rules keep the grade at most HTNV, and say why.
        const refused = await secretary({
          method: 'PUT',
          url: `/api/v1/grading/entries/${entry.id}/proposal`,
          payload: { scores: { general: 29, task_results: 66 }, grade: 'htxsnv' },
        });
        expect(refused.statusCode).toBe(400);
        expect(refused.json().title).toBe('Với 95 điểm và các điều kiện đã nêu, theo quy định chỉ được xếp loại tối đa HTNV.');
        expect(refused.json().errors).toContainEqual({
          path: 'body.grade',
          message: 'Chưa có số liệu về nhiệm vụ hoàn thành đúng tiến độ nên xếp loại tối đa HTNV.',
        });
        // A plain member does not propose; another cell's secretary does not see the entry.
        expect(
          (await m.client({ method: 'PUT', url: `/api/v1/grading/entries/${entry.id}/proposal`, payload: { scores: { general: 29, task_results: 66 } } }))
            .statusCode,
        ).toBe(403);
        expect(
          (
            await secretaries[5]!({
              method: 'PUT',
              url: `/api/v1/grading/entries/${entry.id}/proposal`,
              payload: { scores: { general: 29, task_results: 66 } },
            })
          ).statusCode,
        ).toBe(404);
      }
      const proposed: Entry = ok(
        await secretary({
          method: 'PUT',
          url: `/api/v1/grading/entries/${entry.id}/proposal`,
          payload: { scores: top ? { general: 29, task_results: 66 } : { general: 26, task_results: 56 }, facts: CLEAN, note: 'Chi bộ thống nhất' },
        }),
      );
      expect(proposed.proposal!.grade).toBe(top ? 'htxsnv' : 'httnv');
    }
  });

  it('has the grassroots committee decide, the quota refusing a 4th HTXSNV among 17 HTTNV with the numbers', async () => {
    const list = (await entries()).filter((e) => e.subject === 'member' && e.excluded === null);
    const [first, ...rest] = members.slice(0, 4).map((m) => list.find((e) => e.memberId === m.id)!.id);
    const httnv = list.filter((e) => e.proposal!.grade === 'httnv').map((e) => e.id);
    expect(httnv).toHaveLength(17);
    const decide = (who: Client, decisions: object[]) =>
      who({
        method: 'POST',
        url: `/api/v1/grading/periods/${periodId}/decisions`,
        payload: { decisions, decidedOn: '2026-01-10', decisionNumber: '25-QĐ/ĐU' },
      });
    // A cell's secretary finds the commune's period among those that grade their cell, and sees their cell's entries only.
    const listed = ok(await secretaries[0]!({ method: 'GET', url: `/api/v1/grading/periods?unitId=${c.cells[0]}` })).items;
    expect(listed.map((p: { id: number }) => p.id)).toEqual([periodId]);
    expect(new Set((await entries(secretaries[0]!)).map((e) => e.unitId))).toEqual(new Set([c.cells[0]]));
    // A cell's secretary sees the period through their cell but does not decide.
    expect((await decide(secretaries[0]!, [{ entryId: first }])).statusCode).toBe(403);
    ok(
      await decide(
        dangUy,
        [...httnv, ...rest].map((entryId) => ({ entryId })),
      ),
    );
    const refused = await decide(dangUy, [{ entryId: first }]);
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().title).toBe(
      'Nhóm Cá nhân không giữ chức vụ lãnh đạo, quản lý: 4 HTXSNV > 20% × 17 HTTNV = 3. Số được xếp loại HTXSNV không được vượt quá 20% số được xếp loại HTTNV trong nhóm.',
    );
    // The committee decides the fourth HTTNV instead: 3 HTXSNV, 18 HTTNV.
    ok(await decide(dangUy, [{ entryId: first, grade: 'httnv' }]));
    const decided = (await entries()).filter((e) => e.decision);
    expect(decided).toHaveLength(21);
    expect(decided[0]!.decision!.step.by).toBe('dh-dang-uy');
  });

  it('decides the organisations: the cells by the commune, the commune by the province', async () => {
    const orgs = (await entries()).filter((e) => e.subject === 'organisation');
    const own = orgs.find((e) => e.unitId === c.xa)!;
    const proposal = { scores: { general: 27, task_results: 60 }, facts: CLEAN };
    // The commune's own grade is for the level above.
    expect((await dangUy({ method: 'PUT', url: `/api/v1/grading/entries/${own.id}/proposal`, payload: proposal })).statusCode).toBe(403);
    ok(await tinh({ method: 'PUT', url: `/api/v1/grading/entries/${own.id}/proposal`, payload: proposal }));
    ok(
      await tinh({
        method: 'POST',
        url: `/api/v1/grading/periods/${periodId}/decisions`,
        payload: { decisions: [{ entryId: own.id }], decidedOn: '2026-01-20' },
      }),
    );
    const cells = orgs.filter((e) => e.unitId !== c.xa);
    // A cell's committee assesses its own cell (form 2C), not another one.
    const selfOrg = {
      scores: { general: 27, task_results: 60 },
      selfGrade: 'httnv',
      forms: { form: '2C', fields: { uu_diem: 'Lãnh đạo thôn hoàn thành chỉ tiêu' } },
    };
    ok(await secretaries[0]!({ method: 'PUT', url: `/api/v1/grading/entries/${cells[0]!.id}/self-assessment`, payload: selfOrg }));
    expect((await secretaries[0]!({ method: 'PUT', url: `/api/v1/grading/entries/${cells[1]!.id}/self-assessment`, payload: selfOrg })).statusCode).toBe(404);
    for (const [i, e] of cells.entries()) {
      const scores = i === 0 ? { general: 29, task_results: 66 } : proposal.scores;
      ok(await dangUy({ method: 'PUT', url: `/api/v1/grading/entries/${e.id}/proposal`, payload: { scores, facts: CLEAN } }));
    }
    const decisions = cells.map((e, i) => ({ entryId: e.id, fourGood: i < 4 }));
    ok(await dangUy({ method: 'POST', url: `/api/v1/grading/periods/${periodId}/decisions`, payload: { decisions, decidedOn: '2026-01-10' } }));
  });

  it('reads the results of the commune and of one cell by grade, of those graded and of all, with "4 tốt"', async () => {
    const r = ok(await dangUy({ method: 'GET', url: `/api/v1/grading/results?unitId=${c.xa}&startsOn=2025-01-01&endsOn=2025-12-31` }));
    expect(r.members.graded).toEqual({ n: 21, of: 23 });
    expect(r.members.decided).toBe(21);
    expect(r.members.byGrade).toEqual([
      { grade: 'htxsnv', ofGraded: { n: 3, of: 21 }, ofAll: { n: 3, of: 23 } },
      { grade: 'httnv', ofGraded: { n: 18, of: 21 }, ofAll: { n: 18, of: 23 } },
      { grade: 'htnv', ofGraded: { n: 0, of: 21 }, ofAll: { n: 0, of: 23 } },
      { grade: 'khtnv', ofGraded: { n: 0, of: 21 }, ofAll: { n: 0, of: 23 } },
    ]);
    expect(r.members.excluded.map((x: { text: string; n: number }) => [x.text, x.n])).toEqual(
      expect.arrayContaining([
        ['Miễn công tác và sinh hoạt đảng', 1],
        ['Kết nạp chưa đủ 6 tháng', 1],
      ]),
    );
    expect(r.organisations.graded).toEqual({ n: 12, of: 12 });
    expect(r.organisations.byGrade[0]).toEqual({ grade: 'htxsnv', ofGraded: { n: 1, of: 12 }, ofAll: { n: 1, of: 12 } });
    expect(r.fourGood).toEqual({ reached: { n: 4, underCommittees: 4, grassrootsCells: 0 }, cells: { n: 11, underCommittees: 11, grassrootsCells: 0 } });
    const cell = ok(await secretaries[0]!({ method: 'GET', url: `/api/v1/grading/results?unitId=${c.cells[0]}&startsOn=2025-01-01&endsOn=2025-12-31` }));
    expect(cell.members.graded).toEqual({ n: 2, of: 2 });
    expect(cell.members.byGrade[0].ofGraded).toEqual({ n: 1, of: 2 });
    // Another commune's secretary does not see this one.
    expect((await secretaries[0]!({ method: 'GET', url: `/api/v1/grading/results?unitId=${c.xa}&startsOn=2025-01-01&endsOn=2025-12-31` })).statusCode).toBe(
      404,
    );
  });

  it('locks a decided grade: a plain change is refused, an amendment with its reason is audited', async () => {
    const entry = (await entries()).find((e) => e.memberId === members[5]!.id)!;
    const url = `/api/v1/grading/entries/${entry.id}`;
    const again = await dangUy({
      method: 'POST',
      url: `/api/v1/grading/periods/${periodId}/decisions`,
      payload: { decisions: [{ entryId: entry.id, grade: 'htnv' }], decidedOn: '2026-02-01' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().title).toContain('Nguyễn Văn Thử 6');
    expect((await secretaries[2]!({ method: 'PUT', url: `${url}/proposal`, payload: { scores: { general: 20, task_results: 40 } } })).statusCode).toBe(409);
    expect(
      (await members[5]!.client({ method: 'PUT', url: `${url}/self-assessment`, payload: { scores: { general: 20, task_results: 40 }, selfGrade: 'htnv' } }))
        .statusCode,
    ).toBe(409);
    const amendment = { grade: 'htnv', reason: 'Phát hiện vi phạm quy định về nêu gương sau khi đã xếp loại', decisionNumber: '31-QĐ/ĐU' };
    // Only the level that decided amends.
    expect((await secretaries[2]!({ method: 'POST', url: `${url}/amendments`, payload: amendment })).statusCode).toBe(403);
    const amended: Entry = ok(await dangUy({ method: 'POST', url: `${url}/amendments`, payload: amendment }), 201);
    expect(amended.grade).toBe('htnv');
    expect(amended.decision!.grade).toBe('httnv');
    expect(amended.amendments).toEqual([expect.objectContaining({ fromGrade: 'httnv', toGrade: 'htnv', reason: amendment.reason })]);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['after'])
      .where('action', '=', 'grading.amendment')
      .where('entity_id', '=', String(entry.id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ grade: 'htnv', reason: amendment.reason });
    // An amendment is held to the rules: 82 points reach HTTNV at most.
    const aboveRules = await dangUy({
      method: 'POST',
      url: `/api/v1/grading/entries/${(await entries()).find((e) => e.memberId === members[6]!.id)!.id}/amendments`,
      payload: { grade: 'htxsnv', reason: 'Xem xét lại' },
    });
    expect(aboveRules.statusCode).toBe(400);
    expect(aboveRules.json().title).toBe('Nguyễn Văn Thử 7: theo quy định chỉ được xếp loại tối đa HTTNV, không quyết định mức cao hơn được.');
    // And to the quota: the member the rules allowed HTXSNV, decided HTTNV, may not be raised: 4 HTXSNV > 20% × 16 HTTNV = 3.
    const upgrade = await dangUy({
      method: 'POST',
      url: `/api/v1/grading/entries/${(await entries()).find((e) => e.memberId === members[0]!.id)!.id}/amendments`,
      payload: { grade: 'htxsnv', reason: 'Xem xét lại' },
    });
    expect(upgrade.statusCode).toBe(409);
    expect(upgrade.json().title).toContain('4 HTXSNV > 20% × 16 HTTNV = 3');
    // The result table as a workbook: dates dd/mm/yyyy, the amendment and its reason, the counts.
    const file = await dangUy({ method: 'GET', url: `/api/v1/grading/periods/${periodId}/export.xlsx` });
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    expect(rows[2]![0]).toBe('Kỳ đánh giá: 01/01/2025 – 31/12/2025');
    const row6 = rows.find((r) => r[1] === 'Nguyễn Văn Thử 6')!;
    expect(row6.slice(2, 9)).toEqual(['Chi bộ thôn 3 Đông Hòa', 'HTTNV', 'HTTNV', 'HTTNV', '10/01/2026', '25-QĐ/ĐU', 'HTNV']);
    expect(row6[9]).toBe(`Điều chỉnh HTTNV → HTNV: ${amendment.reason}`);
    expect(rows.find((r) => r[1] === 'Đỗ Văn Miễn')![9]).toBe('Không xếp loại: đảng viên được miễn công tác và sinh hoạt đảng.');
    expect(rows.find((r) => r[2] === 'HTXSNV' && r[1] === 'Hoàn thành xuất sắc nhiệm vụ')!.slice(3, 6)).toEqual(['3/21', '0.14285714285714285', '3/23']);
    // The member sees the amended grade on their own page.
    const mine = ok(await members[5]!.client({ method: 'GET', url: '/api/v1/grading/me' })).items[0].entry;
    expect(mine.grade).toBe('htnv');
  });
});

describe('a period graded under QĐ 124', () => {
  it('keeps its rule set and grades after QĐ 366 is loaded by the province', async () => {
    const c = await commune('QT', 'Quảng Thọ', 1);
    const id = await t.member({ unitId: c.cells[0]!, fullName: 'Trần Văn Cũ', ...MEMBER_DATES });
    const dangUy = await t.as('qt-dang-uy');
    const period = ok(
      await dangUy({ method: 'POST', url: '/api/v1/grading/periods', payload: { unitId: c.xa, kind: 'year', startsOn: '2024-01-01', endsOn: '2024-12-31' } }),
      201,
    );
    expect(period.ruleSet.code).toBe('qd124');
    expect(period.name).toBe('Năm 2024');
    expect(period.criteria.map((x: { key: string }) => x.key)).toContain('politics_ethics');
    const entry = (period.entries as Entry[]).find((e) => e.memberId === id)!;
    const facts = {
      tasks: { total: 2, onTime: 2, exceeded: 1, completed: 2, behindSchedule: 0 },
      criterionRatings: { politics_ethics: 'tot', task_results: 'tot' },
    };
    ok(
      await dangUy({
        method: 'PUT',
        url: `/api/v1/grading/entries/${entry.id}/proposal`,
        payload: { scores: { politics_ethics: 26, task_results: 58 }, facts },
      }),
    );
    ok(
      await dangUy({
        method: 'POST',
        url: `/api/v1/grading/periods/${period.id}/decisions`,
        payload: { decisions: [{ entryId: entry.id }], decidedOn: '2025-01-15' },
      }),
    );
    const before = ok(await dangUy({ method: 'GET', url: `/api/v1/grading/periods/${period.id}` }));

    // The province loads QĐ 366 as its own set, in force from 1/1/2024 (reaching back over the period).
    const qd366 = gradingRulesOn('2026-01-01');
    await t.database.db.transaction().execute(async (trx) =>
      saveUnitRuleSet(trx, { userId: 1 } as Parameters<typeof saveUnitRuleSet>[1], {
        kind: 'grading',
        unitId: c.province,
        code: 'qd366-tinh',
        title: 'QĐ 366-QĐ/TW (tỉnh áp dụng)',
        source: 'QĐ 366-QĐ/TW',
        effectiveFrom: '2024-01-01',
        effectiveTo: null,
        body: qd366.body,
        takenCode: 'taken',
      }),
    );
    const after = ok(await dangUy({ method: 'GET', url: `/api/v1/grading/periods/${period.id}` }));
    expect(after).toEqual(before);
    expect(after.ruleSet).toMatchObject({ code: 'qd124', version: '2023-10-04' });
    const r = ok(await dangUy({ method: 'GET', url: `/api/v1/grading/results?unitId=${c.xa}&startsOn=2024-01-01&endsOn=2024-12-31` }));
    expect(r.members.byGrade[1]).toEqual({ grade: 'httnv', ofGraded: { n: 1, of: 1 }, ofAll: { n: 1, of: 1 } });
    // A period opened now for the same dates elsewhere in the province takes the loaded set.
    const other = await t.unit({ code: 'QT-2', name: 'Đảng bộ xã Quảng Thọ Hai', kind: 'dang_bo_xa', parentId: c.province });
    const tinh = await t.as('qt-tinh');
    const later = ok(
      await tinh({ method: 'POST', url: '/api/v1/grading/periods', payload: { unitId: other, kind: 'year', startsOn: '2024-01-01', endsOn: '2024-12-31' } }),
      201,
    );
    expect(later.ruleSet.code).toBe('qd366-tinh');
  });
});

describe('a Quảng Lâm-shaped commune', () => {
  it('reads 124 graded of 126 members in 13 cells, 2 exempted', async () => {
    const c = await commune('QL', 'Quảng Lâm', 13);
    let n = 0;
    for (const [i, cell] of c.cells.entries()) {
      for (let k = 0; k < (i < 9 ? 10 : 9); k++) {
        n++;
        const id = await t.member({ unitId: cell, fullName: `Phạm Văn Lâm ${n}`, ...MEMBER_DATES });
        if (n <= 2) await setStatus(t, id, 'mien_sinh_hoat');
      }
    }
    expect(n).toBe(126);
    const dangUy = await t.as('ql-dang-uy');
    const opened = ok(await dangUy({ method: 'POST', url: '/api/v1/grading/periods', payload: { unitId: c.xa, kind: 'year', ...YEAR_2025 } }), 201);
    expect(opened.name).toBe('Năm 2025');
    const quarter = ok(
      await dangUy({
        method: 'POST',
        url: '/api/v1/grading/periods',
        payload: { unitId: c.xa, kind: 'quarter', startsOn: '2026-01-01', endsOn: '2026-03-31' },
      }),
      201,
    );
    expect(quarter.name).toBe('Quý 1/2026');
    const r = ok(await dangUy({ method: 'GET', url: `/api/v1/grading/results?unitId=${c.xa}&startsOn=2025-01-01&endsOn=2025-12-31` }));
    expect(r.members.graded).toEqual({ n: 124, of: 126 });
    expect(r.members.excluded).toEqual([{ key: 'grading.excluded.exempted', text: 'Miễn công tác và sinh hoạt đảng', n: 2 }]);
    expect(r.members.byGrade[0]).toEqual({ grade: 'htxsnv', ofGraded: { n: 0, of: 124 }, ofAll: { n: 0, of: 126 } });
  }, 120_000);
});

describe('decisions made at once', () => {
  it('cannot pass the quota together: six committee members each deciding one HTXSNV among 5 HTTNV, one wins', async () => {
    const c = await commune('HT', 'Hòa Thuận', 1);
    const ids: number[] = [];
    for (let i = 1; i <= 11; i++) ids.push(await t.member({ unitId: c.cells[0]!, fullName: `Đặng Văn Thuận ${i}`, ...MEMBER_DATES }));
    const dangUy = await t.as('ht-dang-uy');
    const period = ok(await dangUy({ method: 'POST', url: '/api/v1/grading/periods', payload: { unitId: c.xa, kind: 'year', ...YEAR_2025 } }), 201);
    const entryOf = (id: number) => (period.entries as Entry[]).find((e) => e.memberId === id)!.id;
    const [top, rest] = [ids.slice(0, 6), ids.slice(6)];
    for (const id of ids) {
      const scores = top.includes(id) ? { general: 29, task_results: 66 } : { general: 26, task_results: 56 };
      ok(await dangUy({ method: 'PUT', url: `/api/v1/grading/entries/${entryOf(id)}/proposal`, payload: { scores, facts: CLEAN } }));
    }
    const decide = (entryIds: number[]) =>
      dangUy({
        method: 'POST',
        url: `/api/v1/grading/periods/${period.id}/decisions`,
        payload: { decisions: entryIds.map((entryId) => ({ entryId })), decidedOn: '2026-01-10' },
      });
    ok(await decide(rest.map(entryOf)));
    // 20% × 5 HTTNV = 1: each alone would pass; the period row is locked, so each sees those before it.
    const members: Client[] = [];
    for (let i = 1; i <= 6; i++) {
      await t.user(`ht-uy-vien-${i}`, [{ role: 'committee', unitId: c.xa }]);
      members.push(await t.as(`ht-uy-vien-${i}`));
    }
    const all = await Promise.all(
      top.map((id, i) =>
        members[i]!({
          method: 'POST',
          url: `/api/v1/grading/periods/${period.id}/decisions`,
          payload: { decisions: [{ entryId: entryOf(id) }], decidedOn: '2026-01-10' },
        }),
      ),
    );
    expect(all.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    expect(all.find((r) => r.statusCode === 409)!.json().title).toContain('2 HTXSNV > 20% × 5 HTTNV = 1');
  });
});

describe('a Mèo Vạc-shaped district', () => {
  it('counts 109 + 33 = 142 of 342 cells "4 tốt": a chi bộ cơ sở as a cell, a đảng bộ cơ sở not', async () => {
    const province = await t.unit({ code: 'MV-T', name: 'Đảng bộ tỉnh Hà Giang thử', kind: 'dang_bo_tinh' });
    const district = await t.unit({ code: 'MV', name: 'Đảng bộ huyện Mèo Vạc thử', kind: 'dang_bo_huyen', parentId: province });
    await t.user('mv-huyen-uy', [{ role: 'committee', unitId: district }]);
    const committees: number[] = [];
    const underCommittees: number[] = [];
    for (let i = 1; i <= 21; i++) {
      const committee = await t.unit({ code: `MV-${i}`, name: `Đảng bộ xã ${i} Mèo Vạc`, kind: 'dang_bo_co_so', parentId: district });
      committees.push(committee);
      for (let k = 1; k <= (i <= 14 ? 15 : 14); k++)
        underCommittees.push(await t.unit({ code: `MV-${i}-${k}`, name: `Chi bộ thôn ${k} xã ${i}`, parentId: committee }));
    }
    const grassrootsCells: number[] = [];
    for (let i = 1; i <= 34; i++)
      grassrootsCells.push(await t.unit({ code: `MV-CS-${i}`, name: `Chi bộ cơ sở ${i} Mèo Vạc`, kind: 'chi_bo_co_so', parentId: district }));
    expect(underCommittees).toHaveLength(308);
    const huyen = await t.as('mv-huyen-uy');
    const period = ok(await huyen({ method: 'POST', url: '/api/v1/grading/periods', payload: { unitId: district, kind: 'year', ...YEAR_2025 } }), 201);
    const entries = period.entries as Entry[];
    expect(entries).toHaveLength(21 + 308 + 34);
    for (const e of entries) {
      ok(await huyen({ method: 'PUT', url: `/api/v1/grading/entries/${e.id}/proposal`, payload: { scores: { general: 26, task_results: 56 }, facts: CLEAN } }));
    }
    // "4 tốt" for 109 cells under committees, 33 grassroots cells, and every committee (which must not count).
    const reached = new Set([...underCommittees.slice(0, 109), ...grassrootsCells.slice(0, 33), ...committees]);
    const decisions = entries.map((e) => ({ entryId: e.id, fourGood: reached.has(e.unitId) }));
    ok(await huyen({ method: 'POST', url: `/api/v1/grading/periods/${period.id}/decisions`, payload: { decisions, decidedOn: '2026-01-15' } }));
    const r = ok(await huyen({ method: 'GET', url: `/api/v1/grading/results?unitId=${district}&startsOn=2025-01-01&endsOn=2025-12-31` }));
    expect(r.fourGood).toEqual({
      reached: { n: 142, underCommittees: 109, grassrootsCells: 33 },
      cells: { n: 342, underCommittees: 308, grassrootsCells: 34 },
    });
    expect(r.organisations.graded).toEqual({ n: 363, of: 363 });
  }, 300_000);
});
