// The one test for "this effective-dated row is in force on a date", or on some day of a
// period (valid_to exclusive).
import { type RawBuilder, type SqlBool, sql } from 'kysely';

/** SQL: the row `alias` (with valid_from / valid_to, valid_to exclusive) is in force on `date`. */
export function validOn(alias: string, date: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.ref(`${alias}.valid_from`)} <= ${date}::date and (${sql.ref(`${alias}.valid_to`)} is null or ${sql.ref(`${alias}.valid_to`)} > ${date}::date))`;
}

/** SQL: the row `alias` is in force on the date held by another column (e.g. a meeting's held_on). */
export function validOnRef(alias: string, date: RawBuilder<unknown>): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.ref(`${alias}.valid_from`)} <= ${date} and (${sql.ref(`${alias}.valid_to`)} is null or ${sql.ref(`${alias}.valid_to`)} > ${date}))`;
}

/** SQL: the row `alias` is in force on at least one day of [from, to], both days included. */
export function validDuring(alias: string, from: string, to: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.ref(`${alias}.valid_from`)} <= ${to}::date and (${sql.ref(`${alias}.valid_to`)} is null or ${sql.ref(`${alias}.valid_to`)} > ${from}::date))`;
}
