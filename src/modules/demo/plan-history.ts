// The demo tree before the 1/7/2025 reorganisation, planned without touching a database.
// Before that date a province held districts (đảng bộ huyện, quận, thị xã, thành phố
// thuộc tỉnh) and each district the grassroots committees of its communes (đảng bộ cơ sở
// xã); on 1/7/2025 the districts were dissolved and the communes merged, each new đảng bộ
// xã directly under the province. Two ways, as the decisions did it: several old communes
// merged into a new unit, or one old commune reclassified and moved under the province
// with its neighbours merged into it (Bắc Bình absorbing Xuân Lôi). The grassroots
// organisations a district held (schools, health stations…) moved under the new commune.
// Each change becomes the event and unit versions the restructuring steps would write.

import { PROVINCES } from './place-names.ts';
import { type DemoEvent, type DemoKind, type DemoUnit, dateIn, pad, placeName } from './plan-units.ts';
import type { Rng } from './random.ts';
import { allocate } from './random.ts';

type NewUnit = Omit<DemoUnit, 'index' | 'memberCount' | 'suppliesCommittees'>;

export interface ReorganiseContext {
  units: DemoUnit[];
  events: DemoEvent[];
  add: (u: NewUnit) => number;
  rng: Rng;
  /** The province's unit and the first index of its units in the plan. */
  root: number;
  first: number;
  /** Bắc Bình's index when this province holds it, else -1. */
  communeIndex: number;
}

/** The 1/7/2025 reorganisation: districts dissolved, communes merged and placed under the province. */
export const REORGANISATION_DATE = '2025-07-01';
const DATE = REORGANISATION_DATE;
const DISTRICT_WORD: Partial<Record<DemoKind, string>> = {
  dang_bo_huyen: 'huyện',
  dang_bo_quan: 'quận',
  dang_bo_thi_xa: 'thị xã',
  dang_bo_thanh_pho: 'thành phố',
};

/** The old communes of Bắc Bình's district: Xuân Lôi merged into Bắc Bình with these two villages. */
const XUAN_LOI = { name: 'Đảng bộ xã Xuân Lôi', establishedOn: '1958-03-20', cells: ['Chi bộ thôn Hợp Thành', 'Chi bộ thôn Phú Cường'] };

export function reorganiseProvince(ctx: ReorganiseContext) {
  const { units, events, add, rng, root } = ctx;
  const province = PROVINCES[units[root]!.province]!;
  const city = province.label.startsWith('thành phố');
  const end = units.length;
  const communes: number[] = [];
  const children = new Map<number, number[]>();
  for (let i = ctx.first; i < end; i++) {
    const u = units[i]!;
    if (u.kind === 'dang_bo_xa' && u.parentIndex === root) communes.push(i);
    if (u.parentIndex !== null) {
      const list = children.get(u.parentIndex) ?? [];
      list.push(i);
      children.set(u.parentIndex, list);
    }
  }
  // Bắc Bình's district comes first, so the commune demo's history is the same at every scale.
  if (ctx.communeIndex >= 0) communes.sort((a, b) => Number(b === ctx.communeIndex) - Number(a === ctx.communeIndex));

  const decision = (n: number) => `${n}-NQ/TU`;
  const districtNames = new Set<string>(['Lập Thạch']);
  const oldCommuneNames = new Set<string>();
  let d = 0;
  for (let at = 0; at < communes.length; d++) {
    const group = communes.slice(at, at + rng.int(3, 6));
    at += group.length;
    const hasBacBinh = group.includes(ctx.communeIndex);
    const kind: DemoKind = hasBacBinh
      ? 'dang_bo_huyen'
      : city
        ? rng.weighted<DemoKind>([
            ['dang_bo_quan', 0.6],
            ['dang_bo_huyen', 0.3],
            ['dang_bo_thi_xa', 0.1],
          ])
        : rng.weighted<DemoKind>([
            ['dang_bo_huyen', 0.8],
            ['dang_bo_thi_xa', 0.1],
            ['dang_bo_thanh_pho', 0.1],
          ]);
    const place = hasBacBinh ? 'Lập Thạch' : placeName(rng, districtNames);
    const district = add({
      code: `${province.code}.H${pad(d + 1, 2)}`,
      name: `Đảng bộ ${DISTRICT_WORD[kind]} ${place}`,
      kind,
      parentIndex: root,
      establishedOn: dateIn(rng, 1951, 1954),
      profile: 'committee',
      province: units[root]!.province,
      commune: null,
      village: null,
      dissolvedOn: DATE,
    });
    for (const c of group) reorganiseCommune(ctx, c, district, children.get(c) ?? [], oldCommuneNames, decision);
    events.push({
      kind: 'dissolve',
      effectiveOn: DATE,
      decisionNumber: decision(1000 + d),
      unitIndices: [district, root],
      details: (id) => ({ unit: { id: id(district), name: units[district]!.name } }),
    });
  }
}

