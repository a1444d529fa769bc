// A village's end: merged into another village of the same commune (its residents live in
// the surviving village from that day), or dissolved (its residence rows end that day).
// Both are effective-dated with their decision, so the white-village figures of any earlier
// date stay as they were.
import type { Kysely } from 'kysely';
import type { DB, Db } from '../../db/types.ts';
import { formatDateVi, todayInVietnam } from '../../domain/calendar.ts';
import { badRequest, conflict } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import type { DissolveVillageInput, MergeVillageInput } from './schemas.ts';
import { type VillageRow, villageFor } from './village-access.ts';

const dateError = (code: string, params: Record<string, string> = {}) => badRequest(code, params, [{ path: 'body.effectiveOn', message: code, params }]);

function checkEnd(village: VillageRow, date: string) {
  if (village.dissolved_on !== null) throw conflict('villages.ended', { name: village.name });
  if (date > todayInVietnam()) throw dateError('villages.date_in_future');
  if (date <= village.established_on) throw dateError('villages.date_too_early', { date: formatDateVi(village.established_on) });
}

/** Ends the residence rows of the village on `date`; returns the members who lived there from then on. */
async function endResidences(trx: Db, villageId: number, date: string): Promise<number[]> {
  const later = await trx.selectFrom('member_residences').select('id').where('village_id', '=', villageId).where('valid_from', '>=', date).executeTakeFirst();
  if (later) throw conflict('villages.changed_after', { date: formatDateVi(date) });
  const open = await trx
    .selectFrom('member_residences')
    .select(['id', 'member_id'])
    .where('village_id', '=', villageId)
    .where('valid_from', '<', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
    .execute();
  if (open.length)
    await trx
      .updateTable('member_residences')
      .set({ valid_to: date })
      .where(
        'id',
        'in',
        open.map((r) => r.id),
      )
      .execute();
  return open.map((r) => r.member_id);
}

export async function mergeVillage(db: Kysely<DB>, access: Access, villageId: number, input: MergeVillageInput) {
  await db.transaction().execute(async (trx) => {
    const village = await villageFor(trx, access, villageId, 'write_members', true);
    const into = await villageFor(trx, access, input.intoVillageId, 'write_members', true);
    const date = input.effectiveOn;
    if (into.id === village.id) throw badRequest('validation', {}, [{ path: 'body.intoVillageId', message: 'villages.merge_into_itself' }]);
    checkEnd(village, date);
    if (into.dissolved_on !== null || into.established_on > date) {
      throw badRequest('validation', {}, [{ path: 'body.intoVillageId', message: 'villages.merge_target_not_open', params: { name: into.name } }]);
    }
    const moved = await endResidences(trx, village.id, date);
    if (moved.length) {
      await trx
        .insertInto('member_residences')
        .values(moved.map((member_id) => ({ member_id, village_id: into.id, valid_from: date, created_by: access.userId })))
        .execute();
    }
    await trx.updateTable('villages').set({ dissolved_on: date, merged_into_id: into.id }).where('id', '=', village.id).execute();
    await writeAudit(trx, access.userId, {
      action: 'village.merge',
      entityType: 'village',
      entityId: village.id,
      unitId: village.cell_id,
      before: { name: village.name },
      after: { intoVillageId: into.id, intoName: into.name, effectiveOn: date, decisionNumber: input.decisionNumber ?? null, memberIds: moved },
    });
  });
}

export async function dissolveVillage(db: Kysely<DB>, access: Access, villageId: number, input: DissolveVillageInput) {
  await db.transaction().execute(async (trx) => {
    const village = await villageFor(trx, access, villageId, 'write_members', true);
    checkEnd(village, input.effectiveOn);
    const ended = await endResidences(trx, village.id, input.effectiveOn);
    await trx.updateTable('villages').set({ dissolved_on: input.effectiveOn }).where('id', '=', village.id).execute();
    await writeAudit(trx, access.userId, {
      action: 'village.dissolve',
      entityType: 'village',
      entityId: village.id,
      unitId: village.cell_id,
      before: { name: village.name },
      after: { effectiveOn: input.effectiveOn, decisionNumber: input.decisionNumber ?? null, memberIds: ended },
    });
  });
}
