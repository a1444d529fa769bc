// The opaque cursor of the member list: where the next (or previous) page starts in the
// Vietnamese order (sort_key under COLLATE "C", then id), the page number it leads to,
// and the total counted when the listing started — so following pages neither recount
// the scope nor skip or repeat a row. base64url of a small JSON object; a cursor that
// does not decode is a 400, never a 500.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../http/app-error.ts';
import type { Scope } from '../access/access.ts';
import type { MemberFilters } from './schemas.ts';

const payload = z
  .strictObject({
    /** a: rows after (k, i); b: rows before (k, i); l: the last page. */
    d: z.enum(['a', 'b', 'l']),
    k: z.string().max(2000).optional(),
    i: z.number().int().min(0).max(2_147_483_647).optional(),
    /** The page this cursor leads to (1-based). */
    p: z.number().int().min(1).max(10_000_000),
    /** The total counted on the listing's first request, for these filters. */
    t: z.number().int().min(0).max(1_000_000_000),
    /** 1: t is exact; 0: t is a lower bound (a search with more matches than are counted). */
    x: z.union([z.literal(0), z.literal(1)]),
    /** The listing the cursor belongs to (listingKey): a cursor of another one starts it over. */
    f: z.string().max(32),
  })
  .refine((c) => c.d === 'l' || (c.k !== undefined && c.i !== undefined));
export type MemberCursor = z.infer<typeof payload>;

export function encodeCursor(c: MemberCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(text: string): MemberCursor {
  try {
    const parsed = payload.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    /* not base64url JSON: answered below */
  }
  throw new AppError('validation', 400, {}, [{ path: 'querystring.cursor', message: 'members.bad_cursor' }]);
}

/**
 * A short hash of what a listing is: its filters, its page size and what the caller may
 * read. A cursor is followed only within its own listing; one from another (other
 * filters or page size, or a scope changed meanwhile) starts that listing from its first
 * page, with its own total.
 */
export function listingKey(f: MemberFilters, seen: { pageSize: number; scope: Scope; memberId: number | null }): string {
  const canonical = JSON.stringify([
    seen.pageSize,
    Object.entries(f)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
    [...seen.scope.subtreePaths].sort(),
    [...seen.scope.unitIds].sort((a, b) => a - b),
    seen.memberId,
  ]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
}
