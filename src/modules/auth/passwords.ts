import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS } from '../../domain/password-length.ts';
import { passwordProblem } from '../../domain/password-policy.ts';
import { AppError } from '../../http/app-error.ts';

// argon2id (the library's default algorithm) with its recommended memory and time cost.
// Passwords are hashed in NFC, so 'ế' typed on one keyboard matches 'ế' typed on another.
export const hashPassword = (password: string) => hash(password.normalize('NFC'));

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  const nfc = password.normalize('NFC');
  if (await verify(passwordHash, nfc).catch(() => false)) return true;
  // Hashes made before passwords were normalized hold the text as it was typed.
  return nfc !== password && verify(passwordHash, password).catch(() => false);
}

/** Refuses a password the policy does not allow, as a Vietnamese error on the form's `field`. */
export function assertAcceptablePassword(password: string, username: string, field: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new AppError('validation', 400, {}, [{ path: field, message: problem, params: { min: PASSWORD_MIN_CHARS, max: PASSWORD_MAX_CHARS } }]);
}
