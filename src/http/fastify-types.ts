import type { Kysely } from 'kysely';
import type { Database } from '../db/connect.ts';
import type { DB } from '../db/types.ts';
import type { Lang } from '../i18n/messages.ts';
import type { Access } from '../modules/access/access.ts';
import type { CallerCheck } from '../modules/auth/caller-check.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<DB>;
    /** Report, figure and export reads: the read replica when DATABASE_REPLICA_URL is set, else `db`. */
    reportDb: Kysely<DB>;
    database: Database;
    /**
     * Runs a use case with the request's caller; on a route that checks its caller in its
     * statement (auth/caller-check.ts), once more after a full look-up when that check fails.
     */
    confirmCaller<T>(request: FastifyRequest, run: (access: Access, check?: CallerCheck) => Promise<T>): Promise<T>;
  }
  interface FastifyRequest {
    /** Who is calling and what they may see; null on public routes without a session. */
    access: Access | null;
    /** The in-statement check of a remembered caller, on a route that opts in (auth/caller-check.ts). */
    callerCheck: CallerCheck | null;
    lang: Lang;
  }
  interface FastifyContextConfig {
    /** Routes that answer without a logged-in user (login, health, openapi). */
    public?: boolean;
    /** Open to an account that must still replace its one-time password (who am I, change it, log out). */
    beforePasswordChange?: boolean;
    /** Hot read routes whose first statement confirms a caller remembered from the last minute (auth/caller-check.ts). */
    callerCheckedInStatement?: boolean;
  }
}
