// Sinh hoạt nơi cư trú by request (QĐ 213, issue 6 item 4). A residence cell that types
// the card number of a member it may not read gets no answer about that person: the same
// 202 whether the card is a member's or nobody's. The request goes to the member's own
// cell (manage_meetings over the member's cell: its secretary and committee, or the
// organisation board above), who accepts or declines it; only an accepted request makes a
// link, and only then does the residence cell see the name and work cell. A request for
// an unknown card reaches nobody and stays pending on the residence cell's own list.

import { type Kysely, sql } from 'kysely';
import type { DB, Db } from '../../db/types.ts';
import { conflict } from '../../http/app-error.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { unitInScopeOr404 } from '../access/unit-in-scope-or-404.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { throttle } from '../auth/throttle.ts';
import { writeRefusal } from './meeting-access.ts';

export interface ResidenceRequestInput {
  partyCardNumber: string;
  validFrom: string;
  note?: string | null;
}

/** At most this many requests per person and hour: typing card numbers is no way to find members. */
export const RESIDENCE_REQUESTS = { kind: 'residence_link.request', limit: 20, windowMinutes: 60 } as const;

/**
 * Creates (or repeats) the request: the same work for a known and an unknown card, counted
 * against the person's hourly limit first (in the request's transaction, which commits for
 * both; past the limit the 429 rolls back only the attempt over it).
 */
export async function requestResidenceLink(trx: Db, access: Access, unitId: number, input: ResidenceRequestInput, memberId: number | null): Promise<void> {
  await throttle(trx, RESIDENCE_REQUESTS, String(access.userId));
  const row = await trx
    .insertInto('residence_link_requests')
    .values({
      unit_id: unitId,
      party_card_number: input.partyCardNumber,
      member_id: memberId,
      valid_from: input.validFrom,
      note: input.note ?? null,
      requested_by: access.userId,
    })
    .onConflict((oc) =>
      oc
        .columns(['unit_id', 'party_card_number'])
        .where('status', '=', 'pending')
        // Asked again while pending: the same request (the audit row says so).
        .doUpdateSet((eb) => ({ requested_at: eb.ref('residence_link_requests.requested_at') })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  // No card number and no member in the audit row: it is the residence cell's own trail.
  await writeAudit(trx, access.userId, {
    action: 'residence_request.create',
    entityType: 'residence_request',
    entityId: row.id,
    unitId,
    after: { validFrom: input.validFrom },
  });
}

/** The member's cell (or the board above it) accepts or declines a pending request. */
export async function decideResidenceRequest(db: Kysely<DB>, access: Access, id: number, decision: 'accept' | 'decline') {
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .selectFrom('residence_link_requests as r')
      .innerJoin('members as m', 'm.id', 'r.member_id')
      .select(['r.id', 'r.unit_id', 'r.member_id', 'r.valid_from', 'r.note', 'r.status', 'r.requested_by', 'm.unit_id as member_unit_id'])
      .where('r.id', '=', id)
      .where((eb) => unitInScope(access.scope('manage_meetings'), eb.ref('m.unit_id')))
      .forUpdate('r')
      .executeTakeFirst();
    if (!r) {
      const seen = await trx
        .selectFrom('residence_link_requests as r')
        .innerJoin('members as m', 'm.id', 'r.member_id')
        .select('r.id')
        .where('r.id', '=', id)
        .where((eb) => unitInScope(access.scope('read'), eb.ref('m.unit_id')))
        .executeTakeFirst();
      throw writeRefusal(seen, 'entities.record');
    }
    if (r.status !== 'pending' && r.status !== 'declined') throw conflict('meetings.residence_request_decided');
    let linkId: number | null = null;
    if (decision === 'accept') {
      const open = await trx
        .selectFrom('member_residence_links')
        .select('id')
        .where('member_id', '=', r.member_id!)
        .where('unit_id', '=', r.unit_id)
        .where('valid_to', 'is', null)
        .executeTakeFirst();
      linkId =
        open?.id ??
        (
          await trx
            .insertInto('member_residence_links')
            .values({
              member_id: r.member_id!,
              unit_id: r.unit_id,
              valid_from: r.valid_from,
              note: r.note,
              created_by: r.requested_by,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
    }
    await trx
      .updateTable('residence_link_requests')
      .set({
        status: decision === 'accept' ? 'accepted' : 'declined',
        decided_by: access.userId,
        decided_at: new Date(),
        link_id: linkId,
      })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, access.userId, {
      action: `residence_request.${decision}`,
      entityType: 'member',
      entityId: r.member_id!,
      unitId: r.member_unit_id,
      after: { requestId: id, residenceUnitId: r.unit_id, linkId, validFrom: r.valid_from },
    });
  });
}

/** The residence cell takes back a request not linked (a mistyped card, a member who moved on): a declined one alike. */
export async function withdrawResidenceRequest(db: Kysely<DB>, access: Access, id: number) {
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .selectFrom('residence_link_requests')
      .select(['id', 'unit_id', 'status'])
      .where('id', '=', id)
      .where((eb) => unitInScope(access.scope('manage_meetings'), eb.ref('unit_id')))
      .forUpdate()
      .executeTakeFirst();
    if (!r) {
      const seen = await trx
        .selectFrom('residence_link_requests')
        .select('id')
        .where('id', '=', id)
        .where((eb) => unitInScope(access.scope('read'), eb.ref('unit_id')))
        .executeTakeFirst();
      throw writeRefusal(seen, 'entities.record');
    }
    if (r.status !== 'pending' && r.status !== 'declined') throw conflict('meetings.residence_request_decided');
    await trx
      .updateTable('residence_link_requests')
      .set({ status: 'withdrawn', decided_by: access.userId, decided_at: new Date() })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, access.userId, {
      action: 'residence_request.withdraw',
      entityType: 'residence_request',
      entityId: id,
      unitId: r.unit_id,
      after: { status: 'withdrawn' },
    });
  });
}

