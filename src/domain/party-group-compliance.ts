// When a cell meets by party group (tổ đảng), its monthly meeting counts as held when the
// whole cell met that month, or when every party group existing on the day of a group
// meeting that month met that month (issue 8 item 9). One rule: the compliance report and
// the figures engine (src/modules/figures/cell-facts.ts) both apply it.

export interface MonthMeeting {
  /** null: the whole cell met. */
  partyGroupId: number | null;
  /** The cell's party groups existing on the meeting's date. */
  groupsThen: readonly number[];
}

/** The cell's regular meetings of one month (held ones only) → the month counts as held. */
export function cellMonthHeld(meetings: readonly MonthMeeting[]): boolean {
  if (meetings.some((m) => m.partyGroupId === null)) return true;
  if (meetings.length === 0) return false;
  const met = new Set(meetings.map((m) => m.partyGroupId));
  const required = new Set(meetings.flatMap((m) => m.groupsThen));
  return [...required].every((g) => met.has(g));
}
