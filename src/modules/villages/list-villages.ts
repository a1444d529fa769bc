// The villages of a unit's cells on a date (a cell's own, or every cell of a commune), with
// how many members lived in each that day and whether it was a white village.
import type { Db } from '../../db/types.ts';
import { todayInVietnam } from '../../domain/calendar.ts';
import { compareUnitNames } from '../../domain/vietnamese.ts';
import type { Access } from '../access/access.ts';
import { unitOn } from '../org-history/units-under.ts';
import type { VillagesOut } from './schemas.ts';
import { canManageUnit } from './village-access.ts';
import { villagesUnderOn } from './villages-on.ts';

export async function listVillages(db: Db, access: Access, unitId: number, on = todayInVietnam()): Promise<VillagesOut> {
  // Not found on a date before the unit was founded or after it was dissolved, as the figures.
  await unitOn(db, unitId, on, access.scope('read'));
  const [{ rows }, canManage] = await Promise.all([villagesUnderOn(unitId, on).execute(db), canManageUnit(db, access, unitId)]);
  rows.sort((a, b) => compareUnitNames(a.cell_name, b.cell_name) || compareUnitNames(a.name, b.name) || a.id - b.id);
  return {
    unitId,
    on,
    canManage,
    villages: rows.map((v) => ({
      id: v.id,
      name: v.name,
      kind: v.kind,
      cellId: v.cell_id,
      cellName: v.cell_name,
      establishedOn: v.established_on,
      dissolvedOn: v.dissolved_on,
      mergedIntoId: v.merged_into_id,
      decisionNumber: v.decision_number,
      residents: v.residents,
      white: v.residents === 0,
    })),
  };
}
