// Where a member lives (nơi cư trú), effective-dated: from a date the member lives in a
// village (or in none of ours); the previous row ends that day, so "members living in
// village V on date D" stays exact for every earlier date.
import type { Kysely } from 'kysely';
import type { DB, Db } from '../../db/types.ts';
import { formatDateVi, todayInVietnam } from '../../domain/calendar.ts';
import { badRequest, conflict, notFound } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { lockWritableMember, memberReadable } from '../members/member-access.ts';
import type { ResidenceOut, SetResidenceInput } from './schemas.ts';
import { villageFor } from './village-access.ts';

/** The village, readable by the caller and in force on `date`; else a 400 on `path`. */
export async function checkVillageOn(db: Db, access: Access, villageId: number, date: string, path: string) {
  const village = await villageFor(db, access, villageId, 'read').catch(() => null);
  if (!village) throw badRequest('validation', {}, [{ path, message: 'villages.unknown_village' }]);
  if (village.established_on > date || (village.dissolved_on !== null && village.dissolved_on <= date)) {
    throw badRequest('validation', {}, [{ path, message: 'villages.not_open_on', params: { name: village.name, date: formatDateVi(date) } }]);
  }
  return village;
}

/** Writes the change of residence (rows only): ends the row in force on `date`, starts the new one. Returns the previous village. */
export async function moveResidence(trx: Db, userId: number | null, memberId: number, villageId: number | null, date: string): Promise<number | null> {
  const later = await trx.selectFrom('member_residences').select('id').where('member_id', '=', memberId).where('valid_from', '>', date).executeTakeFirst();
  if (later) throw conflict('villages.residence_changed_after', { date: formatDateVi(date) });
  const current = await trx
    .selectFrom('member_residences')
    .select(['id', 'village_id', 'valid_from'])
    .where('member_id', '=', memberId)
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
    .executeTakeFirst();
  if (current?.village_id === villageId) return villageId;
  if (current) {
    if (current.valid_from === date) await trx.deleteFrom('member_residences').where('id', '=', current.id).execute();
    else await trx.updateTable('member_residences').set({ valid_to: date }).where('id', '=', current.id).execute();
  }
  if (villageId !== null) {
    await trx.insertInto('member_residences').values({ member_id: memberId, village_id: villageId, valid_from: date, created_by: userId }).execute();
  }
  return current?.village_id ?? null;
}

export async function setResidence(db: Kysely<DB>, access: Access, memberId: number, input: SetResidenceInput): Promise<ResidenceOut> {
  return db.transaction().execute(async (trx) => {
    const member = await lockWritableMember(trx, access, memberId);
    const date = input.effectiveOn;
    if (date > todayInVietnam()) throw badRequest('validation', {}, [{ path: 'body.effectiveOn', message: 'villages.date_in_future' }]);
    if (input.villageId !== null) await checkVillageOn(trx, access, input.villageId, date, 'body.villageId');
    const before = await moveResidence(trx, access.userId, member.id, input.villageId, date);
    if (before !== input.villageId) {
      await writeAudit(trx, access.userId, {
        action: 'member.residence',
        entityType: 'member',
        entityId: member.id,
        unitId: member.unit_id,
        before: { villageId: before },
        after: { villageId: input.villageId, effectiveOn: date },
      });
    }
    return residenceHistory(trx, access, member.id);
  });
}

export async function residenceHistory(db: Db, access: Access, memberId: number): Promise<ResidenceOut> {
  const member = await db
    .selectFrom('members as m')
    .select('m.id')
    .where('m.id', '=', memberId)
    .where((eb) => memberReadable(access, eb))
    .executeTakeFirst();
  if (!member) throw notFound('entities.member');
  const rows = await db
    .selectFrom('member_residences as r')
    .innerJoin('villages as v', 'v.id', 'r.village_id')
    .select(['r.village_id', 'v.name', 'r.valid_from', 'r.valid_to'])
    .where('r.member_id', '=', memberId)
    .orderBy('r.valid_from', 'desc')
    .execute();
  return { memberId, history: rows.map((r) => ({ villageId: r.village_id, villageName: r.name, validFrom: r.valid_from, validTo: r.valid_to })) };
}
