import { describe, expect, it } from 'vitest';
import {
  arrears,
  type DuesMember,
  duesRulesFor,
  duesSettingProblems,
  type MonthPayment,
  monthlyDues,
  roundedShare,
  sharesUpTheTree,
  unpaidDuesMonths,
} from '../../src/domain/party-dues.ts';
import { builtinRuleSets } from '../../src/domain/rules/load-rule-set.ts';
import { hasMessage, t } from '../../src/i18n/messages.ts';
import { unconfirmedItemLabel } from '../../src/modules/dues/dues-reads.ts';

const due = (member: DuesMember, month: string) => monthlyDues(member, month).due;

describe('rounding to whole đồng with integers only', () => {
  it.each([
    [1, 2, 1, 1],
    [1, 3, 1, 0],
    [2, 3, 1, 1],
    [876_545_000, 10_000, 1, 87_655],
    [876_544_900, 10_000, 1, 87_654],
    [1_234_567, 100, 1000, 12_000],
    [1_250_000, 100, 1000, 13_000],
  ])('%i / %i to the nearest %i: %i', (n, d, step, result) => {
    expect(roundedShare(n, d, step)).toBe(result);
  });

  it('refuses an amount that is not whole đồng', () => {
    expect(() => roundedShare(10.5, 100)).toThrow(RangeError);
  });
});

describe('the monthly amount from the basis', () => {
  it.each([
    ['1% of the insured salary, rounded half up', { basis: 'insured_salary', earnings: { '2026-01': 8_765_450 } }, '2026-01', 87_655],
    ['1% of the insured salary, rounded down below half', { basis: 'insured_salary', earnings: { '2026-01': 8_765_449 } }, '2026-01', 87_654],
    ['0.5% of a pension', { basis: 'pension', earnings: { '2025-11': 5_432_101 } }, '2025-11', 27_161],
    ['a student under QĐ 342', { basis: 'student' }, '2025-11', 2_000],
    ['a student under QĐ 01', { basis: 'student' }, '2026-03', 5_000],
    ['another member at the amount the province set', { basis: 'other', fixedAmount: 10_000 }, '2025-11', 10_000],
    ['another member past working age pays half under QĐ 342', { basis: 'other', fixedAmount: 10_000, pastWorkingAge: true }, '2025-11', 5_000],
    ['QĐ 01 has no half rate past working age', { basis: 'other', fixedAmount: 10_000, pastWorkingAge: true }, '2026-03', 10_000],
  ] as const)('%s', (_label, member, month, amount) => {
    expect(due(member as DuesMember, month)).toBe(amount);
  });

  it('a salary that is missing is an error, not a zero', () => {
    expect(() => due({ basis: 'insured_salary', earnings: {} }, '2026-01')).toThrow(RangeError);
  });
});

describe('the switch of rule set on 3/2/2026', () => {
  const member: DuesMember = { basis: 'insured_salary', earnings: { '2026-01': 9_000_000, '2026-02': 10_000_000, '2026-03': 12_000_000 } };
  it.each([
    ['January 2026: QĐ 342, that month’s salary', '2026-01', 'qd342-2010', 90_000],
    ['February 2026: still QĐ 342 (in force on the 1st)', '2026-02', 'qd342-2010', 100_000],
    ['March 2026: QĐ 01, the previous month’s salary', '2026-03', 'qd01-2026', 100_000],
    ['April 2026: QĐ 01, March’s salary', '2026-04', 'qd01-2026', 120_000],
  ] as const)('%s', (_label, month, code, amount) => {
    const m = monthlyDues(member, month);
    expect([m.ruleSet, m.due]).toEqual([code, amount]);
  });
});

