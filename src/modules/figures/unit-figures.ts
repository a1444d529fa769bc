// The figures of a unit on a date (GET /figures/units/{id}?date=): members by status,
// sex, age band, ethnicity, religion, education, political-theory level and party age;
// exempted and probationary members; grassroots organisations and cells with the split;
// and the same headline figures for each sub-unit, all from the tree as it was that day.

import { sql } from 'kysely';
import { readTogether } from '../../db/read-together.ts';
import type { Db, UnitKind } from '../../db/types.ts';
import { AGE_BANDS, inBandOrder, PARTY_AGE_BANDS, share, UNKNOWN_KEY } from '../../domain/figure-bands.ts';
import { groupBy } from '../../domain/group-by.ts';
import { type CountingRules, countingRulesOn, countOrganisations, type OrgUnit } from '../../domain/org-counting.ts';
import type { RuleSet } from '../../domain/rules/load-rule-set.ts';
import { compareUnitNames } from '../../domain/vietnamese.ts';
import type { Access } from '../access/access.ts';
import type { CallerCheck } from '../auth/caller-check.ts';
import { type FiguresHead, unitForFiguresWith, unitsUnderOn } from './history.ts';
import { keptMemberAggregate } from './kept-member-counts.ts';
import { type MemberAggregate, memberAggregateOf, memberFiguresSql } from './member-figures.ts';
import { orgCountsByChild } from './org-counts-by-child.ts';
import type { UnitFiguresOut } from './schemas.ts';

interface TreeRow {
  unit_id: number;
  parent_id: number | null;
  kind: UnitKind;
  name: string;
  code: string;
  depth: number;
}

export function unitTreeSql(rootId: number, date: string) {
  return sql<TreeRow>`select uu.unit_id, uu.parent_id, uu.kind, uu.name, uu.code, uu.depth from (${unitsUnderOn([rootId], date)}) uu`;
}

const sorted = (m: ReadonlyMap<string, number>) => [...m].map(([key, n]) => ({ key, n })).sort((a, b) => b.n - a.n || a.key.localeCompare(b.key, 'vi'));
const STATUS_ORDER = ['chinh_thuc', 'du_bi', 'mien_sinh_hoat', 'dinh_chi'];

export async function unitFigures(db: Db, access: Access, unitId: number, date: string, check?: CallerCheck): Promise<UnitFiguresOut> {
  // First the unit (404 when out of scope or not existing on the date — then nothing else
  // is read), in one query with whether the caller sees its whole subtree (only then are
  // sub-units named), whether it keeps its member counts per subtree and its own counting
  // rule sets (if it, or a unit above it on that date, loaded some; else the built-in set).
  // With it, for a small unit, its tree and member aggregate (history.ts unitForFiguresWith).
  const treeAndMembers = () => ({ tree: unitTreeSql(unitId, date), members: memberFiguresSql(unitId, date) });
  const { head, reads } = await unitForFiguresWith(db, unitId, date, access.scope('read'), 'org-counting', date, treeAndMembers, check);
  const rules = countingRulesOn(date, head.ruleSets);
  // A province, a central organisation or the whole party: members from the kept
  // per-subtree counts (kept-member-counts.ts), organisations counted in SQL per child
  // (org-counts-by-child.ts); below them the tree and the scan of member facts are small.
  // (A small unit with that many members is rare; it reads both, and answers from the kept.)
  if (head.readsKeptCounts) return keptUnitFigures(db, head, rules, unitId, date);
  const { tree, members: memberRows } = reads ?? (await readTogether(db, treeAndMembers(), head.reusesPlans));
  const members = memberAggregateOf(memberRows);
  const units = tree.map((r): OrgUnit => ({ id: r.unit_id, parentId: r.depth === 0 ? null : r.parent_id, kind: r.kind }));
  const children = groupBy(
    tree.filter((r) => r.depth > 0 && r.parent_id !== null),
    (r) => r.parent_id!,
  );
  const subtree = (id: number): number[] => [id, ...(children.get(id) ?? []).flatMap((c) => subtree(c.unit_id))];
  const byId = new Map(units.map((u) => [u.id, u]));
  const subUnits = (head.whole ? (children.get(unitId) ?? []) : []).map((c) => {
    const ids = subtree(c.unit_id);
    const counts = countOrganisations(
      ids.map((id) => (id === c.unit_id ? { ...byId.get(id)!, parentId: null } : byId.get(id)!)),
      date,
      rules.body,
    );
    return {
      id: c.unit_id,
      code: c.code,
      name: c.name,
      kind: c.kind,
      childCount: (children.get(c.unit_id) ?? []).length,
      members: ids.reduce((s, id) => s + (members.perUnit.get(id) ?? 0), 0),
      cells: counts.cells.n,
      grassroots: counts.grassroots.n,
    };
  });
  return present(head.unit, date, members, { ...countOrganisations(units, date, rules.body), rule: { code: rules.code, source: rules.source } }, subUnits);
}

