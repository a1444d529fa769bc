// The figures API (issue 7's contract): a unit's figures on a date, and its meetings'
// figures over a period. Every share is {n, of}: the page shows both and the percentage.
import { useQuery } from '@tanstack/react-query';
import { isReportPeriod } from '../../../src/domain/report-period.ts';
import { api } from './client.ts';

/** Why the figures API would refuse the period (report-period.ts), as a message key; null when it counts it. */
export function periodProblem(from: string, to: string): 'dashboard.badPeriod' | 'dashboard.periodTooLong' | null {
  if (from > to) return 'dashboard.badPeriod';
  return isReportPeriod(from, to) ? null : 'dashboard.periodTooLong';
}

export interface Share {
  n: number;
  of: number;
}
export interface Count {
  key: string;
  n: number;
}
export interface SexCount {
  key: string;
  nam: number;
  nu: number;
}

export interface FigureUnit {
  id: number;
  code: string;
  name: string;
  kind: string;
  parent: { id: number; name: string } | null;
}

export interface UnitFigures {
  unit: FigureUnit;
  date: string;
  members: {
    total: number;
    byStatus: Count[];
    bySex: Count[];
    byAgeBand: Count[];
    byAgeBandAndSex: SexCount[];
    byEthnicity: Count[];
    byReligion: Count[];
    byEducation: Count[];
    byTheoryLevel: Count[];
    byPartyAge: Count[];
  };
  exempted: Share;
  probationary: Share;
  organisations: {
    grassroots: { n: number; committees: number; cells: number };
    cells: { n: number; underCommittees: number; grassrootsCells: number };
    rule: { code: string; source: string };
  };
  subUnits: { id: number; code: string; name: string; kind: string; childCount: number; members: number; cells: number; grassroots: number }[];
}

export interface MeetingFigures {
  unit: FigureUnit;
  from: string;
  to: string;
  meetingsHeld: number;
  monthlyCompliance: Share;
  thematic: Share;
  attendanceRate: Share;
  quality: { grade: string; n: number }[];
  graded: Share;
  strikingOffWarnings: number;
  trend: { month: string; compliance: Share; attendance: Share }[];
  subUnits: { id: number; code: string; name: string; kind: string; meetingsHeld: number; compliance: Share; attendance: Share }[];
}

export const figureKeys = {
  unit: (id: number, date: string) => ['figures', 'unit', id, date] as const,
  meetings: (id: number, from: string, to: string) => ['figures', 'meetings', id, from, to] as const,
};

export function useUnitFigures(id: number, date: string) {
  return useQuery({
    queryKey: figureKeys.unit(id, date),
    queryFn: ({ signal }) => api<UnitFigures>(`/figures/units/${id}`, { query: { date }, signal }),
    placeholderData: (previous) => (previous?.unit.id === id ? previous : undefined),
  });
}

export function useMeetingFigures(id: number, from: string, to: string) {
  return useQuery({
    queryKey: figureKeys.meetings(id, from, to),
    queryFn: ({ signal }) => api<MeetingFigures>(`/figures/units/${id}/meetings`, { query: { from, to }, signal }),
    enabled: periodProblem(from, to) === null,
    placeholderData: (previous) => (previous?.unit.id === id ? previous : undefined),
  });
}
