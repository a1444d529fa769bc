// Yearly admission targets (chỉ tiêu kết nạp đảng viên) a committee sets for the cells under
// it: read as a table of cells with a number each (and what each admitted so far), written
// as the whole table or part of it. Setting them takes write_members over the committee's
// unit; a cell's own secretary reads its target but sets none (the committee above does),
// unless the unit is a grassroots cell (chi bộ cơ sở), which sets its own.
import type { Kysely } from 'kysely';
import type { DB, Db } from '../../db/types.ts';
import { todayInVietnam } from '../../domain/calendar.ts';
import { compareUnitNames } from '../../domain/vietnamese.ts';
import { AppError, badRequest, type FieldError } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { unitInScopeOr404 } from '../access/unit-in-scope-or-404.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { admittedByCell, cellsUnderOn, targetsByCell } from '../figures/growth-figures.ts';
import type { SetTargetsInput, TargetsOut } from './schemas.ts';
import { canManageUnit } from './village-access.ts';

/** The day whose tree names the cells of a year: 31/12, or today during the year. */
function treeDay(year: number): string {
  const today = todayInVietnam();
  const end = `${year}-12-31`;
  // A future year's cells are today's.
  return end < today ? end : today;
}

/** Cells a unit sets targets for on the day: those under it, and itself when it is a grassroots cell. */
async function targetCells(db: Db, unitId: number, unitKind: string, day: string) {
  const cells = await cellsUnderOn(db, unitId, day);
  return cells.filter((c) => c.cell_id !== unitId || unitKind === 'chi_bo_co_so');
}

export async function listTargets(db: Db, access: Access, unitId: number, year = Number(todayInVietnam().slice(0, 4))): Promise<TargetsOut> {
  const unit = await unitInScopeOr404(db, access.scope('read'), unitId);
  const on = treeDay(year);
  const cells = (await cellsUnderOn(db, unitId, on)).sort((a, b) => compareUnitNames(a.name, b.name));
  const ids = cells.map((c) => c.cell_id);
  const [targets, admitted, canManage] = await Promise.all([
    targetsByCell(db, ids, year),
    admittedByCell(db, ids, `${year}-01-01`, on),
    canManageUnit(db, access, unitId),
  ]);
  const settable = canManage && (cells.some((c) => c.cell_id !== unitId) || unit.kind === 'chi_bo_co_so');
  return {
    unitId,
    year,
    on,
    canManage: settable,
    cells: cells.map((c) => ({ cellId: c.cell_id, name: c.name, target: targets.get(c.cell_id) ?? null, admitted: admitted.get(c.cell_id) ?? 0 })),
  };
}

export async function setTargets(db: Kysely<DB>, access: Access, unitId: number, input: SetTargetsInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const unit = await unitInScopeOr404(trx, access.scope('read'), unitId);
    if (!(await canManageUnit(trx, access, unitId))) throw new AppError('forbidden', 403);
    const allowed = new Set((await targetCells(trx, unitId, unit.kind, treeDay(input.year))).map((c) => c.cell_id));
    const errors: FieldError[] = [];
    const seen = new Set<number>();
    input.targets.forEach((t, i) => {
      if (!allowed.has(t.cellId) || seen.has(t.cellId)) errors.push({ path: `body.targets.${i}.cellId`, message: 'growth_targets.not_a_cell_below' });
      seen.add(t.cellId);
    });
    if (errors.length) throw badRequest('validation', {}, errors);
    const ids = input.targets.map((t) => t.cellId);
    const before = await targetsByCell(trx, ids, input.year);
    const clear = input.targets.filter((t) => t.target === null).map((t) => t.cellId);
    if (clear.length) await trx.deleteFrom('growth_targets').where('year', '=', input.year).where('cell_id', 'in', clear).execute();
    const set = input.targets.filter((t) => t.target !== null);
    if (set.length) {
      await trx
        .insertInto('growth_targets')
        .values(set.map((t) => ({ cell_id: t.cellId, year: input.year, target: t.target!, set_by_unit_id: unitId, set_by: access.userId })))
        .onConflict((oc) =>
          oc.columns(['cell_id', 'year']).doUpdateSet((eb) => ({
            target: eb.ref('excluded.target'),
            set_by_unit_id: eb.ref('excluded.set_by_unit_id'),
            set_by: eb.ref('excluded.set_by'),
            updated_at: new Date(),
          })),
        )
        .execute();
    }
    await writeAudit(trx, access.userId, {
      action: 'growth_target.set',
      entityType: 'unit',
      entityId: unitId,
      unitId,
      before: { year: input.year, targets: ids.map((cellId) => ({ cellUnitId: cellId, target: before.get(cellId) ?? null })) },
      after: { year: input.year, targets: input.targets.map((t) => ({ cellUnitId: t.cellId, target: t.target })) },
    });
  });
}
