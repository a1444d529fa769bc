// How long a password is, as a person counts it: the one rule the web app checks before
// the server (kept apart from password-policy.ts, whose dictionary the browser need not load).
export const PASSWORD_MIN_CHARS = 10;
export const PASSWORD_MAX_CHARS = 200;

/** Characters as a person counts them: after NFC, so 'ế' typed as e + two marks is one. */
export const passwordLength = (password: string) => [...password.normalize('NFC')].length;
