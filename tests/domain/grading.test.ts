import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type GradingFacts, gradeFromPoints, gradeSubject, totalPoints } from '../../src/domain/grading.ts';
import {
  type GradingRules,
  gradingRulesForPeriod,
  gradingRulesOn,
  gradingRulesSchema,
  quarterPeriod,
  RATINGS,
  type Subject,
  yearPeriod,
} from '../../src/domain/grading-rules.ts';
import { builtinRuleSets, type RuleSet } from '../../src/domain/rules/load-rule-set.ts';
import { expectReadable } from '../helpers/grading-messages.ts';

const qd124 = gradingRulesOn('2024-12-31').body;
const qd366 = gradingRulesOn('2025-12-31').body;
const both: [string, GradingRules][] = [
  ['QĐ 124', qd124],
  ['QĐ 366', qd366],
];

/** A member or a cell that meets every condition of the top grade under both texts. */
const clean: GradingFacts = {
  points: 95,
  tasks: { total: 10, onTime: 10, exceeded: 5, completed: 10, behindSchedule: 0 },
  criterionRatings: { politics: 'xuat_sac', ethics: 'tot', tasks: 'xuat_sac' },
  taskResultRating: 'xuat_sac',
  disciplinedInPeriod: false,
  degradation: false,
  corruptionInManagedUnit: false,
  shortcomingsRemedied: true,
  leadershipDisciplined: false,
  leadershipMemberDisciplined: false,
  subordinateUnits: { total: 10, disciplined: 0 },
};

describe('which grading rule set a period uses', () => {
  it.each([
    [yearPeriod(2023), 'qd124'],
    [yearPeriod(2024), 'qd124'],
    [quarterPeriod(2025, 2), 'qd124'], // ends 30/6/2025, before QĐ 366
    [quarterPeriod(2025, 3), 'qd366'], // ends 30/9/2025
    [yearPeriod(2025), 'qd366'],
    [{ kind: 'term' as const, start: '2020-10-01', end: '2025-09-30' }, 'qd366'],
    [{ kind: 'ad_hoc' as const, start: '2025-08-01', end: '2025-08-29' }, 'qd124'],
    [{ kind: 'ad_hoc' as const, start: '2025-08-01', end: '2025-08-30' }, 'qd366'],
  ])('%o is graded under %s (the set in force on its end date)', (period, code) => {
    expect(gradingRulesForPeriod(period).code).toBe(code);
  });

  it('has no built-in set before QĐ 124 (the 2022 review used QĐ 132, not shipped)', () => {
    expect(() => gradingRulesForPeriod(yearPeriod(2022))).toThrow(/no grading rule set in force/);
  });

  it('quarter periods end on the right day', () => {
    expect(quarterPeriod(2024, 1)).toEqual({ kind: 'quarter', start: '2024-01-01', end: '2024-03-31' });
    expect(quarterPeriod(2024, 4)).toEqual({ kind: 'quarter', start: '2024-10-01', end: '2024-12-31' });
  });

  it('a province set loaded later does not change a year graded before it took effect', () => {
    const province: RuleSet = {
      ...gradingRulesOn('2025-12-31'),
      code: 'tinh-2026',
      effectiveFrom: '2026-01-01',
      origin: { type: 'unit', unitId: 1, id: 1 },
      body: { ...qd366, bands: qd366.bands.map((b) => (b.grade === 'htxsnv' ? { ...b, minPoints: 95 } : b)) },
    };
    expect(gradingRulesForPeriod(yearPeriod(2024), [province]).code).toBe('qd124');
    expect(gradingRulesForPeriod(yearPeriod(2025), [province]).code).toBe('qd366');
    expect(gradingRulesForPeriod(yearPeriod(2026), [province]).code).toBe('tinh-2026');
  });

  it('every built-in set carries its source and labels where chibo chose', () => {
    for (const set of builtinRuleSets('grading')) {
      const body = gradingRulesSchema.parse(set.body);
      expect(set.source).toMatch(/QĐ\/TW|HD\/BTCTW/);
      for (const c of body.caps) expect(c.source.length).toBeGreaterThan(0);
    }
    expect(qd366.quota.ourReading?.vi).toContain('Chưa xác nhận');
    expect(qd124.bandsOurReading?.vi).toContain('cách hiểu của chibo');
  });

  it('refuses a set whose bands are out of order or miss the floor', () => {
    const bad = (bands: GradingRules['bands']) => gradingRulesSchema.safeParse({ ...qd366, bands }).success;
    expect(bad(qd366.bands)).toBe(true);
    expect(bad(qd366.bands.map((b) => (b.grade === 'htnv' ? { ...b, minPoints: 75 } : b)))).toBe(false);
    expect(bad(qd366.bands.map((b) => (b.grade === 'khtnv' ? { ...b, minPoints: 10 } : b)))).toBe(false);
  });
});

