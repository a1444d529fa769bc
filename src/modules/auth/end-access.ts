// When a password changes or an account is locked, whoever knew the old password must be
// out: their sessions end and every API token of the account is revoked (a token made
// by an intruder would otherwise outlive the reset). The caller's own session may stay.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';

export async function endAccountAccess(trx: Transaction<DB>, userId: number, keepSessionHash?: string): Promise<void> {
  await trx
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .$if(keepSessionHash !== undefined, (q) => q.where('token_hash', '!=', keepSessionHash!))
    .execute();
  await trx.updateTable('api_tokens').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}