describe('exemptions', () => {
  const fifty: DuesMember = {
    basis: 'pension',
    earnings: { '2026-02': 6_000_000, '2026-03': 6_000_000, '2026-04': 6_000_000 },
    membership: { decisionOn: '1976-03-15', fullMemberOn: '1977-03-15' },
  };
  it.each([
    ['February 2026 under QĐ 342: no exemption by party age', fifty, '2026-02', null, 30_000],
    ['March 2026: 50 years completed on 15/3, exempt that month', fifty, '2026-03', 'fifty_years', 0],
    [
      '49 years 11 months at the end of March: pays',
      { ...fifty, membership: { decisionOn: '1976-04-15', fullMemberOn: '1977-04-15' } },
      '2026-03',
      null,
      30_000,
    ],
    ['the month after: exempt', { ...fifty, membership: { decisionOn: '1976-04-15', fullMemberOn: '1977-04-15' } }, '2026-04', 'fifty_years', 0],
    [
      'a poor household under QĐ 01',
      { basis: 'other', exemption: { reason: 'poor_household', from: '2026-03', to: '2026-12' } },
      '2026-05',
      'poor_household',
      0,
    ],
    ['after the exemption ends', { basis: 'other', exemption: { reason: 'poor_household', from: '2026-03', to: '2026-12' } }, '2027-01', null, 5_000],
    [
      'QĐ 342 lists no poor-household exemption',
      { basis: 'other', exemption: { reason: 'poor_household', from: '2025-01', to: null } },
      '2025-06',
      null,
      2_000,
    ],
  ] as const)('%s', (_label, member, month, exemption, amount) => {
    const m = monthlyDues(member as DuesMember, month);
    expect([m.exemption, m.due]).toEqual([exemption, amount]);
  });
});

describe('a reduction period', () => {
  const member: DuesMember = {
    basis: 'insured_salary',
    earnings: { '2026-02': 8_765_500, '2026-03': 8_765_500, '2027-02': 8_765_500, '2027-03': 8_765_500 },
    reduction: { percent: 50, from: '2026-04', months: 12 },
  };
  it.each([
    ['the month before', '2026-03', 0, 87_655],
    ['the first month: half of 87,655 is 43,827.5, rounded up', '2026-04', 50, 43_828],
    ['the twelfth month', '2027-03', 50, 43_828],
    ['the thirteenth month: full again', '2027-04', 0, 87_655],
  ] as const)('%s', (_label, month, percent, amount) => {
    const m = monthlyDues(member, month);
    expect([m.reductionPercent, m.due]).toEqual([percent, amount]);
  });

  it('refuses what the rules do not allow, in words', () => {
    const qd01 = duesRulesFor('2026-03').body;
    const problems = duesSettingProblems({ basis: 'other', fixedAmount: 40_000, reduction: { percent: 40, from: '2026-04', months: 13 } }, qd01);
    expect(problems.map((p) => t('vi', p.key, p.params))).toEqual([
      'Mức đóng 40000 đồng nằm ngoài khoảng 5000–30000 đồng một tháng của quy định đang áp dụng.',
      'Mức giảm 40% không có trong quy định; các mức được giảm: 30, 50, 70%.',
      'Mỗi lần chỉ được giảm đảng phí tối đa 12 tháng; đề nghị là 13 tháng.',
    ]);
    const qd342 = duesRulesFor('2025-06').body;
    const old = duesSettingProblems(
      { basis: 'other', exemption: { reason: 'poor_household', from: '2025-01', to: null }, reduction: { percent: 30, from: '2025-01', months: 3 } },
      qd342,
    );
    expect(old.map((p) => t('vi', p.key, p.params))).toEqual([
      'Quy định đảng phí đang áp dụng không có trường hợp miễn đóng: Thuộc hộ nghèo.',
      'Quy định đảng phí đang áp dụng không có mức giảm đảng phí.',
    ]);
    for (const p of [...problems, ...old]) expect(hasMessage('en', p.key)).toBe(true);
  });
});

describe('every exemption and reduction QĐ 01 allows', () => {
  const pensioner = (extra: Partial<DuesMember>): DuesMember => ({ basis: 'pension', earnings: { '2026-05': 4_321_099 }, ...extra });
  it.each([
    ['social_pension', 0],
    ['poor_household', 0],
    ['near_poor_household', 0],
    ['listed_illness', 0],
    ['hardship', 0],
  ] as const)('exempt for %s', (reason, amount) => {
    const m = monthlyDues(pensioner({ exemption: { reason, from: '2026-03', to: null } }), '2026-05');
    expect([m.base, m.exemption, m.due]).toEqual([21_605, reason, amount]);
  });
  // 0.5% of 4,321,099 is 21,605.495: 21,605; each reduction rounded half up to the whole đồng.
  it.each([
    [30, 15_124], // 15,123.5
    [50, 10_803], // 10,802.5
    [70, 6_482], // 6,481.5
  ])('a %i%% reduction: %i đồng', (percent, amount) => {
    expect(due(pensioner({ reduction: { percent, from: '2026-05', months: 1 } }), '2026-05')).toBe(amount);
  });
  it('an exemption takes precedence over a reduction in the same month', () => {
    const m = monthlyDues(
      pensioner({ exemption: { reason: 'listed_illness', from: '2026-05', to: '2026-05' }, reduction: { percent: 30, from: '2026-05', months: 12 } }),
      '2026-05',
    );
    expect([m.exemption, m.reductionPercent, m.due]).toEqual(['listed_illness', 0, 0]);
  });
});

