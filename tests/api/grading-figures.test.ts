// Grading in the figures engine, a province's own rule sets, reward eligibility and the
// decision as a .docx (issue 9 items 5–7): a province loads its own grading set for the
// 2021 and 2022 reviews (before any built-in text) and adopts the example "Chi bộ 4 tốt"
// scale; a member graded HTXSNV 2021–2025 under three texts is eligible for the reward in
// 2025 and not in 2024; the figures API reads what /grading/results reads; the committee's
// decision comes out as a party document with the names, grades and counts.

import type { LightMyRequestResponse } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradingRulesOn } from '../../src/domain/grading-rules.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { closeQuietly } from './meetings.fixtures.ts';

let t: TestApp;
const MEMBER_DATES = { admittedOn: '2010-03-02', fullMemberOn: '2011-03-02' };
const TASKS = { tasks: { total: 2, onTime: 2, exceeded: 1, completed: 2, behindSchedule: 0 }, shortcomingsRemedied: true };
const ok = (res: LightMyRequestResponse, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};

let province: number;
let xa: number;
let cell: number;
let members: number[];
let tinh: Client;
let banToChuc: Client;
let dangUy: Client;
let secretary: Client;
const periods = new Map<number, number>();

beforeAll(async () => {
  t = await createTestApp();
  province = await t.unit({ code: 'KT-T', name: 'Đảng bộ tỉnh Khánh Thử', kind: 'dang_bo_tinh' });
  xa = await t.unit({ code: 'KT', name: 'Đảng bộ xã Khánh Bình', kind: 'dang_bo_xa', parentId: province });
  cell = await t.unit({ code: 'KT-1', name: 'Chi bộ thôn Tân Bình', parentId: xa });
  members = [];
  for (const name of ['Võ Thị Xuân', 'Ngô Văn Hạ', 'Đinh Văn Thu', 'Hồ Thị Đông', 'Lý Văn Nam', 'Mai Thị Bắc'])
    members.push(await t.member({ unitId: cell, fullName: name, ...MEMBER_DATES }));
  await t.user('kt-tinh', [{ role: 'committee', unitId: province }]);
  await t.user('kt-dang-uy', [{ role: 'committee', unitId: xa }]);
  await t.user('kt-bithu', [{ role: 'secretary', unitId: cell }]);
  await t.user('kt-ban-to-chuc', [{ role: 'org_officer', unitId: province }]);
  tinh = await t.as('kt-tinh');
  banToChuc = await t.as('kt-ban-to-chuc');
  dangUy = await t.as('kt-dang-uy');
  secretary = await t.as('kt-bithu');
}, 60_000);
afterAll(async () => closeQuietly(t));

