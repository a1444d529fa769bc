// One checksum per table of the public schema, read in a single statement, to prove a
// request wrote nothing: equal checksums before and after mean equal rows. The caller
// names what may change anyway (tables, columns, rows) and says why.

import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../src/db/types.ts';

export interface ChecksumScope {
  /** Tables left out entirely. */
  skipTables: RegExp;
  /** Columns left out of every row (e.g. a last-seen time). */
  skipColumns: string[];
  /** Per table, an SQL condition on `t` choosing the rows that count. */
  rowsWhere: Record<string, string>;
}

/**
 * What any request may change without having written anything: throttle counters (a refused
 * login or check-in code is counted on purpose), the last use of a session or token, and the
 * audit rows of reads and of refusals that are audited by design (a dry run, a refused
 * import, a refused check-in code), and the read receipt of a notice (`notices.read_at`),
 * which a member opening a meeting sets.
 */
export const BOOKKEEPING: ChecksumScope = {
  skipTables: /^(schema_migrations|throttles|login_attempts)$/,
  skipColumns: ['last_seen_at', 'last_used_at', 'read_at'],
  rowsWhere: {
    audit_log:
      "t.action not like '%.read' and t.action not in ('member.read_history', 'member.export', 'meeting.check_in_refused', 'import.dry_run', 'import.refused')",
  },
};

export type Checksums = Map<string, string>;

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

export async function checksumReader(db: Kysely<DB>, scope: ChecksumScope): Promise<{ tables: string[]; read(): Promise<Checksums> }> {
  const listed = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const tables = listed.rows.map((r) => r.name).filter((name) => !scope.skipTables.test(name));
  const dropColumns = `array[${scope.skipColumns.map(literal).join(', ')}]::text[]`;
  const statement = tables
    .map(
      (name) => `select ${literal(name)} as name, (select md5(coalesce(string_agg(r, ',' order by r), ''))
    from (select (to_jsonb(t) - ${dropColumns})::text as r from ${ident(name)} t where ${scope.rowsWhere[name] ?? 'true'}) s) as sum`,
    )
    .join('\nunion all\n');
  const query = sql.raw<{ name: string; sum: string }>(statement);
  return {
    tables,
    async read() {
      const result = await query.execute(db);
      return new Map(result.rows.map((r) => [r.name, r.sum]));
    },
  };
}

/** The tables whose checksums differ. */
export function changedTables(before: Checksums, after: Checksums): string[] {
  return [...after.keys()].filter((name) => before.get(name) !== after.get(name));
}
