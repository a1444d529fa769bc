// The demo organisation tree, planned without touching a database: which units exist,
// their codes, Vietnamese names, kinds, dates, and how many members each cell has. The
// same seed always gives the same plan. Counts follow the articles' figures (Bắc Bình:
// 11 cells, 340 members; Hà Tĩnh: 627 grassroots organisations, 4,131 cells, ~100,000
// members; the country after 7/2025: 34 provinces, ~52,000 grassroots, ~300,000 cells,
// ~5.6 M members), counted the way src/domain/org-counting.ts counts them on today's date:
// each commune committee holds its village cells directly, so it is one of the grassroots
// organisations (Bắc Bình: 1 grassroots organisation, 11 cells).
import type { UnitKind } from '../../db/types.ts';
import { BAC_BINH, CENTRAL_COMMITTEES, COMMUNE_GRASSROOTS, INNER_CELLS, PLACE_SYLLABLES, PROVINCE_GRASSROOTS, PROVINCES } from './place-names.ts';
import { reorganiseProvince } from './plan-history.ts';
import { allocate, hashSeed, Rng } from './random.ts';

export type DemoScale = 'commune' | 'province' | 'nation';
export const DEMO_SCALES: readonly DemoScale[] = ['commune', 'province', 'nation'];

export type UnitProfile =
  | 'province'
  | 'commune'
  | 'committee'
  | 'village'
  | 'ward_group'
  | 'school'
  | 'police'
  | 'military'
  | 'health'
  | 'agency'
  | 'enterprise'
  | 'coop'
  | 'bank';

/** Kinds the demo writes: every unit kind, the national root and the tiers before 1/7/2025 included. */
export type DemoKind = UnitKind;

export { REORGANISATION_DATE } from './plan-history.ts';

/** A restructuring the demo's history records, as the restructuring steps write it. */
export interface DemoEvent {
  kind: 'merge' | 'move' | 'dissolve' | 'reclassify';
  effectiveOn: string;
  decisionNumber: string;
  /** Units the event touched (plan indices), so each unit's history lists it. */
  unitIndices: number[];
  /** The event's payload details; `id` turns a plan index into the unit's id. */
  details: (id: (index: number) => number) => Record<string, unknown>;
}

export interface DemoUnit {
  index: number;
  code: string;
  name: string;
  kind: DemoKind;
  parentIndex: number | null;
  establishedOn: string;
  profile: UnitProfile;
  /** Index into PROVINCES. */
  province: number;
  /** "xã Bắc Bình", for addresses; null for province-level organisations. */
  commune: string | null;
  /** "thôn Bắc Sơn", for addresses of a village cell's members. */
  village: string | null;
  /** Members placed directly in this unit (cells only). */
  memberCount: number;
  /** Units whose secretary and deputy come from this cell's members: itself first, then ancestors. */
  suppliesCommittees: number[];
  /** Dissolved on this date (a unit of the tree before 1/7/2025). */
  dissolvedOn?: string;
  /** Created by this plan event (a merge into a new unit) rather than by a 'create' of its own. */
  createdBy?: number;
  /** The unit's version before its current one, when a restructuring changed it. */
  before?: { kind: DemoKind; parentIndex: number | null; name: string };
  /** When the current version started and the plan event that started it (with `before`). */
  since?: { date: string; event: number };
}

export interface DemoTargets {
  provinces: number;
  communes: number;
  grassroots: number;
  cells: number;
  members: number;
}

export const SCALE_TARGETS: Record<DemoScale, DemoTargets> = {
  commune: { provinces: 1, communes: 1, grassroots: 1, cells: 11, members: 340 },
  province: { provinces: 1, communes: 90, grassroots: 627, cells: 4131, members: 100_000 },
  nation: { provinces: 34, communes: 3321, grassroots: 52_000, cells: 300_000, members: 5_600_000 },
};

export interface DemoPlan {
  scale: DemoScale;
  seed: number;
  units: DemoUnit[];
  /** The root every account above a province is granted on (the national root for the nation). */
  rootIndex: number;
  /** Restructurings beyond each unit's creation, in the order they were made. */
  events: DemoEvent[];
  /** Index of Đảng bộ xã Bắc Bình and of its first cell (Chi bộ thôn Bắc Sơn). */
  communeIndex: number;
  firstCellIndex: number;
  totalMembers: number;
}

export const isCellKind = (kind: DemoKind) => kind === 'chi_bo' || kind === 'chi_bo_co_so';