async function keptUnitFigures(db: Db, head: FiguresHead, rules: RuleSet<CountingRules>, unitId: number, date: string): Promise<UnitFiguresOut> {
  const [members, org] = await Promise.all([keptMemberAggregate(db, unitId, date), orgCountsByChild(db, unitId, date, rules.body)]);
  const subUnits = (head.whole ? org.children : []).map((c) => ({
    id: c.id,
    code: c.code,
    name: c.name,
    kind: c.kind,
    childCount: c.childCount,
    members: members.perUnit.get(c.id) ?? 0,
    cells: c.organisations.cells.n,
    grassroots: c.organisations.grassroots.n,
  }));
  return present(head.unit, date, members, { ...org.total, rule: { code: rules.code, source: rules.source } }, subUnits);
}

function present(
  unit: UnitFiguresOut['unit'],
  date: string,
  members: MemberAggregate,
  organisations: UnitFiguresOut['organisations'],
  subUnits: UnitFiguresOut['subUnits'],
): UnitFiguresOut {
  const total = [...members.perUnit.values()].reduce((s, n) => s + n, 0);
  const status = (k: string) => members.byStatus.get(k) ?? 0;
  const bySex = new Map<string, number>([
    ['nam', 0],
    ['nu', 0],
  ]);
  const byAge = new Map<string, number>();
  for (const [band, v] of members.byAgeBandAndSex) {
    bySex.set('nam', bySex.get('nam')! + v.nam);
    bySex.set('nu', bySex.get('nu')! + v.nu);
    byAge.set(band, v.nam + v.nu);
  }
  return {
    unit,
    date,
    members: {
      total,
      byStatus: STATUS_ORDER.map((key) => ({ key, n: status(key) })),
      bySex: [...bySex].map(([key, n]) => ({ key, n })),
      byAgeBand: inBandOrder(byAge, AGE_BANDS),
      byAgeBandAndSex: AGE_BANDS.map((b) => ({ key: b.key, ...(members.byAgeBandAndSex.get(b.key) ?? { nam: 0, nu: 0 }) })),
      byEthnicity: sorted(members.byEthnicity),
      byReligion: sorted(members.byReligion),
      byEducation: sorted(members.byEducation),
      byTheoryLevel: ['so_cap', 'trung_cap', 'cao_cap', 'cu_nhan', UNKNOWN_KEY].map((key) => ({ key, n: members.byTheoryLevel.get(key) ?? 0 })),
      byPartyAge: inBandOrder(members.byPartyAge, PARTY_AGE_BANDS, [UNKNOWN_KEY]),
    },
    exempted: share(status('mien_sinh_hoat'), total),
    probationary: share(status('du_bi'), total),
    organisations,
    subUnits: [...subUnits].sort((a, b) => compareUnitNames(a.name, b.name) || a.id - b.id),
  };
}
