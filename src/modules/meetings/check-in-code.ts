// What the secretary shows in the room: the 6-digit code, and the QR code whose payload
// is the signed check-in URL (as SVG for the screen, or PNG for printing), with the
// check-in window as the server applies it.
import type { Kysely } from 'kysely';
import QRCode from 'qrcode';
import type { DB } from '../../db/types.ts';
import type { Access } from '../access/access.ts';
import { checkInUrl, qrToken } from './check-in-token.ts';
import { meetingWindow } from './check-in-window.ts';
import { findManageableMeeting } from './meeting-access.ts';

async function codeAndLink(db: Kysely<DB>, access: Access, id: number, origin: string) {
  const m = await findManageableMeeting(db, access, id);
  const token = qrToken(m.id, m.check_in_secret);
  return { m, code: m.check_in_code, qrToken: token, qrUrl: checkInUrl(origin, token) };
}

export async function checkInCode(db: Kysely<DB>, access: Access, id: number, origin: string, now: Date) {
  const { m, ...shown } = await codeAndLink(db, access, id, origin);
  return { ...shown, window: await meetingWindow(db, m, now) };
}

export async function checkInQr(db: Kysely<DB>, access: Access, id: number, origin: string, format: 'svg' | 'png') {
  const { qrUrl } = await codeAndLink(db, access, id, origin);
  if (format === 'png')
    return { contentType: 'image/png', body: await QRCode.toBuffer(qrUrl, { type: 'png', width: 512, margin: 2, errorCorrectionLevel: 'M' }) };
  return { contentType: 'image/svg+xml; charset=utf-8', body: await QRCode.toString(qrUrl, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }) };
}