export const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function dateIn(rng: Rng, fromYear: number, toYear: number): string {
  return `${rng.int(fromYear, toYear)}-${pad(rng.int(1, 12), 2)}-${pad(rng.int(1, 28), 2)}`;
}

/** Syllable pairs ("Tân Phong") not yet used in `taken`. */
export function placeName(rng: Rng, taken: Set<string>): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    const a = rng.pick(PLACE_SYLLABLES);
    const b = rng.pick(PLACE_SYLLABLES);
    const name = `${a} ${b}`;
    if (a !== b && !taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  // Crowded: fall back to a numbered name, still unique.
  let n = 1;
  while (taken.has(`${rng.pick(PLACE_SYLLABLES)} ${n}`)) n++;
  const name = `${rng.pick(PLACE_SYLLABLES)} ${n}`;
  taken.add(name);
  return name;
}

const MEMBER_WEIGHT: Record<UnitProfile, [number, number]> = {
  province: [0, 0],
  commune: [0, 0],
  committee: [0, 0],
  village: [15, 45],
  ward_group: [15, 40],
  school: [8, 28],
  police: [8, 20],
  military: [5, 12],
  health: [8, 28],
  agency: [6, 22],
  enterprise: [5, 25],
  coop: [5, 12],
  bank: [6, 15],
};

class PlanBuilder {
  readonly units: DemoUnit[] = [];
  readonly events: DemoEvent[] = [];
  communeIndex = -1;
  firstCellIndex = -1;

  private readonly rng: Rng;

  constructor(rng: Rng) {
    this.rng = rng;
  }

  add(u: Omit<DemoUnit, 'index' | 'memberCount' | 'suppliesCommittees'>, memberCount = 0): number {
    const index = this.units.length;
    this.units.push({ ...u, index, memberCount, suppliesCommittees: [] });
    return index;
  }

