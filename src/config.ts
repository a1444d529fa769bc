// Settings come from the environment, with defaults that make `npm start` work alone.
import path from 'node:path';
import type { DatabaseOptions } from './db/connect.ts';

export function databaseOptionsFromEnv(dataDir = process.env.CHIBO_DATA_DIR ?? './data'): DatabaseOptions {
  const url = process.env.DATABASE_URL;
  const replicaUrl = process.env.DATABASE_REPLICA_URL;
  if (url) return replicaUrl ? { url, replicaUrl } : { url };
  return { dataDir: path.resolve(dataDir) };
}

export const serverPort = () => Number(process.env.PORT ?? 3000);
// Only this machine by default: HOST=0.0.0.0 (or an address) exposes the server on the network.
export const serverHost = () => process.env.HOST ?? '127.0.0.1';
/**
 * Proxies whose X-Forwarded-For/-Proto/-Host are believed (addresses or CIDRs, comma-separated
 * in CHIBO_TRUSTED_PROXIES). None by default: the client address is the connection's, so no
 * client can choose the address that throttles and the audit trail see.
 */
export const trustedProxies = () =>
  (process.env.CHIBO_TRUSTED_PROXIES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** A session unused for this long ends (besides its absolute expiry of 14 days): CHIBO_SESSION_IDLE_HOURS, default 8. */
export function sessionIdleHours(): number {
  const hours = Number(process.env.CHIBO_SESSION_IDLE_HOURS ?? 8);
  return Number.isFinite(hours) && hours > 0 ? hours : 8;
}

/**
 * A province, a central organisation or the whole party reads its member figures from the
 * kept per-subtree counts from this many members (CHIBO_KEPT_COUNTS_FROM_MEMBERS, default
 * 50,000), below that by a scan of its member facts. The kept rows of a unit are bounded by
 * the calendar (a row per date of birth and of admission), summed into whole years in SQL:
 * a 100,000-member province read them in 124 ms on PGlite and 82 ms on PostgreSQL against
 * 354 and ~150 ms for the scan (01/12); the break-even below that was not measured.
 */
export function keptCountsFromMembers(): number {
  const n = Number(process.env.CHIBO_KEPT_COUNTS_FROM_MEMBERS ?? 50_000);
  return Number.isFinite(n) && n >= 0 ? n : 50_000;
}

/**
 * Up to how many members under the caller's scope (or the unit filtered on), by the kept
 * counts, a member list or export reads them whole and sorts them rather than letting the
 * planner walk the name index (CHIBO_FEW_MEMBERS_UP_TO, default 5,000: ~6 ms to read and
 * sort on the province demo; 0: the planner always chooses). Why: list-members.ts.
 */
export function fewMembersUpTo(): number {
  return countSetting('CHIBO_FEW_MEMBERS_UP_TO', 5000);
}

/**
 * Up to how many units under it on the date asked (itself included) a unit's figures keep
 * their statements' plans on the connection (db/reused-plans.ts; CHIBO_REUSED_PLANS_UP_TO_UNITS,
 * default 500: a commune has 20-200). Above, each is planned for its own size; 0: never.
 */
export function reusedPlansUpToUnits(): number {
  return countSetting('CHIBO_REUSED_PLANS_UP_TO_UNITS', 500);
}

/**
 * How many statements that keep their plans (db/reused-plans.ts) one database connection
 * keeps at most (CHIBO_KEPT_PLANS_PER_CONNECTION, default 50); past it the least recently used
 * is deallocated. Each costs the server ~100-200 KB per connection.
 */
export function keptPlansPerConnection(): number {
  return countSetting('CHIBO_KEPT_PLANS_PER_CONNECTION', 50);
}

/** A whole number of at least 0 from the environment; the default when unset or not one. */
function countSetting(name: string, fallback: number): number {
  const n = Number(process.env[name] ?? fallback);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

/**
 * Whether any statement keeps its plan (CHIBO_REUSED_PLANS, default on; `off` for a pooler
 * that does not keep prepared statements: PgBouncer before 1.21 in transaction mode).
 */
export function reusedPlansOn(): boolean {
  return process.env.CHIBO_REUSED_PLANS !== 'off';
}

/**
 * How far V8 lets the heap grow past what was live at the last full collection before the
 * next one, in percent (CHIBO_HEAP_GROWING_PERCENT, default 50; 0 leaves V8's own factor,
 * which grows with the heap). A 100,000-member export allocates ~1 GB of short-lived rows
 * and strings, some promoted before they die: under V8's factor they piled up as garbage to
 * +86 MiB of RSS per export (in-process, chibo_prov, 01/12), at 50% to +24 MiB, and no slower.
 * Set for the server only (src/cli/serve.ts).
 */
export function heapGrowingPercent(): number {
  const raw = process.env.CHIBO_HEAP_GROWING_PERCENT;
  const n = raw === undefined || raw.trim() === '' ? 50 : Number(raw);
  return Number.isInteger(n) && n >= 0 && n <= 1000 ? n : 50;
}
