// The admissions pages' reads and writes; types inferred from the server's schemas.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { calendarYearOut, candidateDetailOut, candidateListOut } from '../../../../src/modules/admissions/schemas.ts';
import { api } from '../../api/client.ts';
import { homeKeys } from '../home/home-api.ts';

export type CandidateList = z.infer<typeof candidateListOut>;
export type CandidateBrief = CandidateList['items'][number];
export type Candidate = z.infer<typeof candidateDetailOut>;
export type CandidateStep = Candidate['nextSteps'][number];
export type Deadline = NonNullable<CandidateBrief['next']>;
export type CalendarYear = z.infer<typeof calendarYearOut>;

export const admissionKeys = {
  list: (unitId: number, all: boolean) => ['admissions', 'list', unitId, all] as const,
  detail: (id: number) => ['admissions', 'candidate', id] as const,
  calendar: (year: number) => ['admissions', 'calendar', year] as const,
};

export function useCandidates(unitId: number | null, all: boolean) {
  return useQuery({
    queryKey: admissionKeys.list(unitId ?? 0, all),
    queryFn: () => api<CandidateList>('/admissions/candidates', { query: { unitId, stage: all ? 'all' : undefined } }),
    enabled: unitId !== null,
  });
}

export function useCandidate(id: number) {
  return useQuery({ queryKey: admissionKeys.detail(id), queryFn: () => api<Candidate>(`/admissions/candidates/${id}`) });
}

/** A write that answers the candidate: the page shows the answer, lists and home read again. */
export function useCandidateWrite<V>(write: (values: V) => Promise<Candidate>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async (c) => {
      queryClient.setQueryData(admissionKeys.detail(c.id), c);
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['admissions', 'list'] }), queryClient.invalidateQueries({ queryKey: homeKeys.home })]);
    },
  });
}

export function useCalendarYear(year: number) {
  return useQuery({ queryKey: admissionKeys.calendar(year), queryFn: () => api<CalendarYear>('/calendar-days', { query: { year } }) });
}
