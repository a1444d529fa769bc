// One row per sub-unit for the dashboard's table, the print view and the chart.
import type { MeetingFigures, Share, UnitFigures } from '../../api/figures.ts';

export interface SubUnitRow {
  id: number;
  name: string;
  kind: string;
  members: number | null;
  cells: number | null;
  grassroots: number | null;
  meetingsHeld: number | null;
  compliance: Share | null;
  attendance: Share | null;
}

/** The sub-units on the date and those of the period, joined by id (a restructuring may leave one in only one of them). */
export function subUnitRows(unit: UnitFigures | undefined, meetings: MeetingFigures | undefined): SubUnitRow[] {
  const rows = new Map<number, SubUnitRow>();
  for (const s of unit?.subUnits ?? [])
    rows.set(s.id, {
      id: s.id,
      name: s.name,
      kind: s.kind,
      members: s.members,
      cells: s.cells,
      grassroots: s.grassroots,
      meetingsHeld: null,
      compliance: null,
      attendance: null,
    });
  for (const s of meetings?.subUnits ?? []) {
    const row = rows.get(s.id) ?? {
      id: s.id,
      name: s.name,
      kind: s.kind,
      members: null,
      cells: null,
      grassroots: null,
      meetingsHeld: null,
      compliance: null,
      attendance: null,
    };
    rows.set(s.id, { ...row, meetingsHeld: s.meetingsHeld, compliance: s.compliance, attendance: s.attendance });
  }
  return [...rows.values()];
}
