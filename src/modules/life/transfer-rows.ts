// Reading transfers as the API shows them: the member's name and both ends named.
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { type Access, unitInScope } from '../access/access.ts';
import type { TransferOut } from './schemas.ts';

export function transferRows(db: Db) {
  return db
    .selectFrom('member_transfers as t')
    .innerJoin('members as m', 'm.id', 't.member_id')
    .leftJoin('units as fu', 'fu.id', 't.from_unit_id')
    .leftJoin('units as tu', 'tu.id', 't.to_unit_id')
    .select([
      't.id',
      't.member_id',
      'm.full_name',
      't.from_unit_id',
      'fu.name as from_unit_name',
      't.to_unit_id',
      'tu.name as to_unit_name',
      't.origin',
      't.destination',
      't.decision_number',
      't.decision_on',
      't.issued_by',
      't.note',
      't.status',
      't.received_on',
      't.return_reason',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof transferRows>['executeTakeFirstOrThrow']>>;

export function transferOutOf(r: Row): TransferOut {
  return {
    id: r.id,
    memberId: r.member_id,
    fullName: r.full_name,
    fromUnitId: r.from_unit_id,
    fromUnitName: r.from_unit_name,
    toUnitId: r.to_unit_id,
    toUnitName: r.to_unit_name,
    origin: r.origin,
    destination: r.destination,
    decisionNumber: r.decision_number,
    decisionOn: r.decision_on,
    issuedBy: r.issued_by,
    note: r.note,
    status: r.status,
    receivedOn: r.received_on,
    returnReason: r.return_reason,
  };
}

/** A transfer either end of which the caller may read (the receiver sees what is sent to it). */
export function transferVisible(access: Access, eb: { ref: (c: 't.from_unit_id' | 't.to_unit_id') => Expression<number | null> }): Expression<SqlBool> {
  const scope = access.scope('read');
  return sql<SqlBool>`(${unitInScope(scope, eb.ref('t.from_unit_id'))} or ${unitInScope(scope, eb.ref('t.to_unit_id'))})`;
}
