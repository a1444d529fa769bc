import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkQuota, type QuotaEntry, quotaViolations } from '../../src/domain/grading-quota.ts';
import { type Grade, gradingRulesOn } from '../../src/domain/grading-rules.ts';
import { t } from '../../src/i18n/messages.ts';
import { expectReadable } from '../helpers/grading-messages.ts';

const qd124 = gradingRulesOn('2024-12-31').body.quota;
const qd366 = gradingRulesOn('2025-12-31').body.quota;

/** A group with `top` HTXSNV, `of` HTTNV and some HTNV that do not count. */
const group = (name: string, top: number, of: number, htnv = 2): QuotaEntry[] => [
  ...Array.from({ length: top }, () => ({ group: name, grade: 'htxsnv' as Grade })),
  ...Array.from({ length: of }, () => ({ group: name, grade: 'httnv' as Grade })),
  ...Array.from({ length: htnv }, () => ({ group: name, grade: 'htnv' as Grade })),
];

describe.each([
  ['QĐ 124', qd124],
  ['QĐ 366', qd366],
])('the HTXSNV quota under %s', (_name, quota) => {
  it.each([
    [0, 0, 0, true],
    [1, 0, 0, false], // at 0: no HTTNV, no HTXSNV
    [0, 4, 0, true],
    [1, 4, 0, false], // 20% × 4 = 0.8 → 0
    [1, 5, 1, true], // exactly 20%
    [3, 15, 3, true], // exactly 20%
    [4, 20, 4, true], // exactly 20%
    [5, 20, 4, false], // just over
    [3, 17, 3, true],
    [4, 17, 3, false], // the commune demo: a 4th HTXSNV among 17 HTTNV
    [4, 19, 3, false], // 3.8 → 3
  ])('%d HTXSNV with %d HTTNV: at most %d, ok = %s', (top, of, max, ok) => {
    expect(checkQuota(quota, group('dang_vien', top, of))).toEqual([{ group: 'dang_vien', top, of, max, ok }]);
  });

  it('says the exact numbers when a 4th HTXSNV meets 17 HTTNV', () => {
    const reasons = quotaViolations(quota, group('Đảng viên', 4, 17));
    expect(expectReadable(reasons)).toEqual([
      'Nhóm Đảng viên: 4 HTXSNV > 20% × 17 HTTNV = 3. Số được xếp loại HTXSNV không được vượt quá 20% số được xếp loại HTTNV trong nhóm.',
    ]);
    expect(t('en', reasons[0]!.key, reasons[0]!.params)).toContain('4 HTXSNV > 20% × 17 HTTNV = 3');
  });
});

describe('the quota within each group of similar roles', () => {
  it('counts each group apart: one group over does not condemn the other', () => {
    const entries = [...group('cap_uy', 1, 5), ...group('dang_vien', 4, 17)];
    expect(checkQuota(qd124, entries).map((g) => [g.group, g.ok])).toEqual([
      ['cap_uy', true],
      ['dang_vien', false],
    ]);
    // Pooled, 5 ≤ 20% × 22 = 4 would be false anyway; per group the committee's 1 of 5 stands.
    expect(quotaViolations(qd124, entries).map((r) => r.params.group)).toEqual(['dang_vien']);
  });

  it('a rule set with the quota off lets any number through', () => {
    const off = { ...qd366, enabled: false };
    expect(checkQuota(off, group('g', 9, 1))).toEqual([{ group: 'g', top: 9, of: 1, max: null, ok: true }]);
    expect(quotaViolations(off, group('g', 9, 1))).toEqual([]);
  });

  it('never admits more than floor(20% × HTTNV), and always admits exactly that many', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 50 }), (of, top, htnv) => {
        const [g] = checkQuota(qd366, group('g', top, of, htnv));
        // A group with nobody in it is not a group: nothing to check. (Not `return expect(…)`:
        // fast-check reads what the property returns, and the assertion's value failed it.)
        if (top + of + htnv === 0) {
          expect(g).toBeUndefined();
          return;
        }
        const limit = Math.floor(of / 5);
        expect(g!.ok).toBe(top <= limit);
        expect(g!.max).toBe(limit);
      }),
      // The empty group is always among the cases, not only when the generator finds it.
      { examples: [[0, 0, 0]] },
    );
  });

  it('holds for any percent a province sets: ok only while top × 100 ≤ percent × HTTNV', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 300 }), (maxPercent, of, top) => {
        const [g] = checkQuota({ ...qd124, maxPercent }, group('g', top, of, 0));
        if (top + of === 0) {
          expect(g).toBeUndefined();
          return;
        }
        expect(g!.ok).toBe(top * 100 <= maxPercent * of);
      }),
      { examples: [[0, 0, 0]] },
    );
  });
});