  province(pi: number, t: Omit<DemoTargets, 'provinces'>, withBacBinh: boolean, parentIndex: number | null) {
    const rng = this.rng;
    const P = PROVINCES[pi]!;
    const first = this.units.length;
    const root = this.add({
      code: P.code,
      name: P.unitName,
      kind: 'dang_bo_tinh',
      parentIndex,
      establishedOn: dateIn(rng, 1945, 1950),
      profile: 'province',
      province: pi,
      commune: null,
      village: null,
    });

    const genericCommunes = t.communes - (withBacBinh ? 1 : 0);
    const communeNames = new Set<string>(withBacBinh ? [BAC_BINH.name] : []);
    const communes = Array.from({ length: genericCommunes }, () => ({ name: placeName(rng, communeNames), ward: rng.chance(0.15) }));

    // Grassroots organisations: the commune committees themselves (each holds cells
    // directly), then about half of the others inside communes (schools, health stations,
    // cooperatives, small enterprises), the rest directly under the province.
    const others = Math.max(0, t.grassroots - t.communes);
    const underCommunes = genericCommunes > 0 ? Math.round(others * 0.55) : 0;
    const direct = others - underCommunes;
    const grassrootsPerCommune = allocate(
      underCommunes,
      communes.map(() => rng.bell(0.2, 1.8)),
    );
    interface Grassroots {
      kind: UnitKind;
      profile: UnitProfile;
      name: string;
      cells: number;
    }
    const communeGrassroots: Grassroots[][] = communes.map((c, ci) =>
      Array.from({ length: grassrootsPerCommune[ci]! }, (_, k) => {
        const place = `${c.ward ? 'phường' : 'xã'} ${c.name}`;
        if (rng.chance(0.8)) {
          const [profile, template] = COMMUNE_GRASSROOTS.cellish[k % COMMUNE_GRASSROOTS.cellish.length]!;
          const suffix = k >= COMMUNE_GRASSROOTS.cellish.length ? ` số ${Math.floor(k / COMMUNE_GRASSROOTS.cellish.length) + 1}` : '';
          return { kind: 'chi_bo_co_so' as const, profile, name: template.replace('{c}', place) + suffix, cells: 0 };
        }
        const [profile, template] = COMMUNE_GRASSROOTS.committees[k % COMMUNE_GRASSROOTS.committees.length]!;
        return {
          kind: 'dang_bo_co_so' as const,
          profile,
          name: `${template.replace('{c}', c.name)}${k >= COMMUNE_GRASSROOTS.committees.length ? ` ${k}` : ''}`,
          cells: 0,
        };
      }),
    );
    const areaNames = new Set<string>();
    let namedCommittee = 0;
    const directGrassroots: Grassroots[] = Array.from({ length: direct }, () => {
      if (rng.chance(0.45)) {
        if (namedCommittee < PROVINCE_GRASSROOTS.committees.length) {
          const [profile, name] = PROVINCE_GRASSROOTS.committees[namedCommittee++]!;
          return { kind: 'dang_bo_co_so' as const, profile, name, cells: 0 };
        }
        const [profile, template] = PROVINCE_GRASSROOTS.generatedCommittee;
        return { kind: 'dang_bo_co_so' as const, profile, name: template.replace('{s}', placeName(rng, areaNames)), cells: 0 };
      }
      const [profile, template] = rng.pick(PROVINCE_GRASSROOTS.cellish);
      return { kind: 'chi_bo_co_so' as const, profile, name: template.replace('{s}', placeName(rng, areaNames)), cells: 0 };
    });

    // Cells (chi bộ) in communes and grassroots committees; a grassroots cell counts as a cell too.
    const allGrassroots = [...communeGrassroots.flat(), ...directGrassroots];
    const grassrootsCells = allGrassroots.filter((g) => g.kind === 'chi_bo_co_so').length;
    const chiBo = t.cells - grassrootsCells - (withBacBinh ? BAC_BINH.cells.length : 0);
    const committees = allGrassroots.filter((g) => g.kind === 'dang_bo_co_so');
    const containerWeights = [...communes.map(() => rng.bell(6, 20)), ...committees.map(() => rng.bell(2, 8))];
    const cellCounts = allocate(chiBo, containerWeights, 2);
    committees.forEach((g, i) => {
      g.cells = cellCounts[communes.length + i]!;
    });

    if (withBacBinh) this.bacBinh(pi, root);
    communes.forEach((c, ci) => {
      const place = `${c.ward ? 'phường' : 'xã'} ${c.name}`;
      const communeIndex = this.add({
        code: `${P.code}.X${pad(ci + (withBacBinh ? 2 : 1), 3)}`,
        name: `Đảng bộ ${place}`,
        kind: 'dang_bo_xa',
        parentIndex: root,
        establishedOn: dateIn(rng, 1955, 1975),
        profile: 'commune',
        province: pi,
        commune: place,
        village: null,
      });
      const code = this.units[communeIndex]!.code;
      const villages = new Set<string>();
      const cells = cellCounts[ci]!;
      for (let j = 1; j <= cells; j++) {
        const cellCode = `${code}.${pad(j, 2)}`;
        if (cells >= 6 && j === 1) {
          this.add({
            code: cellCode,
            name: `Chi bộ Công an ${c.ward ? 'phường' : 'xã'}`,
            kind: 'chi_bo',
            parentIndex: communeIndex,
            establishedOn: dateIn(rng, 2019, 2021),
            profile: 'police',
            province: pi,
            commune: place,
            village: null,
          });
        } else if (cells >= 6 && j === 2) {
          this.add({
            code: cellCode,
            name: `Chi bộ Quân sự ${c.ward ? 'phường' : 'xã'}`,
            kind: 'chi_bo',
            parentIndex: communeIndex,
            establishedOn: dateIn(rng, 1978, 1995),
            profile: 'military',
            province: pi,
            commune: place,
            village: null,
          });
        } else if (c.ward) {
          const n = cells >= 6 ? j - 2 : j;
          this.add({
            code: cellCode,
            name: `Chi bộ Tổ dân phố số ${n}`,
            kind: 'chi_bo',
            parentIndex: communeIndex,
            establishedOn: dateIn(rng, 1975, 2000),
            profile: 'ward_group',
            province: pi,
            commune: place,
            village: `tổ dân phố số ${n}`,
          });
        } else {
          const village = placeName(rng, villages);
          this.add({
            code: cellCode,
            name: `Chi bộ thôn ${village}`,
            kind: 'chi_bo',
            parentIndex: communeIndex,
            establishedOn: dateIn(rng, 1960, 1990),
            profile: 'village',
            province: pi,
            commune: place,
            village: `thôn ${village}`,
          });
        }
      }
      for (const [k, g] of communeGrassroots[ci]!.entries()) this.grassroots(g, `${code}.C${pad(k + 1, 2)}`, communeIndex, pi, place);
    });
    for (const [k, g] of directGrassroots.entries()) this.grassroots(g, `${P.code}.C${pad(k + 1, 3)}`, root, pi, null);

    this.spreadMembers(first, t.members - (withBacBinh ? BAC_BINH.cells.reduce((a, c) => a + c.members, 0) : 0));
    // The tree before 1/7/2025 (districts, the communes before the mergers), appended last.
    reorganiseProvince({
      units: this.units,
      events: this.events,
      add: (u) => this.add(u),
      rng,
      root,
      first,
      communeIndex: withBacBinh ? this.communeIndex : -1,
    });
  }

