// The application's tables and their primary keys (every column, in key order), read
// from the catalog so backup and restore follow new migrations without a list to keep
// up to date.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/types.ts';

/** `key` is empty for a table without a primary key. */
export interface TableInfo {
  name: string;
  key: string[];
  serialColumns: string[];
}

export async function listTables(db: Kysely<DB>): Promise<TableInfo[]> {
  const rows = await sql<{ table_name: string; key: string[] | null; serials: string[] | null }>`
    select c.relname as table_name,
           (select array_agg(a.attname::text order by k.ord)
              from pg_index i cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord)
              join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
             where i.indrelid = c.oid and i.indisprimary) as key,
           (select array_agg(a.attname::text order by a.attnum) from pg_attribute a
             where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
               and pg_get_serial_sequence(quote_ident(c.relname), a.attname) is not null) as serials
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'r' and c.relname <> 'schema_migrations'
    order by c.relname`.execute(db);
  return rows.rows.map((r) => ({ name: r.table_name, key: r.key ?? [], serialColumns: r.serials ?? [] }));
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
