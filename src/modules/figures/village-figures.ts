// White villages (bản trắng đảng viên) of a unit: villages of the cells under it where no
// member lives, at the start of the year (1/1, the tree and villages of that day) and on the
// date; the list on the date; how many of the year-start white villages had members by the
// date ("removed": members live there now). Read from villages-on.ts, the one definition.
import type { Db } from '../../db/types.ts';
import { compareUnitNames } from '../../domain/vietnamese.ts';
import type { Access } from '../access/access.ts';
import { villagesUnderOn } from '../villages/villages-on.ts';
import { candidatesInVillages } from './admission-figures.ts';
import { unitForFigures } from './history.ts';

export interface WhiteVillage {
  id: number;
  name: string;
  kind: 'thon' | 'ban' | 'to_dan_pho';
  cellId: number;
  cellName: string;
  /** Candidates in the pipeline living there (admission-figures.ts). */
  candidates?: number;
}

export interface VillageFigures {
  unitId: number;
  date: string;
  yearStart: string;
  /** White villages out of all villages, on 1/1 of the date's year. */
  atYearStart: { n: number; of: number };
  /** The same on the date. */
  onDate: { n: number; of: number };
  /** White on 1/1 and with members living there on the date. */
  removed: number;
  /** The white villages on the date (only when the caller sees the unit's whole subtree or the unit is the cell). */
  white: WhiteVillage[];
}

export async function villageFigures(db: Db, access: Access, unitId: number, date: string): Promise<VillageFigures> {
  const yearStart = `${date.slice(0, 4)}-01-01`;
  const [{ unit, whole }, start, now] = await Promise.all([
    unitForFigures(db, unitId, date, access.scope('read')),
    villagesUnderOn(unitId, yearStart).execute(db),
    villagesUnderOn(unitId, date).execute(db),
  ]);
  const whiteNow = now.rows.filter((v) => v.residents === 0);
  const inhabitedNow = new Set(now.rows.filter((v) => v.residents > 0).map((v) => v.id));
  const whiteAtStart = start.rows.filter((v) => v.residents === 0);
  const named = whole || unit.kind === 'chi_bo' || unit.kind === 'chi_bo_co_so';
  const white: WhiteVillage[] = named
    ? whiteNow
        .map((v) => ({ id: v.id, name: v.name, kind: v.kind, cellId: v.cell_id, cellName: v.cell_name }))
        .sort((a, b) => compareUnitNames(a.cellName, b.cellName) || compareUnitNames(a.name, b.name))
    : [];
  if (white.length) {
    const counts = await candidatesInVillages(
      db,
      white.map((v) => v.id),
      date,
    );
    for (const v of white) v.candidates = counts.get(v.id) ?? 0;
  }
  return {
    unitId,
    date,
    yearStart,
    atYearStart: { n: whiteAtStart.length, of: start.rows.length },
    onDate: { n: whiteNow.length, of: now.rows.length },
    removed: whiteAtStart.filter((v) => inhabitedNow.has(v.id)).length,
    white,
  };
}