describe('arrears and dues unpaid 3 months within a year', () => {
  const pay = (month: string, paid: number, extra: Partial<MonthPayment> = {}): MonthPayment => ({ month, due: 50_000, paid, ...extra });

  it('adds up what is owed; paying more is voluntary and settles no other month', () => {
    expect(arrears([pay('2026-03', 0), pay('2026-01', 20_000), pay('2026-02', 80_000), pay('2026-04', 50_000)])).toEqual({
      total: 80_000,
      months: [
        { month: '2026-01', owed: 30_000 },
        { month: '2026-03', owed: 50_000 },
      ],
      extra: 30_000,
    });
  });

  const rules = duesRulesFor('2026-06').body;
  const q2 = { from: '2026-04-01', to: '2026-06-30' };
  it.each([
    ['January, March and June unpaid', [pay('2026-01', 0), pay('2026-02', 50_000), pay('2026-03', 0), pay('2026-06', 0)], ['2026-01', '2026-03', '2026-06']],
    ['a month paid in part is arrears, not unpaid', [pay('2026-01', 0), pay('2026-03', 10_000), pay('2026-06', 0)], null],
    ['a deferral agreed for March', [pay('2026-01', 0), pay('2026-03', 0, { excused: true }), pay('2026-06', 0)], null],
    ['an exempt month owes nothing', [pay('2026-01', 0), pay('2026-03', 0, { due: 0 }), pay('2026-06', 0)], null],
    ['June 2025, December 2025, June 2026: 13 months apart', [pay('2025-06', 0), pay('2025-12', 0), pay('2026-06', 0)], null],
  ] as const)('%s', (_label, payments, months) => {
    expect(unpaidDuesMonths(payments, rules, q2)).toEqual(months);
  });
});

describe('shares kept and remitted up the tree', () => {
  const rules = duesRulesFor('2026-06').body;
  it('a village cell under a commune committee', () => {
    expect(sharesUpTheTree(1_000_000, ['cell_under_committee', 'grassroots_commune', 'above_grassroots'], rules)).toEqual([
      { level: 'cell_under_committee', received: 1_000_000, kept: 300_000, remitted: 700_000 },
      { level: 'grassroots_commune', received: 700_000, kept: 630_000, remitted: 70_000 },
      { level: 'above_grassroots', received: 70_000, kept: 70_000, remitted: 0 },
    ]);
  });

  it('an odd amount: each share rounded down, nothing lost', () => {
    const shares = sharesUpTheTree(12_345, ['cell_under_committee', 'grassroots_commune', 'above_grassroots'], rules);
    expect(shares.map((s) => s.kept)).toEqual([3_703, 7_777, 865]);
    expect(shares.reduce((sum, s) => sum + s.kept, 0)).toBe(12_345);
  });

  it('names every level, basis and exemption in both languages, and says which QĐ 01 values are unconfirmed', () => {
    for (const lang of ['vi', 'en'] as const) {
      for (const k of [
        'level.cell_under_committee',
        'level.above_grassroots',
        'basis.insured_salary',
        'basis.other',
        'exemption.fifty_years',
        'exemption.listed_illness',
      ]) {
        expect(hasMessage(lang, `dues.${k}`), `${lang} ${k}`).toBe(true);
      }
    }
    expect(rules.unconfirmed).toContain('retentionPercent');
  });
});

describe("the items a dues rule set marks as chibo's reading", () => {
  it('each has words in Vietnamese and English, for the sheet and the exports', () => {
    for (const set of builtinRuleSets('dues'))
      for (const item of (set.body as { unconfirmed: string[] }).unconfirmed)
        for (const lang of ['vi', 'en'] as const) expect(unconfirmedItemLabel(lang, item), `${set.code}: ${item} (${lang})`).not.toMatch(/^dues\./);
  });
});
