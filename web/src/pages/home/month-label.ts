// Small things the home page's parts share.

/** '2026-12' → '12/2026', as Vietnamese documents write a month. */
export const monthLabel = (month: string) => `${Number(month.slice(5, 7))}/${month.slice(0, 4)}`;

/** A tap target older thumbs can hit (44 px). */
export const TAP = { minHeight: 44 };