  /**
   * A party organisation directly under the Central Committee (dang_bo_truc_thuoc_tw):
   * grassroots committees with their cells, and grassroots cells, all directly under it.
   */
  central(ci: number, parentIndex: number, t: { grassroots: number; cells: number; members: number }) {
    const rng = this.rng;
    const [code, name, profile] = CENTRAL_COMMITTEES[ci]!;
    const first = this.units.length;
    const root = this.add({
      code,
      name,
      kind: 'dang_bo_truc_thuoc_tw',
      parentIndex,
      establishedOn: dateIn(rng, 1946, 1990),
      profile: 'province',
      province: 1,
      commune: null,
      village: null,
    });
    const committees = Math.max(1, Math.round(t.grassroots * 0.6));
    const grassrootsCells = t.grassroots - committees;
    const cellCounts = allocate(
      t.cells - grassrootsCells,
      Array.from({ length: committees }, () => rng.bell(2, 10)),
      2,
    );
    const areaNames = new Set<string>();
    for (let k = 0; k < t.grassroots; k++) {
      const place = placeName(rng, areaNames);
      const g =
        k < committees
          ? {
              kind: 'dang_bo_co_so' as const,
              profile,
              name: `Đảng bộ ${profile === 'police' || profile === 'military' ? 'Đơn vị' : 'Cơ quan'} ${place}`,
              cells: cellCounts[k]!,
            }
          : {
              kind: 'chi_bo_co_so' as const,
              profile,
              name: `Chi bộ ${profile === 'police' || profile === 'military' ? 'Đơn vị' : 'Cơ quan'} ${place}`,
              cells: 0,
            };
      this.grassroots(g, `${code}.C${pad(k + 1, 4)}`, root, 1, null);
    }
    this.spreadMembers(first, t.members);
  }

  /**
   * Members spread over the cells from `first` on, at least 3 a cell (the Charter's
   * minimum), more where a cell also supplies a committee above it.
   */
  private spreadMembers(first: number, total: number) {
    const rng = this.rng;
    this.assignCommitteeSuppliers(first);
    const holders = this.units.slice(first).filter((u) => isCellKind(u.kind) && u.memberCount === 0);
    const extra = holders.map((u) => 2 * (u.suppliesCommittees.length - 1));
    const counts = allocate(
      total - extra.reduce((a, b) => a + b, 0),
      holders.map((u) => rng.bell(...MEMBER_WEIGHT[u.profile])),
      3,
    );
    holders.forEach((u, i) => {
      u.memberCount = counts[i]! + extra[i]!;
    });
  }

  private grassroots(
    g: { kind: DemoKind; profile: UnitProfile; name: string; cells: number },
    code: string,
    parent: number,
    pi: number,
    commune: string | null,
  ) {
    const rng = this.rng;
    const established = dateIn(rng, g.profile === 'enterprise' ? 1995 : 1976, g.profile === 'enterprise' ? 2015 : 2008);
    const index = this.add({
      code,
      name: g.name,
      kind: g.kind,
      parentIndex: parent,
      establishedOn: established,
      profile: g.kind === 'dang_bo_co_so' ? 'committee' : g.profile,
      province: pi,
      commune,
      village: null,
    });
    const inner = INNER_CELLS[g.profile] ?? INNER_CELLS.agency!;
    for (let j = 1; j <= g.cells; j++) {
      const name = j <= inner.length ? `Chi bộ ${inner[j - 1]}` : `Chi bộ số ${j}`;
      this.add({
        code: `${code}.${pad(j, 2)}`,
        name,
        kind: 'chi_bo',
        parentIndex: index,
        establishedOn: `${Math.min(2020, Number(established.slice(0, 4)) + rng.int(0, 10))}${established.slice(4)}`,
        profile: g.profile,
        province: pi,
        commune,
        village: null,
      });
    }
  }

