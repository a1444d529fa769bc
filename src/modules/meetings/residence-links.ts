// Sinh hoạt nơi cư trú (QĐ 213-QĐ/TW): the residence cell records the working members who
// keep contact with it; they then see its meetings on their page and calendar. The
// member shows their party card, so the link is made by card number. A member the
// caller may read is linked at once; any other card (a member elsewhere, or nobody's)
// becomes a request their own cell accepts (residence-link-requests.ts), answered alike,
// so card numbers cannot be probed for who is a party member. A link shows the name and
// work cell (given by acceptance); the record itself only to those who may read it.

import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/types.ts';
import { LEAVING_STATUSES } from '../../domain/member-status.ts';
import { CELL_KINDS } from '../../domain/unit-tree.ts';
import { AppError, conflict } from '../../http/app-error.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { unitInScopeOr404 } from '../access/unit-in-scope-or-404.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { unitRefusal, writeRefusal } from './meeting-access.ts';
import { requestResidenceLink } from './residence-link-requests.ts';

/** 'linked' for a member the caller may read; 'requested' for every other card, known or not. */
export async function addResidenceLink(
  db: Kysely<DB>,
  access: Access,
  input: { partyCardNumber: string; unitId: number; validFrom: string; note?: string | null },
): Promise<'linked' | 'requested'> {
  return db.transaction().execute(async (trx) => {
    const unit = await trx
      .selectFrom('units')
      .select(['id', 'kind'])
      .where('id', '=', input.unitId)
      .where((eb) => unitInScope(access.scope('manage_meetings'), eb.ref('units.id')))
      .executeTakeFirst();
    if (!unit) throw await unitRefusal(trx, access, input.unitId);
    if (!CELL_KINDS.includes(unit.kind)) throw new AppError('meetings.residence_not_cell', 400);
    // A member who has left the party organisation is out of reach, like an unknown card.
    const member = await trx
      .selectFrom('members as m')
      .select(['m.id', 'm.unit_id'])
      .select((eb) => sql<boolean>`${unitInScope(access.scope('read'), eb.ref('m.unit_id'))}`.as('readable'))
      .where('m.party_card_number', '=', input.partyCardNumber)
      .where('m.status', 'not in', LEAVING_STATUSES)
      .executeTakeFirst();
    if (!member?.readable) {
      await requestResidenceLink(trx, access, unit.id, input, member?.id ?? null);
      return 'requested';
    }
    if (member.unit_id === unit.id) throw new AppError('meetings.residence_same_cell', 400);
    const open = await trx
      .selectFrom('member_residence_links')
      .select('id')
      .where('member_id', '=', member.id)
      .where('unit_id', '=', unit.id)
      .where('valid_to', 'is', null)
      .executeTakeFirst();
    if (open) throw conflict('meetings.residence_exists');
    const row = await trx
      .insertInto('member_residence_links')
      .values({
        member_id: member.id,
        unit_id: unit.id,
        valid_from: input.validFrom,
        note: input.note ?? null,
        created_by: access.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, access.userId, {
      action: 'residence_link.add',
      entityType: 'member',
      entityId: member.id,
      unitId: unit.id,
      after: { linkId: row.id, unitId: unit.id, validFrom: input.validFrom },
    });
    return 'linked';
  });
}

export async function endResidenceLink(db: Kysely<DB>, access: Access, id: number, validTo: string) {
  await db.transaction().execute(async (trx) => {
    const link = await trx
      .selectFrom('member_residence_links')
      .select(['id', 'member_id', 'unit_id', 'valid_from', 'valid_to'])
      .where('id', '=', id)
      .where((eb) => unitInScope(access.scope('manage_meetings'), eb.ref('unit_id')))
      .executeTakeFirst();
    if (!link) {
      const seen = await trx
        .selectFrom('member_residence_links')
        .select('id')
        .where('id', '=', id)
        .where((eb) => unitInScope(access.scope('read'), eb.ref('unit_id')))
        .executeTakeFirst();
      throw writeRefusal(seen, 'entities.record');
    }
    if (link.valid_to) throw conflict('meetings.residence_ended');
    if (validTo <= link.valid_from) throw new AppError('meetings.residence_bad_end', 400);
    await trx.updateTable('member_residence_links').set({ valid_to: validTo }).where('id', '=', id).execute();
    await writeAudit(trx, access.userId, {
      action: 'residence_link.end',
      entityType: 'member',
      entityId: link.member_id,
      unitId: link.unit_id,
      after: { linkId: id, validTo },
    });
  });
}

export async function listResidenceLinks(db: Kysely<DB>, access: Access, unitId: number) {
  await unitInScopeOr404(db, access.scope('read'), unitId);
  const readable = access.scope('read');
  const rows = await db
    .selectFrom('member_residence_links as r')
    .innerJoin('members as m', 'm.id', 'r.member_id')
    .innerJoin('units as u', 'u.id', 'm.unit_id')
    .select((eb) => [
      'r.id',
      'r.member_id',
      'm.full_name',
      'm.unit_id',
      'u.name as unit_name',
      'r.valid_from',
      'r.valid_to',
      'r.note',
      sql<boolean>`${unitInScope(readable, eb.ref('m.unit_id'))}`.as('visible'),
    ])
    .where('r.unit_id', '=', unitId)
    .orderBy('m.sort_key')
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    fullName: r.full_name,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    note: r.note,
    // The work cell and the record only for those who may read the member anyway: the
    // member's cell today may be one the residence cell has no business knowing (a transfer).
    memberId: r.visible ? r.member_id : null,
    workUnitId: r.visible ? r.unit_id : null,
    workUnitName: r.visible ? r.unit_name : null,
  }));
}
