// The PostgreSQL error codes (SQLSTATE) the code answers to, and the one test of an error's
// code, on either driver: pg and PGlite both put the SQLSTATE in `code`.

export const SQLSTATE = {
  /** A unique key refused the row: someone saved the same value first. */
  uniqueViolation: '23505',
  /** PostgreSQL broke a deadlock by aborting this transaction. */
  deadlock: '40P01',
  /** No prepared statement of that name on the session. */
  noSuchPreparedStatement: '26000',
} as const;

type SqlState = (typeof SQLSTATE)[keyof typeof SQLSTATE];

/** Whether `error` is a database error with one of `codes`. */
export function hasSqlState(error: unknown, ...codes: SqlState[]): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (codes as string[]).includes(code);
}