describe.each(both)('point bands under %s', (_name, rules) => {
  it.each([
    [0, 'khtnv'],
    [49.99, 'khtnv'],
    [50, 'htnv'],
    [69.99, 'htnv'],
    [70, 'httnv'],
    [89.99, 'httnv'],
    [90, 'htxsnv'],
    [100, 'htxsnv'],
  ])('%d points → %s', (points, grade) => {
    expect(gradeFromPoints(rules, points)).toBe(grade);
    expect(gradeSubject(rules, 'member', { ...clean, points })).toMatchObject({ bandGrade: grade, grade, cappedBy: [] });
  });

  it.each([-1, 100.01, Number.NaN])('refuses %d points', (points) => {
    expect(() => gradeFromPoints(rules, points)).toThrow(RangeError);
  });
});

/** [rule set, subject, change to the clean facts, the grade it ends at from 95 points, the cap rule, the message in Vietnamese]. */
type Row = [string, Subject, Partial<GradingFacts>, string, string, string];
const rows: Row[] = [
  // QĐ 366, members
  ['QĐ 366', 'member', { disciplinedInPeriod: true }, 'khtnv', 'disciplined', 'Bị xử lý kỷ luật trong kỳ đánh giá: xếp loại tối đa KHTNV.'],
  ['QĐ 366', 'member', { degradation: true }, 'khtnv', 'degradation', 'tối đa KHTNV'],
  ['QĐ 366', 'member', { corruptionInManagedUnit: true }, 'khtnv', 'corruption', 'tối đa KHTNV'],
  [
    'QĐ 366',
    'member',
    { tasks: { total: 10, onTime: 9, exceeded: 5, completed: 10, behindSchedule: 1 } },
    'htnv',
    'tasks_not_on_time',
    'Hoàn thành đúng tiến độ, bảo đảm chất lượng 9/10 nhiệm vụ (dưới 100%): xếp loại tối đa HTNV.',
  ],
  [
    'QĐ 366',
    'member',
    { tasks: { total: 10, onTime: 10, exceeded: 2, completed: 10, behindSchedule: 0 } },
    'httnv',
    'not_enough_exceeded',
    'Vượt yêu cầu 2/10 nhiệm vụ (dưới 30%): xếp loại tối đa HTTNV.',
  ],
  [
    'QĐ 366',
    'member',
    { shortcomingsRemedied: false },
    'httnv',
    'shortcomings_not_remedied',
    'Chưa khắc phục xong hạn chế, khuyết điểm đã được chỉ ra: xếp loại tối đa HTTNV.',
  ],
  [
    'QĐ 366',
    'member',
    { shortcomingsRemedied: undefined },
    'httnv',
    'shortcomings_not_remedied',
    'Chưa có số liệu về việc khắc phục hạn chế, khuyết điểm đã được chỉ ra nên xếp loại tối đa HTTNV.',
  ],
  ['QĐ 366', 'member', { tasks: undefined }, 'htnv', 'tasks_not_on_time', 'Chưa có số liệu về nhiệm vụ hoàn thành đúng tiến độ nên xếp loại tối đa HTNV.'],
  // QĐ 366, organisations
  [
    'QĐ 366',
    'organisation',
    { leadershipDisciplined: true },
    'khtnv',
    'leadership_disciplined',
    'Tập thể lãnh đạo bị kỷ luật trong kỳ: xếp loại tối đa KHTNV.',
  ],
  [
    'QĐ 366',
    'organisation',
    { subordinateUnits: { total: 10, disciplined: 3 } },
    'khtnv',
    'subordinates_over_20',
    '3/10 tổ chức đảng trực thuộc bị kỷ luật (trên 20%): xếp loại tối đa KHTNV.',
  ],
  [
    'QĐ 366',
    'organisation',
    { subordinateUnits: { total: 10, disciplined: 2 } },
    'httnv',
    'subordinate_disciplined',
    '2/10 tổ chức đảng trực thuộc bị kỷ luật (trên 0%): xếp loại tối đa HTTNV.',
  ],
  ['QĐ 366', 'organisation', { leadershipMemberDisciplined: true }, 'httnv', 'leadership_member_disciplined', 'tối đa HTTNV'],
  [
    'QĐ 366',
    'organisation',
    { tasks: { total: 10, onTime: 9, exceeded: 5, completed: 9, behindSchedule: 1 } },
    'khtnv',
    'collective_tasks_not_completed',
    'Hoàn thành 9/10 chỉ tiêu, nhiệm vụ (dưới 100%): xếp loại tối đa KHTNV.',
  ],
  [
    'QĐ 366',
    'organisation',
    { tasks: { total: 10, onTime: 7, exceeded: 5, completed: 10, behindSchedule: 3 } },
    'khtnv',
    'collective_behind_schedule',
    'Chậm tiến độ 3/10 chỉ tiêu, nhiệm vụ (trên 20%): xếp loại tối đa KHTNV.',
  ],
  ['QĐ 366', 'organisation', { tasks: { total: 10, onTime: 8, exceeded: 5, completed: 10, behindSchedule: 2 } }, 'htnv', 'tasks_not_on_time', '8/10'],
  // QĐ 124
  [
    'QĐ 124',
    'member',
    { criterionRatings: { politics: 'tot', ethics: 'kem' } },
    'khtnv',
    'criterion_kem',
    'Có tiêu chí được đánh giá Kém: xếp loại tối đa KHTNV.',
  ],
  ['QĐ 124', 'organisation', { criterionRatings: { politics: 'kem' } }, 'khtnv', 'criterion_kem', 'Kém'],
  ['QĐ 124', 'member', { disciplinedInPeriod: true }, 'khtnv', 'disciplined', 'Bị xử lý kỷ luật trong kỳ đánh giá'],
  ['QĐ 124', 'organisation', { leadershipDisciplined: true }, 'khtnv', 'leadership_disciplined', 'Tập thể lãnh đạo'],
  [
    'QĐ 124',
    'organisation',
    { subordinateUnits: { total: 9, disciplined: 2 } },
    'khtnv',
    'subordinates_over_20',
    '2/9 tổ chức đảng trực thuộc bị kỷ luật (trên 20%)',
  ],
  [
    'QĐ 124',
    'member',
    { tasks: { total: 10, onTime: 4, exceeded: 0, completed: 4, behindSchedule: 6 } },
    'khtnv',
    'targets_under_50',
    'Hoàn thành 4/10 chỉ tiêu, nhiệm vụ (dưới 50%): xếp loại tối đa KHTNV.',
  ],
  ['QĐ 124', 'member', { tasks: { total: 10, onTime: 9, exceeded: 5, completed: 10, behindSchedule: 1 } }, 'httnv', 'targets_not_on_time', '9/10'],
  [
    'QĐ 124',
    'member',
    { tasks: { total: 10, onTime: 10, exceeded: 4, completed: 10, behindSchedule: 0 } },
    'httnv',
    'not_enough_exceeded',
    'Vượt yêu cầu 4/10 nhiệm vụ (dưới 50%)',
  ],
  [
    'QĐ 124',
    'organisation',
    { criterionRatings: { politics: 'xuat_sac', ethics: 'trung_binh' } },
    'httnv',
    'criterion_below_tot',
    'Có tiêu chí được đánh giá Trung bình: xếp loại tối đa HTTNV.',
  ],
  [
    'QĐ 124',
    'organisation',
    { taskResultRating: 'tot' },
    'httnv',
    'task_result_not_excellent',
    'Kết quả thực hiện nhiệm vụ được đánh giá Tốt, chưa đạt Xuất sắc: xếp loại tối đa HTTNV.',
  ],
  ['QĐ 124', 'organisation', { leadershipMemberDisciplined: true }, 'httnv', 'leadership_member_disciplined', 'thành viên tập thể lãnh đạo'],
  ['QĐ 124', 'organisation', { subordinateUnits: { total: 10, disciplined: 1 } }, 'httnv', 'subordinate_disciplined', '1/10'],
];

