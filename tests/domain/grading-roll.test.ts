import { describe, expect, it } from 'vitest';
import type { MemberStatus } from '../../src/db/types.ts';
import { rewardEligibility } from '../../src/domain/grading-reward.ts';
import { exclusionOf, gradeShares, gradingRoll, type RollMember } from '../../src/domain/grading-roll.ts';
import { type Grade, type GradingRules, gradingRulesOn, yearPeriod } from '../../src/domain/grading-rules.ts';
import { expectReadable } from '../helpers/grading-messages.ts';

const both: [string, GradingRules][] = [
  ['QĐ 124', gradingRulesOn('2024-12-31').body],
  ['QĐ 366', gradingRulesOn('2025-12-31').body],
];
const member = (id: number, status: MemberStatus = 'chinh_thuc', admittedOn: string | null = '2010-05-19'): RollMember => ({ id, status, admittedOn });

describe.each(both)('who is not graded under %s', (_name, rules) => {
  const year = yearPeriod(2024);

  it.each([
    ['chinh_thuc', '2010-05-19', null],
    ['du_bi', '2024-06-30', null], // probationary, admitted exactly 6 months before 31/12: graded
    ['mien_sinh_hoat', '1975-02-03', 'Không xếp loại: đảng viên được miễn công tác và sinh hoạt đảng.'],
    ['dinh_chi', '2001-09-02', 'Không xếp loại: đảng viên đang bị đình chỉ sinh hoạt đảng.'],
    ['du_bi', '2024-07-01', 'Không xếp loại: kết nạp ngày 01/07/2024, chưa đủ 6 tháng đến ngày 31/12/2024.'],
    ['du_bi', '2024-12-31', 'Không xếp loại: kết nạp ngày 31/12/2024, chưa đủ 6 tháng đến ngày 31/12/2024.'],
  ] as const)('status %s, admitted %s → %s', (status, admittedOn, text) => {
    const reason = exclusionOf(rules, member(1, status, admittedOn), year);
    if (text === null) expect(reason).toBeNull();
    else expect(expectReadable([reason!])).toEqual([text]);
  });

  it('counts the 6 months to the end of the period, whatever its length: a quarter', () => {
    const q3 = { end: '2025-09-30' };
    expect(exclusionOf(rules, member(1, 'du_bi', '2025-03-30'), q3)).toBeNull();
    expect(exclusionOf(rules, member(1, 'du_bi', '2025-03-31'), q3)?.key).toBe('grading.excluded.recently_admitted');
  });

  it('reads Quảng Lâm: 126 members in 13 cells, 2 exempted for age → 124 graded', () => {
    const members = Array.from({ length: 126 }, (_, i) => member(i + 1, i < 2 ? 'mien_sinh_hoat' : 'chinh_thuc'));
    const roll = gradingRoll(rules, members, yearPeriod(2024));
    expect(roll.share).toEqual({ n: 124, of: 126 });
    expect(roll.graded).toHaveLength(124);
    expect(roll.excluded.map((e) => [e.id, e.reason.key])).toEqual([
      [1, 'grading.excluded.exempted'],
      [2, 'grading.excluded.exempted'],
    ]);
  });
});

describe('shares by grade with both denominators', () => {
  it('states graded vs all: 124 graded of 126, 18 HTXSNV = 14,52% of graded, 14,29% of all', () => {
    const grades: Grade[] = [...Array(18).fill('htxsnv'), ...Array(90).fill('httnv'), ...Array(14).fill('htnv'), ...Array(2).fill('khtnv')];
    const s = gradeShares(grades, 126);
    expect(s.graded).toEqual({ n: 124, of: 126 });
    expect(s.byGrade.map((g) => [g.grade, g.ofGraded.n, g.ofGraded.of, g.ofAll.of])).toEqual([
      ['htxsnv', 18, 124, 126],
      ['httnv', 90, 124, 126],
      ['htnv', 14, 124, 126],
      ['khtnv', 2, 124, 126],
    ]);
  });

  it('keeps every grade, at 0 too, and refuses more grades than members', () => {
    expect(gradeShares([], 3).byGrade.map((g) => g.ofAll)).toEqual(Array(4).fill({ n: 0, of: 3 }));
    expect(() => gradeShares(['htnv', 'htnv'], 1)).toThrow(RangeError);
  });
});

describe('reward eligibility: HTXSNV five years running', () => {
  const reward = gradingRulesOn('2025-12-31').body.reward;
  const years = (...gs: (Grade | null)[]) => new Map(gs.map((g, i) => [2021 + i, g]));

  it('is eligible after 2021–2025 all HTXSNV, across three texts', () => {
    const r = rewardEligibility(reward, years('htxsnv', 'htxsnv', 'htxsnv', 'htxsnv', 'htxsnv'), 2025);
    expect(r).toMatchObject({ eligible: true, run: 5 });
    expect(expectReadable([r.reason])).toEqual(['Đủ điều kiện đề nghị khen thưởng: 5 năm liền HTXSNV (2021–2025).']);
  });

  it.each([
    [['httnv', 'htxsnv', 'htxsnv', 'htxsnv', 'htxsnv'], 4],
    [['htxsnv', 'htxsnv', null, 'htxsnv', 'htxsnv'], 2], // a year not graded breaks the run
    [['htxsnv', 'htxsnv', 'htxsnv', 'htxsnv', 'httnv'], 0],
  ] as const)('%o up to 2025 → %d years running, not eligible', (gs, run) => {
    const r = rewardEligibility(reward, years(...gs), 2025);
    expect(r).toMatchObject({ eligible: false, run });
    expect(expectReadable([r.reason])[0]).toBe(`Chưa đủ điều kiện khen thưởng: ${run}/5 năm liền HTXSNV tính đến năm 2025.`);
  });

  it('a year missing from the record breaks the run too', () => {
    expect(rewardEligibility(reward, new Map([[2025, 'htxsnv' as Grade]]), 2025).run).toBe(1);
  });
});
