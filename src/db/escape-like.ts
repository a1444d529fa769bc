// A user's text inside a LIKE pattern must match itself: '%', '_' and the escape
// character '\' (PostgreSQL's default) would otherwise act as wildcards.
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, '\\$&');