function reorganiseCommune(ctx: ReorganiseContext, c: number, district: number, kids: number[], names: Set<string>, decision: (n: number) => string) {
  const { units, events, add, rng, root } = ctx;
  const commune = units[c]!;
  const ward = commune.name.includes('phường');
  const level = ward ? 'phường' : 'xã';
  const cells = kids.filter((k) => units[k]!.kind === 'chi_bo');
  const grassroots = kids.filter((k) => units[k]!.kind !== 'chi_bo');
  const number = decision(c);
  const oldUnit = (code: string, name: string, establishedOn: string) =>
    add({
      code,
      name,
      kind: 'dang_bo_co_so',
      parentIndex: district,
      establishedOn,
      profile: 'committee',
      province: commune.province,
      commune: null,
      village: null,
      dissolvedOn: DATE,
    });
  const placeUnder = (child: number, parent: number, event: number) => {
    const u = units[child]!;
    if (u.establishedOn >= DATE) return;
    u.before = { kind: u.kind, parentIndex: parent, name: u.name };
    u.since = { date: DATE, event };
  };
  const mergeEvent = (sources: number[], moved: number[], created: boolean) => {
    events.push({
      kind: 'merge',
      effectiveOn: DATE,
      decisionNumber: number,
      unitIndices: [...sources, c, ...moved, district],
      details: (id) => ({
        sources: sources.map((s) => ({ id: id(s), name: units[s]!.name })),
        target: { id: id(c), name: commune.name, created },
        childUnits: moved.map((m) => ({ id: id(m), name: units[m]!.name })),
        membersMoved: 0,
      }),
    });
    return events.length - 1;
  };

  // Bắc Bình, and a quarter of the others: the commune itself goes on, reclassified as a
  // đảng bộ xã and moved under the province, and its neighbours merge into it.
  const keeps = c === ctx.communeIndex || cells.length < 2 || rng.chance(0.25);
  if (keeps) {
    events.push({
      kind: 'reclassify',
      effectiveOn: DATE,
      decisionNumber: number,
      unitIndices: [c],
      details: (id) => ({ unit: { id: id(c), name: commune.name }, from: 'dang_bo_co_so', to: 'dang_bo_xa' }),
    });
    events.push({
      kind: 'move',
      effectiveOn: DATE,
      decisionNumber: number,
      unitIndices: [c, district, root],
      details: (id) => ({
        unit: { id: id(c), name: commune.name },
        from: { id: id(district), name: units[district]!.name },
        to: { id: id(root), name: units[root]!.name },
      }),
    });
    commune.before = { kind: 'dang_bo_co_so', parentIndex: district, name: commune.name };
    commune.since = { date: DATE, event: events.length - 1 };
    let absorbed: { name: string; establishedOn: string; cells: number[] }[] = [];
    if (c === ctx.communeIndex) {
      absorbed = [{ name: XUAN_LOI.name, establishedOn: XUAN_LOI.establishedOn, cells: cells.filter((k) => XUAN_LOI.cells.includes(units[k]!.name)) }];
    } else if (cells.length >= 2) {
      const others = Math.min(rng.int(1, 2), cells.length - 1);
      const sizes = allocate(
        cells.length,
        Array.from({ length: others + 1 }, () => 1),
        1,
      );
      let from = sizes[0]!;
      absorbed = sizes.slice(1).map((n) => {
        const part = cells.slice(from, from + n);
        from += n;
        return { name: `Đảng bộ ${level} ${placeName(rng, names)}`, establishedOn: dateIn(rng, 1955, 1959), cells: part };
      });
    }
    absorbed.forEach((a, j) => {
      const old = oldUnit(`${commune.code}.CU${j + 1}`, a.name, a.establishedOn);
      const event = mergeEvent([old], a.cells, false);
      for (const k of a.cells) placeUnder(k, old, event);
    });
  } else {
    // Several old communes merged into a new one: the new unit starts on 1/7/2025.
    const k = Math.min(rng.int(2, 4), cells.length);
    const sizes = allocate(
      cells.length,
      Array.from({ length: k }, () => 1),
      1,
    );
    const bare = commune.name.replace(/^Đảng bộ (xã|phường) /, '');
    names.add(bare);
    let from = 0;
    const parts = sizes.map((n, j) => {
      const part = cells.slice(from, from + n);
      from += n;
      const name = j === 0 ? commune.name : `Đảng bộ ${level} ${placeName(rng, names)}`;
      return { old: oldUnit(`${commune.code}.CU${j + 1}`, name, dateIn(rng, 1955, 1959)), cells: part };
    });
    const event = mergeEvent(
      parts.map((p) => p.old),
      cells,
      true,
    );
    commune.establishedOn = DATE;
    commune.createdBy = event;
    for (const p of parts) for (const cell of p.cells) placeUnder(cell, p.old, event);
  }
  // What the district held inside the commune moved under the new commune.
  for (const g of grassroots) {
    events.push({
      kind: 'move',
      effectiveOn: DATE,
      decisionNumber: number,
      unitIndices: [g, district, c],
      details: (id) => ({
        unit: { id: id(g), name: units[g]!.name },
        from: { id: id(district), name: units[district]!.name },
        to: { id: id(c), name: commune.name },
      }),
    });
    placeUnder(g, district, events.length - 1);
  }
}
