// Membership growth against the year's targets (chỉ tiêu phát triển đảng viên), for a unit
// on a date: the cells under the unit that day (the tree of that day), each with the target
// its committee set for the year and the members it admitted from 1/1 to the date; the same
// summed for each unit directly under it and for the unit.
// "Admitted in cell C" = the member's admission date (ngày kết nạp, when they became dự bị)
// falls in the period and C is the cell the member was placed in on that day (or, for a
// record entered after the admission, the first cell it was placed in).
import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { CELL_KINDS } from '../../domain/unit-tree.ts';
import { compareUnitNames } from '../../domain/vietnamese.ts';
import type { Access } from '../access/access.ts';
import { unitsUnderOn } from '../org-history/units-under.ts';
import { candidatesByStageOn } from './admission-figures.ts';
import { unitForFigures } from './history.ts';

export interface CellOnRow {
  cell_id: number;
  name: string;
  /** The unit directly under the root the cell sat under (the cell itself at depth 1, null for the root). */
  child_id: number | null;
}

/** The cells under `rootId` on `date` (the root too when it is a cell), each with the child of the root it sat under. */
export async function cellsUnderOn(db: Db, rootId: number, date: string): Promise<CellOnRow[]> {
  const { rows } = await sql<CellOnRow>`
    select uu.unit_id as cell_id, uu.name,
      (select a.ancestor_id from unit_ancestry a where a.unit_id = uu.unit_id and a.depth = uu.depth - 1
          and a.valid_from <= ${date}::date and (a.valid_to is null or a.valid_to > ${date}::date)) as child_id
    from (${unitsUnderOn([rootId], date)}) uu
    where uu.kind = any(${sql.val([...CELL_KINDS])}::text[])`.execute(db);
  return rows;
}

/** Members admitted from `from` to `to` (both included) per cell of admission, for the cells given. */
export async function admittedByCell(db: Db, cellIds: readonly number[], from: string, to: string): Promise<Map<number, number>> {
  if (cellIds.length === 0) return new Map();
  const { rows } = await sql<{ cell_id: number; n: number }>`
    select pl.unit_id as cell_id, count(*)::int as n
      from members m
      join lateral (
        select p.unit_id from member_placements p
         where p.member_id = m.id and (p.valid_to is null or p.valid_to > m.admitted_on)
         order by p.valid_from limit 1) pl on true
     where m.admitted_on >= ${from}::date and m.admitted_on <= ${to}::date
       and pl.unit_id = any(${sql.val([...cellIds])}::int[])
     group by pl.unit_id`.execute(db);
  return new Map(rows.map((r) => [r.cell_id, r.n]));
}

export async function targetsByCell(db: Db, cellIds: readonly number[], year: number): Promise<Map<number, number>> {
  if (cellIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('growth_targets')
    .select(['cell_id', 'target'])
    .where('year', '=', year)
    .where('cell_id', 'in', [...cellIds])
    .execute();
  return new Map(rows.map((r) => [r.cell_id, r.target]));
}

export interface GrowthLine {
  unitId: number;
  name: string;
  /** Sum of the targets set (cells without one add nothing); null when no cell has one. */
  target: number | null;
  admitted: number;
  cells: number;
  cellsWithTarget: number;
  /** Cells whose admissions reached their target. */
  cellsReached: number;
}

export interface GrowthFigures {
  unitId: number;
  date: string;
  year: number;
  from: string;
  total: GrowthLine;
  /** Units directly under the unit (only when the caller sees its whole subtree). */
  subUnits: GrowthLine[];
  /** Each cell (only when the caller sees the whole subtree). */
  cells: GrowthLine[];
  /** Candidates of the admissions pipeline under the unit on the date. */
  candidates: { byStage: Record<string, number>; inAwarenessCourse: number };
}

function sumLines(unitId: number, name: string, lines: readonly GrowthLine[]): GrowthLine {
  const withTarget = lines.filter((l) => l.target !== null);
  return {
    unitId,
    name,
    target: withTarget.length ? withTarget.reduce((s, l) => s + l.target!, 0) : null,
    admitted: lines.reduce((s, l) => s + l.admitted, 0),
    cells: lines.reduce((s, l) => s + l.cells, 0),
    cellsWithTarget: lines.reduce((s, l) => s + l.cellsWithTarget, 0),
    cellsReached: lines.reduce((s, l) => s + l.cellsReached, 0),
  };
}

export async function growthFigures(db: Db, access: Access, unitId: number, date: string): Promise<GrowthFigures> {
  const year = Number(date.slice(0, 4));
  const from = `${year}-01-01`;
  const [{ unit, whole }, cells, subs] = await Promise.all([
    unitForFigures(db, unitId, date, access.scope('read')),
    cellsUnderOn(db, unitId, date),
    sql<{
      unit_id: number;
      name: string;
    }>`select uu.unit_id, uu.name from (${unitsUnderOn([unitId], date)}) uu where uu.depth = 1 and uu.kind <> 'to_dang'`.execute(db),
  ]);
  const ids = cells.map((c) => c.cell_id);
  const [admitted, targets] = await Promise.all([admittedByCell(db, ids, from, date), targetsByCell(db, ids, year)]);
  const cellLines = cells
    .map((c): GrowthLine & { childId: number | null } => {
      const target = targets.get(c.cell_id) ?? null;
      const n = admitted.get(c.cell_id) ?? 0;
      return {
        unitId: c.cell_id,
        name: c.name,
        target,
        admitted: n,
        cells: 1,
        cellsWithTarget: target === null ? 0 : 1,
        cellsReached: target !== null && n >= target ? 1 : 0,
        childId: c.child_id,
      };
    })
    .sort((a, b) => compareUnitNames(a.name, b.name));
  const subUnits = subs.rows
    .map((s) =>
      sumLines(
        s.unit_id,
        s.name,
        cellLines.filter((c) => c.childId === s.unit_id),
      ),
    )
    .sort((a, b) => compareUnitNames(a.name, b.name));
  const byStage = (await candidatesByStageOn(db, [unit.id], date)).get(unit.id)!;
  const answer: GrowthFigures = {
    unitId,
    date,
    year,
    from,
    total: sumLines(unit.id, unit.name, cellLines),
    subUnits: whole ? subUnits : [],
    cells: whole ? cellLines.map(({ childId: _, ...line }) => line) : [],
    candidates: { byStage: byStage, inAwarenessCourse: byStage.awareness_course },
  };
  return answer;
}
