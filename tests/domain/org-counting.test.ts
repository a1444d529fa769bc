import { describe, expect, it } from 'vitest';
import type { UnitKind } from '../../src/db/types.ts';
import { countingRulesOn, countOrganisations, type OrgUnit } from '../../src/domain/org-counting.ts';

/** A small tree builder: add(kind, parent) → id. */
function tree() {
  const units: OrgUnit[] = [];
  const add = (kind: UnitKind, parentId: number | null = null) => {
    units.push({ id: units.length + 1, kind, parentId });
    return units.length;
  };
  const many = (n: number, kind: UnitKind, parentId: number) => {
    for (let i = 0; i < n; i++) add(kind, parentId);
  };
  return { units, add, many };
}

/** Mèo Vạc 2023: a district holding 21 grassroots committees with 308 cells between them, and 34 grassroots cells. */
function meoVac() {
  const t = tree();
  const district = t.add('dang_bo_huyen', t.add('dang_bo_tinh'));
  // 18 communes and the township are grassroots committees (entered as dang_bo_xa or dang_bo_co_so),
  // plus two agency committees: 21 in all, with 308 cells (15 × 15 + 6 × 13 + 5).
  for (let i = 0; i < 21; i++) {
    const committee = t.add(i < 18 ? 'dang_bo_xa' : 'dang_bo_co_so', district);
    t.many(i < 15 ? 15 : 13, 'chi_bo', committee);
  }
  const last = t.units.find((u) => u.kind === 'dang_bo_co_so')!.id;
  t.many(308 - (15 * 15 + 6 * 13), 'chi_bo', last);
  t.many(34, 'chi_bo_co_so', district);
  return t.units;
}

describe('counting grassroots organisations and cells', () => {
  it('counts Mèo Vạc 2023: 21 + 34 = 55 grassroots organisations, 308 + 34 = 342 cells', () => {
    expect(countOrganisations(meoVac(), '2023-12-31')).toEqual({
      grassroots: { n: 55, committees: 21, cells: 34 },
      cells: { n: 342, underCommittees: 308, grassrootsCells: 34 },
    });
  });

  // Bắc Bình, a commune committee holding 11 village cells, before and after 1/7/2025.
  const bacBinh = () => {
    const t = tree();
    const commune = t.add('dang_bo_xa', t.add('dang_bo_tinh'));
    t.many(11, 'chi_bo', commune);
    return { t, commune };
  };

  it.each([
    ['2024-06-30', 'under the district: a grassroots committee', 'dieu-le-21'],
    ['2025-06-30', 'the day before the reorganisation', 'dieu-le-21'],
    ['2025-07-01', 'under the province, holding its village cells directly', 'qd294-xa-2025'],
    ['2026-11-30', 'today', 'qd294-xa-2025'],
  ])('counts a commune committee with 11 cells as 1 grassroots organisation and 11 cells on %s (%s)', (date, _why, code) => {
    const { t } = bacBinh();
    expect(countingRulesOn(date).code).toBe(code);
    expect(countOrganisations(t.units, date)).toEqual({
      grassroots: { n: 1, committees: 1, cells: 0 },
      cells: { n: 11, underCommittees: 11, grassrootsCells: 0 },
    });
  });

  it('from 1/7/2025, counts the commune committee only while it holds a cell directly', () => {
    const t = tree();
    const commune = t.add('dang_bo_xa', t.add('dang_bo_tinh'));
    t.many(2, 'chi_bo_co_so', commune); // the school's and the health station's grassroots cells
    const firm = t.add('dang_bo_co_so', commune); // an enterprise committee with 3 cells
    t.many(3, 'chi_bo', firm);
    expect(countOrganisations(t.units, '2025-08-01')).toEqual({
      grassroots: { n: 3, committees: 1, cells: 2 },
      cells: { n: 5, underCommittees: 3, grassrootsCells: 2 },
    });
    // Before 1/7/2025 a commune committee was a grassroots committee whatever it held.
    expect(countOrganisations(t.units, '2025-06-30').grassroots).toEqual({ n: 4, committees: 2, cells: 2 });
    // Add a village cell directly under the commune: from 1/7/2025 it now counts too.
    t.add('chi_bo', commune);
    expect(countOrganisations(t.units, '2025-08-01')).toEqual({
      grassroots: { n: 4, committees: 2, cells: 2 },
      cells: { n: 6, underCommittees: 4, grassrootsCells: 2 },
    });
  });

  it('counts cells under a sub-committee as cells under a grassroots committee, and no party group as a cell', () => {
    const t = tree();
    const committee = t.add('dang_bo_co_so');
    const sub = t.add('dang_bo_bo_phan', committee);
    const cell = t.add('chi_bo', sub);
    t.add('to_dang', cell);
    t.add('chi_bo', committee);
    expect(countOrganisations(t.units, '2024-01-01')).toEqual({
      grassroots: { n: 1, committees: 1, cells: 0 },
      cells: { n: 2, underCommittees: 2, grassrootsCells: 0 },
    });
  });

  it('counts nothing for a single cell above no committee, and nothing at all for an empty list', () => {
    expect(countOrganisations([{ id: 1, kind: 'chi_bo', parentId: 9 }], '2026-01-01').grassroots.n).toBe(0);
    expect(countOrganisations([], '2026-01-01')).toEqual({
      grassroots: { n: 0, committees: 0, cells: 0 },
      cells: { n: 0, underCommittees: 0, grassrootsCells: 0 },
    });
  });

  it('states its source and notes for each period', () => {
    const before = countingRulesOn('2024-01-01');
    const after = countingRulesOn('2026-01-01');
    expect(before.source).toContain('Điều 21');
    expect(after.source).toContain('294-QĐ/TW');
    expect(after.body.notes.vi).toContain('đảng bộ xã');
    expect(before.effectiveTo).toBe(after.effectiveFrom);
  });
});
