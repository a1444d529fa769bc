// A member's history: the cells they belonged to, their statuses with the decisions, their
// education, political-theory level and religion over time, and the changes to their
// record from the audit trail (reads are left out: they change nothing).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { notFound } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { resolveAuditNames } from '../audit/resolve-names.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { memberReadable } from './member-access.ts';

export async function memberHistory(db: Kysely<DB>, access: Access, id: number) {
  return db.transaction().execute(async (trx) => {
    const member = await trx
      .selectFrom('members as m')
      .select(['m.id', 'm.unit_id', 'm.education', 'm.theory_level', 'm.religion'])
      .where('m.id', '=', id)
      .where((eb) => memberReadable(access, eb))
      .executeTakeFirst();
    if (!member) throw notFound('entities.member');
    const placements = await trx
      .selectFrom('member_placements as p')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .select(['p.unit_id', 'u.name', 'p.valid_from', 'p.valid_to', 'p.decision_number', 'p.reason'])
      .where('p.member_id', '=', id)
      .orderBy('p.valid_from')
      .orderBy('p.id')
      .execute();
    const statuses = await trx
      .selectFrom('member_statuses')
      .select(['status', 'valid_from', 'valid_to', 'decision_number', 'decision_on', 'issued_by', 'note'])
      .where('member_id', '=', id)
      .orderBy('valid_from')
      .orderBy('id')
      .execute();
    const earlier = await trx
      .selectFrom('member_attribute_history')
      .select(['valid_from', 'valid_to', 'education', 'theory_level', 'religion'])
      .where('member_id', '=', id)
      .orderBy('valid_to')
      .execute();
    const changes = await trx
      .selectFrom('audit_log as a')
      .leftJoin('users as usr', 'usr.id', 'a.actor_user_id')
      .select(['a.at', 'usr.username', 'a.action', 'a.entity_type', 'a.entity_id', 'a.unit_id', 'a.before', 'a.after'])
      .where('a.entity_type', '=', 'member')
      .where('a.entity_id', '=', String(id))
      .where('a.action', 'not like', 'member.read%')
      .orderBy('a.id', 'desc')
      .limit(500)
      .execute();
    // Cells, members and accounts named in the changes, as the audit page names them.
    const names = await resolveAuditNames(
      trx,
      access,
      changes.map((c) => ({ entityType: c.entity_type, entityId: c.entity_id, unitId: c.unit_id, before: c.before, after: c.after })),
    );
    // The changes carry the personal record's old values, so looking at them is a read too.
    await writeAudit(trx, access.userId, { action: 'member.read_history', entityType: 'member', entityId: id, unitId: member.unit_id });
    return {
      placements: placements.map((p) => ({
        unitId: p.unit_id,
        unitName: p.name,
        validFrom: p.valid_from,
        validTo: p.valid_to,
        decisionNumber: p.decision_number,
        reason: p.reason,
      })),
      statuses: statuses.map((s) => ({
        status: s.status,
        validFrom: s.valid_from,
        validTo: s.valid_to,
        decisionNumber: s.decision_number,
        // Only when recorded, so older records read as they did.
        ...(s.decision_on ? { decisionOn: s.decision_on } : {}),
        ...(s.issued_by ? { issuedBy: s.issued_by } : {}),
        note: s.note,
      })),
      attributes: [
        ...earlier,
        {
          valid_from: earlier.at(-1)?.valid_to ?? null,
          valid_to: null,
          education: member.education,
          theory_level: member.theory_level,
          religion: member.religion,
        },
      ].map((a) => ({ validFrom: a.valid_from, validTo: a.valid_to, education: a.education, theoryLevel: a.theory_level, religion: a.religion })),
      changes: changes.map((c) => ({ at: c.at.toISOString(), actor: c.username, action: c.action, before: c.before, after: c.after })),
      names,
    };
  });
}
