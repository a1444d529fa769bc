// The one test for "this effective-dated row is in force on a date" (valid_to exclusive).
import { sql, type RawBuilder, type SqlBool } from 'kysely';

/** SQL: the row `alias` (with valid_from / valid_to, valid_to exclusive) is in force on `date`. */
export function validOn(alias: string, date: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.ref(`${alias}.valid_from`)} <= ${date}::date and (${sql.ref(`${alias}.valid_to`)} is null or ${sql.ref(`${alias}.valid_to`)} > ${date}::date))`;
}
