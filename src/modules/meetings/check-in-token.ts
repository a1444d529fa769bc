// The two ways a member proves they are at the meeting: the 6-digit code read out or
// shown on the screen, or the QR code, whose payload is the meeting id signed with a
// per-meeting secret (so a QR cannot be forged for another meeting).

import crypto from 'node:crypto';
import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { MAX_RECORD_ID } from '../../http/record-id.ts';

export function newCheckInSecret(): string {
  return crypto.randomBytes(18).toString('base64url');
}

function randomCode(): string {
  return String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
}

/**
 * SQL: the meeting date in `column` is within a day of `date`. A code is unique among the
 * live meetings in this window, and check-in looks it up in the same window.
 */
export function heldWithinADayOf(column: string, date: string) {
  return sql<SqlBool>`${sql.ref(column)} between ${date}::date - 1 and ${date}::date + 1`;
}

/** A code not used by another live meeting within a day of this one. */
export async function uniqueCheckInCode(db: Db, heldOn: string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = randomCode();
    const taken = await db
      .selectFrom('meetings')
      .select('id')
      .where('check_in_code', '=', code)
      .where('status', '=', 'planned')
      .where(heldWithinADayOf('held_on', heldOn))
      .executeTakeFirst();
    if (!taken) return code;
  }
  return randomCode();
}

function signature(meetingId: number, secret: string): string {
  return crypto.createHmac('sha256', secret).update(`check-in:${meetingId}`).digest('base64url').slice(0, 22);
}

/** The QR payload: "M<id>.<signature>". */
export function qrToken(meetingId: number, secret: string): string {
  return `M${meetingId}.${signature(meetingId, secret)}`;
}

/** Reads a QR payload, or the check-in URL that carries it in ?qr=. */
export function parseQrToken(input: string): { meetingId: number; signature: string } | null {
  let token = input.trim();
  const q = token.indexOf('qr=');
  if (q >= 0) {
    // A broken %-escape (a mangled link) is just not a token.
    try {
      token = decodeURIComponent(token.slice(q + 3).split('&')[0]!);
    } catch {
      return null;
    }
  }
  const match = /^M([0-9]{1,10})\.([A-Za-z0-9_-]{22})$/.exec(token);
  // Meeting ids are int4: a larger one cannot be ours (and would fail in the query).
  if (!match || Number(match[1]) > MAX_RECORD_ID) return null;
  return { meetingId: Number(match[1]), signature: match[2]! };
}

export function qrSignatureValid(meetingId: number, secret: string, given: string): boolean {
  const expected = Buffer.from(signature(meetingId, secret));
  const actual = Buffer.from(given);
  return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
}

/** The web page a phone camera opens from the QR code. */
export function checkInUrl(origin: string, token: string): string {
  return `${origin}/check-in?qr=${encodeURIComponent(token)}`;
}
