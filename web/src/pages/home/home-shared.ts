// Small things the home page's parts share.

/** '2026-12' → '12/2026', as Vietnamese documents write a month. */
export const monthLabel = (month: string) => `${Number(month.slice(5, 7))}/${month.slice(0, 4)}`;

/** A tap target older thumbs can hit (44 px). */
export const TAP = { minHeight: 44 };

/** The HD 12 agenda item that reviews last month's resolution (the rule set's own words). */
export const isPreviousReviewItem = (title: string) => /tháng trước/i.test(title);
