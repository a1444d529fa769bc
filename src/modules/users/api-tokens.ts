// API tokens for scripts: shown once at creation, stored as a hash, revocable, and
// expiring (90 days unless the owner picks fewer), so a forgotten token does not live forever.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/types.ts';
import { notFound } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { API_TOKEN_PREFIX } from '../auth/authenticate.ts';
import { newSecret } from '../auth/tokens.ts';

export const TOKEN_MAX_DAYS = 90;

const present = (t: { id: number; name: string; created_at: Date; last_used_at: Date | null; expires_at: Date }) => ({
  id: t.id,
  name: t.name,
  createdAt: t.created_at.toISOString(),
  lastUsedAt: t.last_used_at?.toISOString() ?? null,
  expiresAt: t.expires_at.toISOString(),
});
const COLUMNS = ['id', 'name', 'created_at', 'last_used_at', 'expires_at'] as const;

export async function listTokens(db: Kysely<DB>, access: Access) {
  const rows = await db.selectFrom('api_tokens').select(COLUMNS).where('user_id', '=', access.userId).where('revoked_at', 'is', null).orderBy('id').execute();
  return rows.map(present);
}

export async function createToken(db: Kysely<DB>, access: Access, input: { name: string; expiresInDays?: number }) {
  const { name } = input;
  const days = input.expiresInDays ?? TOKEN_MAX_DAYS;
  const { secret, hash } = newSecret(API_TOKEN_PREFIX);
  const row = await db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('api_tokens')
      .values({ user_id: access.userId, name, token_hash: hash, expires_at: sql<Date>`now() + make_interval(days => ${days})` })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    await writeAudit(trx, access.userId, {
      action: 'token.create',
      entityType: 'user',
      entityId: access.userId,
      after: { tokenId: r.id, name, expiresAt: r.expires_at.toISOString() },
    });
    return r;
  });
  return { ...present(row), token: secret };
}

export async function revokeToken(db: Kysely<DB>, access: Access, id: number) {
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('id', '=', id)
      .where('user_id', '=', access.userId)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!r) throw notFound('entities.token');
    await writeAudit(trx, access.userId, { action: 'token.revoke', entityType: 'user', entityId: access.userId, before: { tokenId: id } });
  });
}
