// Pure rules about the tree of party organisations: which kind may sit under which,
// what counts as a cell or a grassroots organisation, whose scope roots to show, and
// whether a split plan places every member and every child unit exactly once.
import type { UnitKind } from '../db/types.ts';

export const UNIT_KINDS: readonly UnitKind[] = [
  'toan_dang',
  'dang_bo_truc_thuoc_tw',
  'dang_bo_tinh',
  'dang_bo_huyen',
  'dang_bo_quan',
  'dang_bo_thi_xa',
  'dang_bo_thanh_pho',
  'dang_bo_khoi',
  'dang_bo_xa',
  'dang_bo_co_so',
  'chi_bo_co_so',
  'chi_bo',
  'dang_bo_bo_phan',
  'to_dang',
];

/** The district tier (cấp huyện) that existed until 30/6/2025. */
export const DISTRICT_KINDS: readonly UnitKind[] = ['dang_bo_huyen', 'dang_bo_quan', 'dang_bo_thi_xa', 'dang_bo_thanh_pho'];

/**
 * Cells: the units where members are placed and hold their monthly meetings (a chi bộ, or a
 * chi bộ cơ sở). How organisations are *counted* on a date is a rule set: src/domain/org-counting.ts.
 */
export const CELL_KINDS: readonly UnitKind[] = ['chi_bo', 'chi_bo_co_so'];

/** Tổ chức cơ sở đảng: the two forms of Điều lệ Đảng, Điều 21 (which units count on a date: src/domain/org-counting.ts). */
const GRASSROOTS: readonly UnitKind[] = ['dang_bo_co_so', 'chi_bo_co_so'];

// Which kind may hold which. The Charter fixes the lower levels (Điều lệ Đảng, Điều 21-24):
// a cell holds party groups only, a party group holds nothing, a grassroots committee holds
// cells and sub-committees. Above them the tree follows the levels of the party's organisation:
// - toan_dang: the provincial organisations and those directly under the Central Committee.
// - dang_bo_truc_thuoc_tw (the army, the police, the central agencies' and the Government's
//   organisations…): grassroots organisations, and intermediate committees above them, which
//   have no kind of their own here and take dang_bo_khoi.
// - dang_bo_tinh: the district tier and blocs (before 1/7/2025), communes (from 1/7/2025; a
//   commune sat under its district before), grassroots organisations directly under it.
//   Not a plain chi bộ: a cell directly under an upper-level committee is a chi bộ cơ sở.
// - the district tier and blocs: grassroots organisations; a district also holds its communes
//   (a commune committee before 1/7/2025 was a đảng bộ cơ sở, and may be entered as dang_bo_xa,
//   so that "reclassify, then move under the province" works in either order).
// - dang_bo_xa: before 1/7/2025 a grassroots committee (cells, sub-committees); from then on
//   also the grassroots organisations of schools, health stations, enterprises in the commune.
const ALLOWED_CHILDREN: Record<UnitKind, readonly UnitKind[]> = {
  toan_dang: ['dang_bo_tinh', 'dang_bo_truc_thuoc_tw'],
  dang_bo_truc_thuoc_tw: ['dang_bo_khoi', ...GRASSROOTS],
  dang_bo_tinh: [...DISTRICT_KINDS, 'dang_bo_khoi', 'dang_bo_xa', ...GRASSROOTS],
  dang_bo_huyen: ['dang_bo_xa', ...GRASSROOTS],
  dang_bo_quan: ['dang_bo_xa', ...GRASSROOTS],
  dang_bo_thi_xa: ['dang_bo_xa', ...GRASSROOTS],
  dang_bo_thanh_pho: ['dang_bo_xa', ...GRASSROOTS],
  dang_bo_khoi: [...GRASSROOTS],
  dang_bo_xa: [...GRASSROOTS, 'dang_bo_bo_phan', 'chi_bo'],
  dang_bo_co_so: ['dang_bo_bo_phan', 'chi_bo'],
  dang_bo_bo_phan: ['chi_bo'],
  chi_bo_co_so: ['to_dang'],
  chi_bo: ['to_dang'],
  to_dang: [],
};

export function canContain(parent: UnitKind, child: UnitKind): boolean {
  return ALLOWED_CHILDREN[parent].includes(child);
}

/** Unit ids along a materialised path '/1/5/23/' → [1, 5, 23]. */
export function pathIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

/** True when `path` is `ancestorPath` itself or lies below it. */
export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

export interface GrantLike {
  unitId: number;
  unitPath: string;
  includeSubtree: boolean;
}

/**
 * The units to show at the top of a caller's tree: one per grant, dropping any unit that
 * already lies inside another grant's subtree, and duplicates.
 */
export function scopeRoots(grants: readonly GrantLike[]): number[] {
  const covering = grants.filter((g) => g.includeSubtree);
  const roots: number[] = [];
  for (const g of grants) {
    const inside = covering.some((c) => c.unitId !== g.unitId && isWithin(g.unitPath, c.unitPath));
    if (!inside && !roots.includes(g.unitId)) roots.push(g.unitId);
  }
  return roots;
}

export interface SplitPart {
  memberIds: readonly number[];
  childUnitIds: readonly number[];
}

export type SplitProblem =
  | { kind: 'member_missing' | 'member_twice' | 'member_unknown'; id: number }
  | { kind: 'unit_missing' | 'unit_twice' | 'unit_unknown'; id: number };

/**
 * Checks that a split plan puts every current member and every current child unit of the
 * source in exactly one part, and nothing that is not the source's. Empty = the plan is good.
 */
export function checkSplitPlan(memberIds: readonly number[], childUnitIds: readonly number[], parts: readonly SplitPart[]): SplitProblem[] {
  const problems: SplitProblem[] = [];
  const check = (
    existing: readonly number[],
    assigned: number[],
    missing: 'member_missing' | 'unit_missing',
    twice: 'member_twice' | 'unit_twice',
    unknown: 'member_unknown' | 'unit_unknown',
  ) => {
    const seen = new Map<number, number>();
    for (const id of assigned) seen.set(id, (seen.get(id) ?? 0) + 1);
    const known = new Set(existing);
    for (const id of existing) {
      const n = seen.get(id) ?? 0;
      if (n === 0) problems.push({ kind: missing, id });
      else if (n > 1) problems.push({ kind: twice, id });
    }
    for (const id of seen.keys()) if (!known.has(id)) problems.push({ kind: unknown, id });
  };
  check(
    memberIds,
    parts.flatMap((p) => [...p.memberIds]),
    'member_missing',
    'member_twice',
    'member_unknown',
  );
  check(
    childUnitIds,
    parts.flatMap((p) => [...p.childUnitIds]),
    'unit_missing',
    'unit_twice',
    'unit_unknown',
  );
  return problems;
}