describe("a province's own rule sets", () => {
  it('loads its grading set for the 2021 and 2022 reviews, refused when malformed or out of reach', async () => {
    const own = gradingRulesOn('2024-12-31').body;
    const payload = {
      unitId: province,
      kind: 'grading',
      code: 'tinh-kt-2021',
      title: 'Hướng dẫn đánh giá, xếp loại của Tỉnh ủy Khánh Thử',
      source: 'Hướng dẫn số 05-HD/TU của Tỉnh ủy Khánh Thử',
      effectiveFrom: '2021-01-01',
      effectiveTo: '2023-01-01',
      // The older scale's words for organisations.
      rules: {
        ...own,
        organisationGradeLabels: {
          htxsnv: { vi: 'Trong sạch, vững mạnh', en: 'Clean and strong' },
          httnv: { vi: 'Hoàn thành tốt nhiệm vụ', en: 'Completed well' },
          htnv: { vi: 'Hoàn thành nhiệm vụ', en: 'Completed' },
          khtnv: { vi: 'Yếu kém', en: 'Weak' },
        },
      },
    };
    const bad = await banToChuc({
      method: 'POST',
      url: '/api/v1/grading/rule-sets',
      payload: { ...payload, rules: { ...own, bands: own.bands.map((b) => (b.grade === 'htnv' ? { ...b, minPoints: 75 } : b)) } },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().errors)).toContain('Mức xếp loại cao hơn phải cần nhiều điểm hơn.');
    // A cell's secretary does not see the province (nor the commune) to load a set there.
    expect((await secretary({ method: 'POST', url: '/api/v1/grading/rule-sets', payload: { ...payload, unitId: xa } })).statusCode).toBe(404);
    // A band above the maximum points (HTXSNV never reachable) is refused on that band.
    const unreachable = await banToChuc({
      method: 'POST',
      url: '/api/v1/grading/rule-sets',
      payload: { ...payload, rules: { ...own, bands: own.bands.map((b) => (b.grade === 'htxsnv' ? { ...b, minPoints: 150 } : b)) } },
    });
    expect(unreachable.statusCode).toBe(400);
    expect(unreachable.json().errors).toContainEqual({
      path: 'body.rules.bands.0.minPoints',
      message: 'Điểm tối thiểu của mức không được vượt quá tổng điểm tối đa (100 điểm).',
    });
    // The rules are the organisation board's to load: a committee member who grades may not (403), nor the commune's committee.
    expect((await tinh({ method: 'POST', url: '/api/v1/grading/rule-sets', payload })).statusCode).toBe(403);
    expect((await dangUy({ method: 'POST', url: '/api/v1/grading/rule-sets', payload: { ...payload, unitId: xa } })).statusCode).toBe(403);
    const loaded = ok(await banToChuc({ method: 'POST', url: '/api/v1/grading/rule-sets', payload }), 201);
    expect(loaded.inForce).toMatchObject({ code: 'tinh-kt-2021', origin: 'unit', unitId: province });
    expect((await banToChuc({ method: 'POST', url: '/api/v1/grading/rule-sets', payload })).statusCode).toBe(409);
    // The commune below reads it for 2022, and QĐ 366 for 2025.
    const read = (on: string) => dangUy({ method: 'GET', url: `/api/v1/grading/rule-sets?unitId=${xa}&ruleKind=grading&on=${on}` });
    expect(ok(await read('2022-12-31')).inForce.code).toBe('tinh-kt-2021');
    expect(ok(await read('2025-12-31')).inForce.code).toBe('qd366');
  });

  it('has no "Chi bộ 4 tốt" scale until the province adopts the example', async () => {
    const read = async () => ok(await dangUy({ method: 'GET', url: `/api/v1/grading/rule-sets?unitId=${cell}&ruleKind=four-good&on=2025-12-31` }));
    expect((await read()).inForce).toBeNull();
    expect((await read()).available.map((s: { code: string }) => s.code)).toContain('vi-du-chi-bo-4-tot');
    ok(
      await banToChuc({
        method: 'POST',
        url: '/api/v1/grading/rule-sets',
        payload: { unitId: province, kind: 'four-good', templateCode: 'vi-du-chi-bo-4-tot', effectiveFrom: '2023-01-01' },
      }),
      201,
    );
    expect((await read()).inForce).toMatchObject({ code: 'vi-du-chi-bo-4-tot', origin: 'unit', body: { minTotal: 85 } });
  });
});

