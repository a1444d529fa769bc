// The grading figures of a unit for a period (GET /figures/units/{id}/grading): members and
// organisations by grade, each share {n, of} of those graded and of all; cells "4 tốt" with
// the split; the members eligible for the reward (HTXSNV five years running).
import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Share } from './figures.ts';

export type Grade = 'htxsnv' | 'httnv' | 'htnv' | 'khtnv';
export interface ByGrade {
  grade: Grade;
  ofGraded: Share;
  ofAll: Share;
}
export interface CellSplit {
  n: number;
  underCommittees: number;
  grassrootsCells: number;
}

export interface GradingFigures {
  unitId: number;
  startsOn: string;
  endsOn: string;
  members: {
    graded: Share;
    decided: number;
    excluded: { key: string; text: string; n: number }[];
    byGrade: ByGrade[];
    rewardEligible: {
      n: number;
      rule: { grade: Grade; consecutiveYears: number; from: number; to: number } | null;
      members: { memberId: number; name: string }[];
    };
  };
  /** gradeLabels: an older scale's words ("Trong sạch, vững mạnh"…) when the period used one. */
  organisations: { graded: Share; decided: number; byGrade: ByGrade[]; gradeLabels: { grade: Grade; label: string }[] | null };
  fourGood: { reached: CellSplit; cells: CellSplit };
}

export function useGradingFigures(id: number, from: string, to: string) {
  return useQuery({
    queryKey: ['figures', 'grading', id, from, to] as const,
    queryFn: ({ signal }) => api<GradingFigures>(`/figures/units/${id}/grading`, { query: { from, to }, signal }),
    placeholderData: (previous) => (previous?.unitId === id ? previous : undefined),
  });
}
