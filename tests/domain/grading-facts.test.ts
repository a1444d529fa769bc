import { describe, expect, it } from 'vitest';
import { gradeSubject } from '../../src/domain/grading.ts';
import { commitmentFits } from '../../src/domain/grading-commitments.ts';
import { gradingFactsFrom, type MemberAutoFacts } from '../../src/domain/grading-facts.ts';
import { gradingRulesOn, gradingRulesSchema } from '../../src/domain/grading-rules.ts';

const none: MemberAutoFacts = {
  attendance: { meetings: 12, present: 12, absentExcused: 0, absentUnexcused: 0 },
  disciplines: [],
  tasks: null,
  residenceComments: [],
};
const reprimand = { form: 'khien_trach', decidedOn: '2025-07-10', decisionNumber: null };

describe('the facts the system holds, as the rules read them', () => {
  it.each([
    ['nothing held', none, { disciplinedInPeriod: false }],
    ['a reprimand in the period', { ...none, disciplines: [reprimand] }, { disciplinedInPeriod: true }],
    [
      'no task assigned: tasks unknown',
      { ...none, tasks: { assigned: 0, doneOnTime: 0, exceeded: 0, late: 0, notDone: 0, open: 0 } },
      { disciplinedInPeriod: false },
    ],
    [
      '10 tasks: 5 on time, 3 exceeded, 1 late, 1 not done',
      { ...none, tasks: { assigned: 10, doneOnTime: 5, exceeded: 3, late: 1, notDone: 1, open: 0 } },
      { disciplinedInPeriod: false, tasks: { total: 10, onTime: 8, exceeded: 3, completed: 9, behindSchedule: 2 } },
    ],
    [
      '4 tasks, one still open (not yet due or not assessed): counted on the 3 assessed',
      { ...none, tasks: { assigned: 4, doneOnTime: 2, exceeded: 1, late: 0, notDone: 0, open: 1 } },
      { disciplinedInPeriod: false, tasks: { total: 3, onTime: 3, exceeded: 1, completed: 3, behindSchedule: 0 } },
    ],
    [
      'only open tasks: tasks unknown, nothing held against the member',
      { ...none, tasks: { assigned: 2, doneOnTime: 0, exceeded: 0, late: 0, notDone: 0, open: 2 } },
      { disciplinedInPeriod: false },
    ],
  ] as [string, MemberAutoFacts, object][])('%s', (_why, auto, facts) => {
    expect(gradingFactsFrom(auto)).toEqual(facts);
  });

  it('a discipline held by the system caps a member at KHTNV under both texts', () => {
    for (const end of ['2024-12-31', '2025-12-31']) {
      const r = gradeSubject(gradingRulesOn(end).body, 'member', {
        points: 95,
        shortcomingsRemedied: true,
        ...gradingFactsFrom({ ...none, disciplines: [reprimand] }),
      });
      expect(r.grade).toBe('khtnv');
    }
  });
});

describe('which movement a unit registers for', () => {
  it.each([
    ['chi_bo_4_tot', 'chi_bo', true],
    ['chi_bo_4_tot', 'chi_bo_co_so', true],
    ['chi_bo_4_tot', 'dang_bo_co_so', false],
    ['dang_bo_co_so_4_tot', 'dang_bo_co_so', true],
    ['dang_bo_co_so_4_tot', 'dang_bo_xa', true],
    ['dang_bo_co_so_4_tot', 'chi_bo_co_so', false],
    ['dang_bo_co_so_4_tot', 'dang_bo_huyen', false],
    ['chi_bo_4_tot', 'to_dang', false],
  ] as const)('%s for a %s: %s', (kind, unitKind, fits) => {
    expect(commitmentFits(kind, unitKind)).toBe(fits);
  });
});

describe('an older scale for organisations', () => {
  const base = gradingRulesOn('2024-12-31').body;
  it('takes its words per grade ("Trong sạch, vững mạnh"), for every grade, and refuses a grade that is not one or a grade left out', () => {
    const words = {
      htxsnv: { vi: 'Trong sạch, vững mạnh', en: 'Clean and strong' },
      httnv: { vi: 'Hoàn thành tốt nhiệm vụ', en: 'Completed well' },
      htnv: { vi: 'Hoàn thành nhiệm vụ', en: 'Completed' },
      khtnv: { vi: 'Yếu kém', en: 'Weak' },
    };
    expect(gradingRulesSchema.parse({ ...base, organisationGradeLabels: words }).organisationGradeLabels?.htxsnv?.vi).toBe('Trong sạch, vững mạnh');
    expect(gradingRulesSchema.safeParse({ ...base, organisationGradeLabels: { ...words, tieu_bieu: words.htxsnv } }).success).toBe(false);
    expect(gradingRulesSchema.safeParse({ ...base, organisationGradeLabels: { htxsnv: words.htxsnv } }).success).toBe(false);
    expect(base.organisationGradeLabels).toBeUndefined();
  });
});