  private bacBinh(pi: number, root: number) {
    const P = PROVINCES[pi]!;
    const place = `xã ${BAC_BINH.name}`;
    this.communeIndex = this.add({
      code: `${P.code}.X001`,
      name: `Đảng bộ ${place}`,
      kind: 'dang_bo_xa',
      parentIndex: root,
      establishedOn: '1959-06-12',
      profile: 'commune',
      province: pi,
      commune: place,
      village: null,
    });
    BAC_BINH.cells.forEach((c, j) => {
      const index = this.add(
        {
          code: `${P.code}.X001.${pad(j + 1, 2)}`,
          name: c.name,
          kind: 'chi_bo',
          parentIndex: this.communeIndex,
          establishedOn: c.establishedOn,
          profile: c.profile,
          province: pi,
          commune: place,
          village: c.village ? `thôn ${c.village}` : null,
        },
        c.members,
      );
      if (j === 0) this.firstCellIndex = index;
    });
  }

  /**
   * Each committee (province, commune, grassroots committee) takes its secretary and
   * deputy from one cell below it: the first cell in tree order, or for a province the
   * first cell of a provincial agency when there is one.
   */
  private assignCommitteeSuppliers(first: number) {
    const supplier = new Map<number, number>();
    const units = this.units;
    for (let i = first; i < units.length; i++) {
      const u = units[i]!;
      if (!isCellKind(u.kind)) continue;
      u.suppliesCommittees = [i];
      for (let a = u.parentIndex; a !== null; a = units[a]!.parentIndex) {
        if (supplier.has(a)) continue;
        if ((units[a]!.kind === 'dang_bo_tinh' || units[a]!.kind === 'dang_bo_truc_thuoc_tw') && u.profile !== 'agency') continue;
        if (units[a]!.kind === 'toan_dang') continue;
        supplier.set(a, i);
        u.suppliesCommittees.push(a);
      }
    }
    const root = units[first]!;
    if (!supplier.has(first)) {
      const firstCell = units.slice(first).find((u) => isCellKind(u.kind));
      if (firstCell) firstCell.suppliesCommittees.push(root.index);
    }
  }
}

/** The whole tree for a scale and seed. */
export function planDemo(scale: DemoScale, seed: number): DemoPlan {
  const targets = SCALE_TARGETS[scale];
  const rng = new Rng(hashSeed(`plan:${scale}`, seed));
  const builder = new PlanBuilder(rng);
  // The nation sits under one national root, with the party organisations directly under
  // the Central Committee beside the provinces; they take a small share of every figure.
  let rootIndex = 0;
  let central = { grassroots: 0, cells: 0, members: 0 };
  if (scale === 'nation') {
    rootIndex = builder.add({
      code: 'TW',
      name: 'Đảng Cộng sản Việt Nam',
      kind: 'toan_dang',
      parentIndex: null,
      establishedOn: '1930-02-03',
      profile: 'province',
      province: 1,
      commune: null,
      village: null,
    });
    central = { grassroots: Math.round(targets.grassroots * 0.03), cells: Math.round(targets.cells * 0.03), members: Math.round(targets.members * 0.05) };
  }
  const provinces = PROVINCES.slice(0, targets.provinces);
  const weights = provinces.map((p) => p.weight);
  const split = (total: number, min: number) => (targets.provinces === 1 ? [total] : allocate(total, weights, min));
  const communes = split(targets.communes, 2);
  const grassroots = split(targets.grassroots - central.grassroots, 2);
  const cells = split(targets.cells - central.cells, 20);
  const members = split(targets.members - central.members, 500);
  for (const pi of provinces.keys()) {
    builder.province(
      pi,
      { communes: communes[pi]!, grassroots: grassroots[pi]!, cells: cells[pi]!, members: members[pi]! },
      pi === 0,
      scale === 'nation' ? rootIndex : null,
    );
  }
  if (scale === 'nation') {
    const sizes = CENTRAL_COMMITTEES.map((c) => c[3]);
    const g = allocate(central.grassroots, sizes, 2);
    const c = allocate(central.cells, sizes, 10);
    const m = allocate(central.members, sizes, 200);
    for (const ci of CENTRAL_COMMITTEES.keys()) builder.central(ci, rootIndex, { grassroots: g[ci]!, cells: c[ci]!, members: m[ci]! });
  }
  return {
    scale,
    seed,
    units: builder.units,
    events: builder.events,
    rootIndex,
    communeIndex: builder.communeIndex,
    firstCellIndex: builder.firstCellIndex,
    totalMembers: builder.units.reduce((a, u) => a + u.memberCount, 0),
  };
}
