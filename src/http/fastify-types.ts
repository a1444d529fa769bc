import type { Kysely } from 'kysely';
import type { Database } from '../db/connect.ts';
import type { DB } from '../db/types.ts';
import type { Lang } from '../i18n/messages.ts';
import type { Access } from '../modules/access/access.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<DB>;
    /** Report, figure and export reads: the read replica when DATABASE_REPLICA_URL is set, else `db`. */
    reportDb: Kysely<DB>;
    database: Database;
  }
  interface FastifyRequest {
    /** Who is calling and what they may see; null on public routes without a session. */
    access: Access | null;
    lang: Lang;
  }
  interface FastifyContextConfig {
    /** Routes that answer without a logged-in user (login, health, openapi). */
    public?: boolean;
    /** Open to an account that must still replace its one-time password (who am I, change it, log out). */
    beforePasswordChange?: boolean;
  }
}