describe('blocking conditions cap the grade, each with its reason', () => {
  it.each(rows)('%s %s %o → %s by %s', (name, subject, change, grade, rule, text) => {
    const rules = name === 'QĐ 124' ? qd124 : qd366;
    const r = gradeSubject(rules, subject, { ...clean, ...change });
    expect(r.bandGrade).toBe('htxsnv');
    expect(r.grade).toBe(grade);
    expect(r.cappedBy[0]?.rule).toBe(rule);
    expect(expectReadable(r.cappedBy.map((c) => c.reason))[0]).toContain(text);
  });

  it('every cap rule of both built-in sets is exercised above', () => {
    for (const [name, rules] of both) {
      const tested = new Set(rows.filter((r) => r[0] === name).map((r) => r[4]));
      expect(rules.caps.map((c) => c.key).filter((k) => !tested.has(k))).toEqual([]);
    }
  });

  it.each(both)('under %s, a clean record keeps the band for a member and for an organisation', (_n, rules) => {
    for (const subject of ['member', 'organisation'] as const) expect(gradeSubject(rules, subject, clean)).toMatchObject({ grade: 'htxsnv', cappedBy: [] });
  });

  it('a cap at or above the band changes nothing and is not listed', () => {
    const r = gradeSubject(qd366, 'member', { ...clean, points: 75, tasks: { total: 10, onTime: 10, exceeded: 0, completed: 10, behindSchedule: 0 } });
    expect(r).toMatchObject({ bandGrade: 'httnv', grade: 'httnv', cappedBy: [] });
  });

  it('lists every cap that lowered the grade, most severe first', () => {
    const r = gradeSubject(qd366, 'member', { ...clean, shortcomingsRemedied: false, disciplinedInPeriod: true });
    expect(r.grade).toBe('khtnv');
    expect(r.cappedBy.map((c) => [c.rule, c.cap])).toEqual([
      ['disciplined', 'khtnv'],
      ['shortcomings_not_remedied', 'httnv'],
    ]);
  });

  it('a share sitting exactly on the threshold is not under it (3/10 exceeded = 30%)', () => {
    const r = gradeSubject(qd366, 'member', { ...clean, tasks: { total: 10, onTime: 10, exceeded: 3, completed: 10, behindSchedule: 0 } });
    expect(r.grade).toBe('htxsnv');
    // 2 of 10 subordinate units = 20% is not over 20%: the collective is held at HTTNV by the other rule, not KHTNV.
    expect(gradeSubject(qd366, 'organisation', { ...clean, subordinateUnits: { total: 10, disciplined: 2 } }).grade).toBe('httnv');
  });

  it('a cell with no subordinate units is not blocked by the subordinate rules', () => {
    expect(gradeSubject(qd124, 'organisation', { ...clean, subordinateUnits: { total: 0, disciplined: 0 } }).grade).toBe('htxsnv');
  });

  it('member-only rules do not touch organisations and the other way round', () => {
    expect(gradeSubject(qd366, 'organisation', { ...clean, disciplinedInPeriod: true }).grade).toBe('htxsnv');
    expect(gradeSubject(qd366, 'member', { ...clean, leadershipDisciplined: true }).grade).toBe('htxsnv');
  });

  it('the English text reads too', async () => {
    const { t } = await import('../../src/i18n/messages.ts');
    const [c] = gradeSubject(qd366, 'member', { ...clean, tasks: { total: 10, onTime: 10, exceeded: 2, completed: 10, behindSchedule: 0 } }).cappedBy;
    expect(t('en', c!.reason.key, c!.reason.params)).toBe('2/10 tasks exceeded requirements (under 30%): at most HTTNV.');
  });
});

