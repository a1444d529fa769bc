import { describe, expect, it } from 'vitest';
import type { UnitKind } from '../../src/db/types.ts';
import { formatDateVi, todayInVietnam } from '../../src/domain/calendar.ts';
import { canContain, checkSplitPlan, isWithin, pathIds, scopeRoots } from '../../src/domain/unit-tree.ts';

describe('which kind may sit under which', () => {
  it.each<[UnitKind, UnitKind, boolean]>([
    ['dang_bo_tinh', 'dang_bo_xa', true],
    ['dang_bo_xa', 'chi_bo', true],
    ['dang_bo_xa', 'dang_bo_tinh', false],
    ['dang_bo_co_so', 'chi_bo', true],
    ['dang_bo_co_so', 'dang_bo_bo_phan', true],
    ['dang_bo_co_so', 'dang_bo_co_so', false],
    ['dang_bo_bo_phan', 'chi_bo', true],
    ['chi_bo', 'to_dang', true],
    ['chi_bo', 'chi_bo', false],
    ['chi_bo_co_so', 'to_dang', true],
    ['chi_bo_co_so', 'chi_bo', false],
    ['to_dang', 'to_dang', false],
    // The national root and the tiers before 1/7/2025.
    ['toan_dang', 'dang_bo_tinh', true],
    ['toan_dang', 'dang_bo_truc_thuoc_tw', true],
    ['toan_dang', 'dang_bo_xa', false],
    ['dang_bo_tinh', 'toan_dang', false],
    ['dang_bo_tinh', 'dang_bo_tinh', false],
    ['dang_bo_tinh', 'dang_bo_huyen', true],
    ['dang_bo_tinh', 'dang_bo_khoi', true],
    ['dang_bo_tinh', 'chi_bo', false],
    ['dang_bo_huyen', 'dang_bo_co_so', true],
    ['dang_bo_huyen', 'dang_bo_xa', true],
    ['dang_bo_huyen', 'chi_bo_co_so', true],
    ['dang_bo_huyen', 'chi_bo', false],
    ['dang_bo_huyen', 'dang_bo_huyen', false],
    ['dang_bo_thanh_pho', 'dang_bo_co_so', true],
    ['dang_bo_khoi', 'chi_bo_co_so', true],
    ['dang_bo_khoi', 'dang_bo_xa', false],
    ['dang_bo_truc_thuoc_tw', 'dang_bo_co_so', true],
    ['dang_bo_truc_thuoc_tw', 'dang_bo_tinh', false],
    ['dang_bo_xa', 'chi_bo_co_so', true],
    ['dang_bo_xa', 'dang_bo_huyen', false],
    ['dang_bo_xa', 'to_dang', false],
  ])('%s ⊃ %s: %s', (parent, child, ok) => expect(canContain(parent, child)).toBe(ok));
});

describe('paths', () => {
  it('reads the ids along a path', () => expect(pathIds('/1/5/23/')).toEqual([1, 5, 23]));
  it('knows a unit lies within itself and its ancestors, not beside them', () => {
    expect(isWithin('/1/5/23/', '/1/5/')).toBe(true);
    expect(isWithin('/1/5/', '/1/5/')).toBe(true);
    expect(isWithin('/1/55/', '/1/5/')).toBe(false);
  });
});

describe('scope roots', () => {
  it('drops a grant that lies inside another subtree grant, and duplicates', () => {
    expect(
      scopeRoots([
        { unitId: 5, unitPath: '/1/5/', includeSubtree: true },
        { unitId: 23, unitPath: '/1/5/23/', includeSubtree: false },
        { unitId: 7, unitPath: '/1/7/', includeSubtree: false },
        { unitId: 7, unitPath: '/1/7/', includeSubtree: true },
        { unitId: 70, unitPath: '/1/7/70/', includeSubtree: true },
      ]),
    ).toEqual([5, 7]);
  });
  it('keeps a unit next to a this-unit-only grant above it', () => {
    expect(
      scopeRoots([
        { unitId: 5, unitPath: '/1/5/', includeSubtree: false },
        { unitId: 23, unitPath: '/1/5/23/', includeSubtree: true },
      ]),
    ).toEqual([5, 23]);
  });
});

describe('split plan', () => {
  it('accepts a plan that places everyone exactly once', () => {
    expect(
      checkSplitPlan(
        [1, 2, 3],
        [10],
        [
          { memberIds: [1, 2], childUnitIds: [10] },
          { memberIds: [3], childUnitIds: [] },
        ],
      ),
    ).toEqual([]);
  });
  it("reports members and units left out, placed twice, or not the source's", () => {
    expect(
      checkSplitPlan(
        [1, 2, 3],
        [10, 11],
        [
          { memberIds: [1, 9], childUnitIds: [10] },
          { memberIds: [1], childUnitIds: [10, 12] },
        ],
      ),
    ).toEqual([
      { kind: 'member_twice', id: 1 },
      { kind: 'member_missing', id: 2 },
      { kind: 'member_missing', id: 3 },
      { kind: 'member_unknown', id: 9 },
      { kind: 'unit_twice', id: 10 },
      { kind: 'unit_missing', id: 11 },
      { kind: 'unit_unknown', id: 12 },
    ]);
  });
});

describe('dates', () => {
  it('shows dates the Vietnamese way', () => expect(formatDateVi('2025-07-01')).toBe('01/07/2025'));
  it('takes today in Vietnam time', () => {
    expect(todayInVietnam(new Date('2025-06-30T17:30:00Z'))).toBe('2025-07-01');
    expect(todayInVietnam(new Date('2025-06-30T16:30:00Z'))).toBe('2025-06-30');
  });
});