describe('five years of grading', () => {
  beforeAll(async () => {
    for (const year of [2021, 2022, 2023, 2024, 2025]) {
      const period = ok(
        await dangUy({
          method: 'POST',
          url: '/api/v1/grading/periods',
          payload: { unitId: xa, kind: 'year', startsOn: `${year}-01-01`, endsOn: `${year}-12-31` },
        }),
        201,
      );
      periods.set(year, period.id);
      const qd366 = period.ruleSet.code === 'qd366';
      for (const e of period.entries as { id: number; memberId: number | null }[]) {
        if (e.memberId === null) continue;
        const top = e.memberId === members[0];
        const scores = qd366
          ? top
            ? { general: 29, task_results: 66 }
            : { general: 26, task_results: 56 }
          : top
            ? { politics_ethics: 29, task_results: 66 }
            : { politics_ethics: 26, task_results: 56 };
        ok(await secretary({ method: 'PUT', url: `/api/v1/grading/entries/${e.id}/proposal`, payload: { scores, facts: TASKS } }));
      }
      const decisions = (period.entries as { id: number; memberId: number | null }[]).filter((e) => e.memberId !== null).map((e) => ({ entryId: e.id }));
      ok(
        await dangUy({
          method: 'POST',
          url: `/api/v1/grading/periods/${period.id}/decisions`,
          payload: { decisions, decidedOn: `${year + 1}-01-10`, decisionNumber: `${year - 2000}-QĐ/ĐU` },
        }),
      );
    }
  }, 120_000);

  it('graded 2021 and 2022 under the province set, 2023–2024 under QĐ 124, 2025 under QĐ 366', async () => {
    const codes = [];
    for (const id of periods.values()) codes.push(ok(await dangUy({ method: 'GET', url: `/api/v1/grading/periods/${id}` })).ruleSet.code);
    expect(codes).toEqual(['tinh-kt-2021', 'tinh-kt-2021', 'qd124', 'qd124', 'qd366']);
  });

  it('reads the member eligible for the reward after five years of HTXSNV, not after four', async () => {
    const figures = (unitId: number, year: number, who: Client = dangUy) =>
      who({ method: 'GET', url: `/api/v1/figures/units/${unitId}/grading?from=${year}-01-01&to=${year}-12-31` });
    const y2025 = ok(await figures(xa, 2025));
    expect(y2025.members.rewardEligible).toEqual({
      n: 1,
      rule: { grade: 'htxsnv', consecutiveYears: 5, from: 2021, to: 2025 },
      members: [{ memberId: members[0], name: 'Võ Thị Xuân' }],
    });
    expect(y2025.members.byGrade[0]).toEqual({ grade: 'htxsnv', ofGraded: { n: 1, of: 6 }, ofAll: { n: 1, of: 6 } });
    expect(ok(await figures(xa, 2024)).members.rewardEligible).toMatchObject({ n: 0, members: [] });
    // 2021 was graded under the older scale: the organisations' grades read in its words.
    expect(ok(await figures(xa, 2021)).organisations.gradeLabels.map((g: { label: string }) => g.label)).toEqual([
      'Trong sạch, vững mạnh',
      'Hoàn thành tốt nhiệm vụ',
      'Hoàn thành nhiệm vụ',
      'Yếu kém',
    ]);
    expect(y2025.organisations.gradeLabels).toBeNull();
    // The figures API and the grading results read the same.
    expect(ok(await dangUy({ method: 'GET', url: `/api/v1/grading/results?unitId=${xa}&startsOn=2025-01-01&endsOn=2025-12-31` }))).toEqual(y2025);
    // A cell's secretary reads the figures of the cell; not the commune's.
    expect(ok(await figures(cell, 2025, secretary)).members.rewardEligible.n).toBe(1);
    expect((await figures(xa, 2025, secretary)).statusCode).toBe(404);
  });

  it("gives the committee's decision as a .docx in the party layout", async () => {
    const res = await dangUy({ method: 'GET', url: `/api/v1/grading/periods/${periods.get(2025)}/decision.docx?subject=member` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const s of [
      'ĐẢNG BỘ TỈNH KHÁNH THỬ',
      'ĐẢNG ỦY XÃ KHÁNH BÌNH',
      'Số 25-QĐ/ĐU',
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'Ngày 10 tháng 01 năm 2026',
      'QUYẾT ĐỊNH',
      'về việc xếp loại chất lượng đảng viên năm 2025',
      'Căn cứ Quy định số 366-QĐ/TW',
      'Điều 1. Xếp loại chất lượng 6 đảng viên năm 2025 như sau:',
      'Võ Thị XuânChi bộ thôn Tân BìnhHoàn thành xuất sắc nhiệm vụ',
      'Hoàn thành xuất sắc nhiệm vụ: 1 (16,67%); Hoàn thành tốt nhiệm vụ: 5 (83,33%)',
      'T/M ĐẢNG ỦY',
      'BÍ THƯ',
    ])
      expect(text).toContain(s);
    // Under the province's own set, the grounds are its guidance.
    const y2021 = await dangUy({ method: 'GET', url: `/api/v1/grading/periods/${periods.get(2021)}/decision.docx?subject=member` });
    const xml2021 = await (await JSZip.loadAsync(y2021.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml2021.replace(/<[^>]+>/g, '')).toContain('Căn cứ Hướng dẫn số 05-HD/TU của Tỉnh ủy Khánh Thử;');
  });
});
