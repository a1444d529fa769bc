// A report period covers at most ten years (two terms of office), from its start to its
// end: the compliance report, the figures and their exports list its months and quarters
// one by one, and a century-long period would run for minutes. Shared with the web app,
// which says so beside the pickers rather than asking.

export const MAX_PERIOD_YEARS = 10;

/** [from, to] (ISO dates, both days included) starts no later than it ends and covers at most MAX_PERIOD_YEARS years. */
export function isReportPeriod(from: string, to: string): boolean {
  return from <= to && to < `${Number(from.slice(0, 4)) + MAX_PERIOD_YEARS}${from.slice(4)}`;
}

/** The issue a schema refuses a period with: the message names the limit. */
export const reportPeriodIssue = { message: 'meetings.compliance_period', path: ['to'], params: { years: MAX_PERIOD_YEARS } };
