// Where to go once the person has logged in (or chosen their own password): the `?next=` of
// the address, where they were going — e.g. the check-in link of a QR code.

/** Only paths inside this app, so a crafted link cannot send someone elsewhere after login. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}
