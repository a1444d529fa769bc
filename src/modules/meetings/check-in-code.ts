// What the secretary shows in the room: the 6-digit code, and the QR code whose payload
// is the signed check-in URL (as SVG for the screen, or PNG for printing).
import type { Kysely } from 'kysely';
import QRCode from 'qrcode';
import type { DB } from '../../db/types.ts';
import { checkInWindow } from '../../domain/meeting-window.ts';
import type { Access } from '../access/access.ts';
import { checkInUrl, qrToken } from './check-in-token.ts';
import { findManageableMeeting } from './meeting-access.ts';
import { meetingRulesFor } from './unit-rule-sets.ts';

export async function checkInCode(db: Kysely<DB>, access: Access, id: number, origin: string) {
  const m = await findManageableMeeting(db, access, id);
  const rules = await meetingRulesFor(db, m.unit_id, m.held_on);
  const window = checkInWindow(m.starts_at, m.ends_at, rules.body.checkIn);
  const token = qrToken(m.id, m.check_in_secret);
  return {
    code: m.check_in_code,
    qrToken: token,
    qrUrl: checkInUrl(origin, token),
    opensAt: window.opensAt.toISOString(),
    closesAt: window.closesAt.toISOString(),
  };
}

export async function checkInQr(db: Kysely<DB>, access: Access, id: number, origin: string, format: 'svg' | 'png') {
  const { qrUrl } = await checkInCode(db, access, id, origin);
  if (format === 'png')
    return { contentType: 'image/png', body: await QRCode.toBuffer(qrUrl, { type: 'png', width: 512, margin: 2, errorCorrectionLevel: 'M' }) };
  return { contentType: 'image/svg+xml; charset=utf-8', body: await QRCode.toString(qrUrl, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }) };
}
