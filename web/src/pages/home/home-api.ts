// The home page's reads and its one write ("Tôi sẽ dự"); types inferred from the server's schemas.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { calendarOut, planDefaultsOut } from '../../../../src/modules/home/schemas.ts';
import { api } from '../../api/client.ts';
import { type Meeting, meetingKeys } from '../meetings/meetings-api.ts';
import { type Home, homeQuery } from './home-query.ts';

export type { Home };
export type SecretaryCell = Home['cells'][number];
export type CommitteeHome = Home['committees'][number];
export type PlanDefaults = z.infer<typeof planDefaultsOut>;
export type PreviousResolution = NonNullable<PlanDefaults['previous']>;
export type YearCalendar = z.infer<typeof calendarOut>;

export const homeKeys = {
  home: homeQuery.queryKey,
  planDefaults: (unitId: number, month: string | null) => ['meetings', 'plan-defaults', unitId, month] as const,
  calendar: (unitId: number, year: number) => ['meetings', 'calendar', unitId, year] as const,
};

export function useHome() {
  return useQuery(homeQuery);
}

export function usePlanDefaults(unitId: number | null, month: string | null, enabled: boolean) {
  return useQuery({
    queryKey: homeKeys.planDefaults(unitId ?? 0, month),
    queryFn: () => api<PlanDefaults>('/meetings/plan-defaults', { query: { unitId, month } }),
    enabled: enabled && unitId !== null,
    staleTime: 0,
  });
}

export function useYearCalendar(unitId: number, year: number) {
  return useQuery({
    queryKey: homeKeys.calendar(unitId, year),
    queryFn: () => api<YearCalendar>('/meetings/calendar', { query: { unitId, year } }),
    placeholderData: (previous) => previous,
  });
}

/** "Tôi sẽ dự": confirm an assignment, or assign oneself for one's committee. */
export function useAttend() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (meetingId: number) => api<Meeting>(`/meetings/${meetingId}/attend`, { method: 'POST' }),
    onSuccess: async (meeting) => {
      queryClient.setQueryData(meetingKeys.detail(meeting.id), meeting);
      await queryClient.invalidateQueries({ queryKey: homeKeys.home });
    },
  });
}