describe('scoring the criteria of a self-assessment', () => {
  it.each(both)('under %s, the criteria of each subject add up to 100 points', (_n, rules) => {
    for (const subject of ['member', 'organisation'] as const) {
      expect(rules.criteria.filter((c) => c.subjects.includes(subject)).reduce((s, c) => s + c.maxPoints, 0)).toBe(100);
    }
  });

  it('QĐ 366: the general criteria (30) and the task results (70) make the points, half points kept', () => {
    expect(totalPoints(qd366, 'member', { general: 27.5, task_results: 62.49 })).toEqual({ points: 89.99, missing: [] });
    expect(gradeSubject(qd366, 'member', { ...clean, points: totalPoints(qd366, 'member', { general: 27.5, task_results: 62.49 }).points }).grade).toBe(
      'httnv',
    );
    expect(totalPoints(qd366, 'member', { general: 28 })).toEqual({ points: 28, missing: ['task_results'] });
  });

  it('refuses points above a criterion, and a criterion of the other subject', () => {
    expect(() => totalPoints(qd366, 'member', { general: 31, task_results: 60 })).toThrow(RangeError);
    expect(() => totalPoints(qd124, 'member', { party_building: 20 })).toThrow(RangeError);
  });

  it('refuses a loaded set whose criteria do not add up to the scale', () => {
    const criteria = qd366.criteria.map((c) => (c.key === 'general' ? { ...c, maxPoints: 20 } : c));
    expect(gradingRulesSchema.safeParse({ ...qd366, criteria }).success).toBe(false);
  });

  it('names the groups of similar roles the quota counts within', () => {
    expect(qd366.roleGroups.map((g) => g.key)).toEqual(['lanh_dao_quan_ly', 'khong_giu_chuc_vu', 'ngoai_he_thong_chinh_tri']);
  });
});

