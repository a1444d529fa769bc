// The committee (cấp ủy / chi ủy) of a unit over time: a member takes a position from a
// date by a decision, and leaves it on a later date. One secretary at a time.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { formatDateVi } from '../../domain/calendar.ts';
import { normaliseName } from '../../domain/vietnamese.ts';
import { badRequest, conflict, notFound } from '../../http/app-error.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { presentCommitteeRow } from './get-unit.ts';
import { lockUnit } from './restructure-steps.ts';
import type { AddCommitteeInput } from './schemas.ts';

const columns = ['c.id', 'c.member_id', 'c.full_name', 'c.position', 'c.valid_from', 'c.valid_to', 'c.decision_number'] as const;

export async function addCommitteeMember(db: Kysely<DB>, access: Access, unitId: number, input: AddCommitteeInput) {
  return db.transaction().execute(async (trx) => {
    const unit = await lockUnit(trx, access, unitId);
    if (input.validFrom < unit.established_on) {
      throw badRequest('units.committee_before_established', { date: formatDateVi(unit.established_on) }, [
        { path: 'body.validFrom', message: 'units.committee_before_established_field', params: { date: formatDateVi(unit.established_on) } },
      ]);
    }
    let fullName = normaliseName(input.fullName);
    if (input.memberId != null) {
      // The member must be someone the caller can see; the record's name is the one kept.
      const member = await trx
        .selectFrom('members')
        .select(['id', 'full_name'])
        .where('id', '=', input.memberId)
        .where((eb) => unitInScope(access.scope('read'), eb.ref('members.unit_id')))
        .executeTakeFirst();
      if (!member) throw notFound('entities.member');
      fullName = member.full_name;
      const already = await trx
        .selectFrom('committee_members as c')
        .select('c.id')
        .where('c.unit_id', '=', unitId)
        .where('c.member_id', '=', member.id)
        .where((eb) => eb.or([eb('c.valid_to', 'is', null), eb('c.valid_to', '>', input.validFrom)]))
        .executeTakeFirst();
      if (already) throw conflict('units.committee_member_exists', { fullName });
    }
    if (input.position === 'bi_thu') {
      const secretary = await trx
        .selectFrom('committee_members as c')
        .select('c.full_name')
        .where('c.unit_id', '=', unitId)
        .where('c.position', '=', 'bi_thu')
        .where((eb) => eb.or([eb('c.valid_to', 'is', null), eb('c.valid_to', '>', input.validFrom)]))
        .executeTakeFirst();
      if (secretary) throw conflict('units.secretary_exists', { name: unit.name, fullName: secretary.full_name });
    }
    const row = await trx
      .insertInto('committee_members')
      .values({
        unit_id: unitId,
        member_id: input.memberId ?? null,
        full_name: fullName,
        position: input.position,
        valid_from: input.validFrom,
        decision_number: input.decisionNumber ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const created = await trx
      .selectFrom('committee_members as c')
      .select([...columns])
      .where('c.id', '=', row.id)
      .executeTakeFirstOrThrow();
    const out = presentCommitteeRow(created);
    await writeAudit(trx, access.userId, { action: 'unit.committee_add', entityType: 'unit', entityId: unitId, unitId, after: out });
    return out;
  });
}

export async function endCommitteeMember(db: Kysely<DB>, access: Access, unitId: number, committeeId: number, validTo: string) {
  return db.transaction().execute(async (trx) => {
    await lockUnit(trx, access, unitId);
    const row = await trx
      .selectFrom('committee_members as c')
      .select([...columns])
      .where('c.id', '=', committeeId)
      .where('c.unit_id', '=', unitId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('units.committee_member_entity');
    if (row.valid_to !== null) throw conflict('units.committee_already_ended', { date: formatDateVi(row.valid_to) });
    if (validTo <= row.valid_from) {
      throw badRequest('units.committee_end_before_start', { date: formatDateVi(row.valid_from) }, [
        { path: 'body.validTo', message: 'units.committee_end_before_start', params: { date: formatDateVi(row.valid_from) } },
      ]);
    }
    await trx.updateTable('committee_members').set({ valid_to: validTo }).where('id', '=', committeeId).execute();
    const out = presentCommitteeRow({ ...row, valid_to: validTo });
    await writeAudit(trx, access.userId, {
      action: 'unit.committee_end',
      entityType: 'unit',
      entityId: unitId,
      unitId,
      before: presentCommitteeRow(row),
      after: out,
    });
    return out;
  });
}
