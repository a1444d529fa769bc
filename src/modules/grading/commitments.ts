// Commitments (issue 9 item 2): a member registers for a year what they will study and do
// following Hồ Chí Minh's example and their pledge — their own, on their phone; a unit's
// committee registers the unit for an emulation movement ("Chi bộ 4 tốt", "Đảng bộ cơ sở
// 4 tốt"), the movement fitting the unit's kind on the year's last day. A registration is
// replaced by saving it again (audited with before and after). The grading entry of that
// year shows them beside the self-assessment (read-entries.ts).
import { type Kysely, sql } from 'kysely';
import type { CommitmentKind, DB, Db } from '../../db/types.ts';
import { commitmentFits, MEMBER_COMMITMENT } from '../../domain/grading-commitments.ts';
import { groupBy } from '../../domain/group-by.ts';
import { badRequest, forbidden } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { unitInScopeOr404 } from '../access/unit-in-scope-or-404.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { membersUnderOn, readUnitOn, unitOn, unitsUnderOn } from '../org-history/units-under.ts';
import { requireGradeOver } from './period-access.ts';
import type { CommitmentOut, MemberCommitmentInput, UnitCommitmentInput } from './schemas.ts';

const columns = ['c.id', 'c.year', 'c.subject', 'c.member_id', 'c.unit_id', 'c.kind', 'c.content', 'c.pledge', 'c.registered_at', 'us.display_name'] as const;

interface Row {
  id: number;
  year: number;
  subject: string;
  member_id: number | null;
  unit_id: number | null;
  kind: CommitmentKind;
  content: string;
  pledge: string | null;
  registered_at: Date;
  display_name: string | null;
}

const view = (r: Row): CommitmentOut => ({
  id: r.id,
  year: r.year,
  kind: r.kind,
  memberId: r.member_id,
  unitId: r.unit_id,
  content: r.content,
  pledge: r.pledge,
  registeredBy: r.display_name,
  registeredAt: r.registered_at.toISOString(),
});

function select(db: Db) {
  return db.selectFrom('grading_commitments as c').leftJoin('users as us', 'us.id', 'c.registered_by').select(columns);
}

async function upsert(
  trx: Db,
  access: Access,
  key: { subject: 'member'; memberId: number } | { subject: 'organisation'; unitId: number },
  values: { year: number; kind: CommitmentKind; content: string; pledge: string | null },
  auditUnit: number | null,
): Promise<number> {
  let q = trx.selectFrom('grading_commitments').select(['id', 'content', 'pledge']).where('year', '=', values.year).where('kind', '=', values.kind);
  q = key.subject === 'member' ? q.where('member_id', '=', key.memberId) : q.where('unit_id', '=', key.unitId);
  const before = await q.forUpdate().executeTakeFirst();
  const row = { content: values.content, pledge: values.pledge, registered_by: access.userId, registered_at: new Date() };
  const id = before
    ? (await trx.updateTable('grading_commitments').set(row).where('id', '=', before.id).returning('id').executeTakeFirstOrThrow()).id
    : (
        await trx
          .insertInto('grading_commitments')
          .values({
            ...row,
            year: values.year,
            kind: values.kind,
            subject: key.subject,
            member_id: key.subject === 'member' ? key.memberId : null,
            unit_id: key.subject === 'organisation' ? key.unitId : null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
  await writeAudit(trx, access.userId, {
    action: key.subject === 'member' ? 'grading.commitment.member' : 'grading.commitment.unit',
    entityType: 'grading_commitment',
    entityId: id,
    unitId: auditUnit,
    before: before ? { content: before.content, pledge: before.pledge } : null,
    after: { year: values.year, kind: values.kind, content: values.content, pledge: values.pledge },
  });
  return id;
}

/** The caller's own registration for the year. */
export async function saveMemberCommitment(db: Kysely<DB>, access: Access, input: MemberCommitmentInput): Promise<CommitmentOut> {
  const memberId = access.memberId;
  if (memberId === null) throw forbidden();
  return db.transaction().execute(async (trx) => {
    const placed = await trx
      .selectFrom('member_placements')
      .select('unit_id')
      .where('member_id', '=', memberId)
      .orderBy('valid_from', 'desc')
      .executeTakeFirst();
    const id = await upsert(
      trx,
      access,
      { subject: 'member', memberId },
      { year: input.year, kind: MEMBER_COMMITMENT, content: input.content, pledge: input.pledge },
      placed?.unit_id ?? null,
    );
    return view((await select(trx).where('c.id', '=', id).executeTakeFirstOrThrow()) as Row);
  });
}

/** A unit's registration for a movement: 404 unless the caller sees the unit, 403 unless they grade it, 400 when the movement is not for its kind. */
export async function saveUnitCommitment(db: Kysely<DB>, access: Access, unitId: number, input: UnitCommitmentInput): Promise<CommitmentOut> {
  return db.transaction().execute(async (trx) => {
    await unitInScopeOr404(trx, access.scope('read'), unitId);
    await requireGradeOver(trx, access, unitId);
    const unit = await readUnitOn(trx, unitId, `${input.year}-12-31`);
    if (!unit || !commitmentFits(input.kind, unit.kind))
      throw badRequest('validation', {}, [{ path: 'body.kind', message: `grading.commitment_not_for_kind` }]);
    const id = await upsert(
      trx,
      access,
      { subject: 'organisation', unitId },
      { year: input.year, kind: input.kind, content: input.content, pledge: null },
      unitId,
    );
    return view((await select(trx).where('c.id', '=', id).executeTakeFirstOrThrow()) as Row);
  });
}

/** The registrations of the year of the members and units under `unitId` on the year's last day. */
export async function listCommitments(db: Db, access: Access, unitId: number, year: number): Promise<CommitmentOut[]> {
  const end = `${year}-12-31`;
  await unitOn(db, unitId, end, access.scope('read'));
  const rows = await select(db)
    .where('c.year', '=', year)
    .where(
      sql<boolean>`(c.member_id in (select mu.member_id from (${membersUnderOn([unitId], end)}) mu)
        or c.unit_id in (select uu.unit_id from (${unitsUnderOn([unitId], end)}) uu))`,
    )
    .orderBy('c.subject', 'desc')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => view(r as Row));
}

/** The registrations of `year` of each member and each unit asked, for the entries of a period. */
export async function commitmentsOf(db: Db, memberIds: readonly number[], unitIds: readonly number[], year: number) {
  const rows =
    memberIds.length + unitIds.length === 0
      ? []
      : await select(db)
          .where('c.year', '=', year)
          .where((eb) =>
            eb.or([
              eb('c.member_id', 'in', memberIds.length ? [...memberIds] : [0]),
              eb.and([eb('c.subject', '=', 'organisation'), eb('c.unit_id', 'in', unitIds.length ? [...unitIds] : [0])]),
            ]),
          )
          .orderBy('c.id')
          .execute();
  const all = rows as Row[];
  return {
    byMember: groupBy(
      all.filter((r) => r.member_id !== null),
      (r) => r.member_id!,
      view,
    ),
    byUnit: groupBy(
      all.filter((r) => r.member_id === null),
      (r) => r.unit_id!,
      view,
    ),
  };
}