/**
 * Days a request waits for the member's cell. The residence cell sees every request it
 * sent as pending for that long, then as not confirmed, whether the member's cell declined
 * it or there was no such member: a decline must not tell it the card is a member's.
 */
export const REQUEST_OPEN_DAYS = 30;

/** The residence cell's own requests not yet linked: only the card number it typed, never a name. */
export async function outgoingResidenceRequests(db: Kysely<DB>, access: Access, unitId: number) {
  await unitInScopeOr404(db, access.scope('read'), unitId);
  const rows = await db
    .selectFrom('residence_link_requests')
    .select(['id', 'party_card_number', 'valid_from', 'note', 'status', 'requested_at'])
    .where('unit_id', '=', unitId)
    .where('status', 'in', ['pending', 'declined'])
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    partyCardNumber: r.party_card_number,
    validFrom: r.valid_from,
    note: r.note,
    status: r.requested_at.getTime() > Date.now() - REQUEST_OPEN_DAYS * 86_400_000 ? ('pending' as const) : ('closed' as const),
    requestedAt: r.requested_at.toISOString(),
  }));
}

/** Pending requests about members of this unit (and below) that the caller may decide. */
export async function incomingResidenceRequests(db: Kysely<DB>, access: Access, unitId: number) {
  const unit = await unitInScopeOr404(db, access.scope('read'), unitId);
  const rows = await db
    .selectFrom('residence_link_requests as r')
    .innerJoin('members as m', 'm.id', 'r.member_id')
    .innerJoin('units as mu', 'mu.id', 'm.unit_id')
    .innerJoin('units as ru', 'ru.id', 'r.unit_id')
    .leftJoin('users as q', 'q.id', 'r.requested_by')
    .select([
      'r.id',
      'r.member_id',
      'm.full_name',
      'mu.name as member_unit_name',
      'r.unit_id',
      'ru.name as residence_unit_name',
      'r.valid_from',
      'r.note',
      'r.requested_at',
      'q.display_name as requested_by',
    ])
    .where('r.status', '=', 'pending')
    .where('mu.path', 'like', sql<string>`${unit.path} || '%'`)
    .where((eb) => unitInScope(access.scope('manage_meetings'), eb.ref('m.unit_id')))
    .orderBy('r.id')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    memberId: r.member_id!,
    fullName: r.full_name,
    memberUnitName: r.member_unit_name,
    residenceUnitId: r.unit_id,
    residenceUnitName: r.residence_unit_name,
    validFrom: r.valid_from,
    note: r.note,
    requestedAt: r.requested_at.toISOString(),
    requestedBy: r.requested_by,
  }));
}
