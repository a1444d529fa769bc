import { describe, expect, it } from 'vitest';
import type { UnitKind } from '../../src/db/types.ts';
import { countFourGood, evaluateFourGood, type FourGoodFacts, fourGoodScaleOn, fourGoodScaleSchema } from '../../src/domain/four-good.ts';
import type { OrgUnit } from '../../src/domain/org-counting.ts';
import { builtinRuleSet, type RuleSet } from '../../src/domain/rules/load-rule-set.ts';
import { expectReadable } from '../helpers/grading-messages.ts';

const example = builtinRuleSet('four-good', 'vi-du-chi-bo-4-tot', fourGoodScaleSchema)!;
const scale = example.body;

/** Full marks everywhere, graded HTTNV, nobody disciplined. */
const full = (): FourGoodFacts => ({
  scores: Object.fromEntries(scale.groups.flatMap((g) => g.criteria.map((c) => [c.key, c.points]))),
  grade: 'httnv',
  disciplinedMembers: 0,
});

describe('the example "Chi bộ 4 tốt" scale', () => {
  it('ships as a template with its source, four groups of 25 points', () => {
    expect(example.use).toBe('template');
    expect(example.source).toContain('không phải văn bản gốc');
    expect(scale.groups.map((g) => g.criteria.reduce((s, c) => s + c.points, 0))).toEqual([25, 25, 25, 25]);
    expect(scale.ourReading?.vi).toContain('ví dụ của chibo');
  });

  it('is not in force for anyone until a committee loads it', () => {
    expect(() => fourGoodScaleOn('2023-12-31', [])).toThrow(/no four-good rule set in force/);
    const loaded: RuleSet = { ...example, use: 'default', origin: { type: 'unit', unitId: 7, id: 1 } };
    expect(fourGoodScaleOn('2023-12-31', [loaded]).body.minTotal).toBe(85);
  });

  it('a cell with full marks, graded HTTNV, reaches "4 tốt"', () => {
    expect(evaluateFourGood(scale, full())).toMatchObject({ reached: true, points: 100, maxPoints: 100, reasons: [] });
  });

  it.each([
    ['one group at 19 of 25', { attendance: 4 }, 'Nhóm "Chất lượng sinh hoạt chi bộ tốt" đạt 19/25 điểm, cần từ 20 điểm.'],
    ['every group at 21, total 84', { local_targets: 11, regular_meetings: 6, unity: 6, members_completed: 6 }, 'Tổng điểm 84/100, cần từ 85 điểm.'],
  ])('not reached with %s', (_why, scores, text) => {
    const facts = full();
    const r = evaluateFourGood(scale, { ...facts, scores: { ...facts.scores, ...scores } });
    expect(r.reached).toBe(false);
    expect(expectReadable(r.reasons)).toEqual([text]);
  });

  it('every group exactly at 20 and the total at 85 reaches it', () => {
    const facts = full();
    const r = evaluateFourGood(scale, { ...facts, scores: { ...facts.scores, local_targets: 10, regular_meetings: 5, unity: 5, members_completed: 10 } });
    expect(r.groups.map((g) => g.points)).toEqual([20, 20, 20, 25]);
    expect(r).toMatchObject({ reached: true, points: 85 });
  });

  it.each([
    [{ grade: 'htnv' as const }, 'Chi bộ xếp loại HTNV; cần từ HTTNV trở lên.'],
    [{ grade: null }, 'Chi bộ chưa được xếp loại chất lượng; cần từ HTTNV trở lên.'],
    [{ disciplinedMembers: 1 }, 'Có 1 đảng viên bị kỷ luật trong năm.'],
  ])('not reached when %o', (change, text) => {
    const r = evaluateFourGood(scale, { ...full(), ...change });
    expect(r.reached).toBe(false);
    expect(expectReadable(r.reasons)).toEqual([text]);
  });

  it('refuses a score above the criterion’s points, and a scale missing a group', () => {
    expect(() => evaluateFourGood(scale, { ...full(), scores: { ...full().scores, unity: 11 } })).toThrow(RangeError);
    expect(fourGoodScaleSchema.safeParse({ ...scale, groups: [...scale.groups.slice(0, 3), scale.groups[0]] }).success).toBe(false);
  });
});

/** Mèo Vạc 2023: 21 grassroots committees holding 308 cells, and 34 grassroots cells, under the district. */
function meoVac() {
  const units: OrgUnit[] = [];
  const add = (kind: UnitKind, parentId: number | null) => {
    units.push({ id: units.length + 1, kind, parentId });
    return units.length;
  };
  const district = add('dang_bo_huyen', add('dang_bo_tinh', null));
  const underCommittees: number[] = [];
  const committees: number[] = [];
  for (let i = 0; i < 21; i++) {
    const committee = add(i < 18 ? 'dang_bo_xa' : 'dang_bo_co_so', district);
    committees.push(committee);
    const cells = i < 20 ? 15 : 8; // 20 × 15 + 8 = 308
    for (let c = 0; c < cells; c++) underCommittees.push(add('chi_bo', committee));
  }
  const grassrootsCells = Array.from({ length: 34 }, () => add('chi_bo_co_so', district));
  return { units, underCommittees, grassrootsCells, committees };
}

describe('counting "4 tốt" cells', () => {
  it('reads Mèo Vạc 2023: 109 + 33 = 142 of 342 cells = 41,52%', () => {
    const t = meoVac();
    const reached = new Set([...t.underCommittees.slice(0, 109), ...t.grassrootsCells.slice(0, 33)]);
    const counts = countFourGood(t.units, reached, '2023-12-31');
    expect(counts).toEqual({
      reached: { n: 142, underCommittees: 109, grassrootsCells: 33 },
      cells: { n: 342, underCommittees: 308, grassrootsCells: 34 },
    });
    expect(((counts.reached.n / counts.cells.n) * 100).toFixed(2)).toBe('41.52');
  });

  it('a grassroots committee marked "4 tốt" is not a cell and does not count', () => {
    const t = meoVac();
    const counts = countFourGood(t.units, new Set([...t.committees, t.grassrootsCells[0]!]), '2023-12-31');
    expect(counts.reached).toEqual({ n: 1, underCommittees: 0, grassrootsCells: 1 });
  });

  it('counts the same tree the same way after 1/7/2025 (commune committees holding their cells)', () => {
    const t = meoVac();
    const reached = new Set([...t.underCommittees.slice(0, 109), ...t.grassrootsCells.slice(0, 33)]);
    expect(countFourGood(t.units, reached, '2025-12-31').reached).toEqual({ n: 142, underCommittees: 109, grassrootsCells: 33 });
  });
});
