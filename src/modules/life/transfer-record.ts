// The record travels with the member (QĐ 4192): the receiving cell, which cannot read the
// member while they are still the sender's, sees who is sent and their whole history —
// placements and statuses with their decisions — on the transfer. Opening it is a read of
// the member's record, audited like one.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { notFound } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { transferOutOf, transferRows, transferVisible } from './transfer-rows.ts';

export async function transferRecord(db: Kysely<DB>, access: Access, id: number) {
  return db.transaction().execute(async (trx) => {
    const row = await transferRows(trx)
      .where('t.id', '=', id)
      .where((eb) => transferVisible(access, eb))
      .executeTakeFirst();
    if (!row) throw notFound('entities.record');
    const member = await trx
      .selectFrom('members')
      .select(['full_name', 'sex', 'date_of_birth', 'party_card_number', 'admitted_on', 'full_member_on', 'status', 'unit_id'])
      .where('id', '=', row.member_id)
      .executeTakeFirstOrThrow();
    const placements = await trx
      .selectFrom('member_placements as p')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .select(['u.name', 'p.valid_from', 'p.valid_to', 'p.decision_number'])
      .where('p.member_id', '=', row.member_id)
      .orderBy('p.valid_from')
      .orderBy('p.id')
      .execute();
    const statuses = await trx
      .selectFrom('member_statuses')
      .select(['status', 'valid_from', 'valid_to', 'decision_number', 'decision_on', 'issued_by'])
      .where('member_id', '=', row.member_id)
      .orderBy('valid_from')
      .orderBy('id')
      .execute();
    await writeAudit(trx, access.userId, { action: 'member.read_history', entityType: 'member', entityId: row.member_id, unitId: member.unit_id });
    return {
      transfer: transferOutOf(row),
      member: {
        fullName: member.full_name,
        sex: member.sex,
        dateOfBirth: member.date_of_birth,
        partyCardNumber: member.party_card_number,
        admittedOn: member.admitted_on,
        fullMemberOn: member.full_member_on,
        status: member.status,
      },
      placements: placements.map((p) => ({ unitName: p.name, validFrom: p.valid_from, validTo: p.valid_to, decisionNumber: p.decision_number })),
      statuses: statuses.map((s) => ({
        status: s.status,
        validFrom: s.valid_from,
        validTo: s.valid_to,
        decisionNumber: s.decision_number,
        decisionOn: s.decision_on,
        issuedBy: s.issued_by,
      })),
    };
  });
}