describe('properties of the caps', () => {
  const rating = fc.constantFrom(...RATINGS);
  const facts = fc
    .record(
      {
        points: fc.integer({ min: 0, max: 10000 }).map((n) => n / 100),
        total: fc.integer({ min: 0, max: 20 }),
        onTime: fc.nat(20),
        exceeded: fc.nat(20),
        completed: fc.nat(20),
        ratings: fc.array(rating, { maxLength: 4 }),
        taskResultRating: fc.option(rating, { nil: undefined }),
        disciplinedInPeriod: fc.option(fc.boolean(), { nil: undefined }),
        shortcomingsRemedied: fc.option(fc.boolean(), { nil: undefined }),
        leadershipMemberDisciplined: fc.option(fc.boolean(), { nil: undefined }),
        units: fc.nat(15),
        disciplinedUnits: fc.nat(15),
      },
      { requiredKeys: ['points', 'total', 'onTime', 'exceeded', 'completed', 'ratings', 'units', 'disciplinedUnits'] },
    )
    .map(
      (f): GradingFacts => ({
        points: f.points,
        tasks: {
          total: f.total,
          onTime: Math.min(f.onTime, f.total),
          exceeded: Math.min(f.exceeded, f.total),
          completed: Math.min(f.completed, f.total),
          behindSchedule: f.total - Math.min(f.onTime, f.total),
        },
        criterionRatings: Object.fromEntries(f.ratings.map((r, i) => [`c${i}`, r])),
        taskResultRating: f.taskResultRating,
        disciplinedInPeriod: f.disciplinedInPeriod,
        shortcomingsRemedied: f.shortcomingsRemedied,
        leadershipMemberDisciplined: f.leadershipMemberDisciplined,
        subordinateUnits: { total: f.units, disciplined: Math.min(f.disciplinedUnits, f.units) },
      }),
    );
  const rank = (g: string) => ['htxsnv', 'httnv', 'htnv', 'khtnv'].indexOf(g);

  it.each(both)('under %s a cap never raises the grade above the band, and the reasons explain every step down', (_n, rules) => {
    fc.assert(
      fc.property(facts, fc.constantFrom('member' as const, 'organisation' as const), (f, subject) => {
        const r = gradeSubject(rules, subject, f);
        expect(rank(r.grade)).toBeGreaterThanOrEqual(rank(r.bandGrade));
        expect(r.grade === r.bandGrade).toBe(r.cappedBy.length === 0);
        if (r.cappedBy.length > 0) expect(r.cappedBy[0]!.cap).toBe(r.grade);
      }),
    );
  });

  it.each(both)('under %s a member disciplined in the period is KHTNV whatever else', (_n, rules) => {
    fc.assert(
      fc.property(facts, (f) => {
        expect(gradeSubject(rules, 'member', { ...f, disciplinedInPeriod: true }).grade).toBe('khtnv');
      }),
    );
  });
});
