// Member queries shared by several pages.
import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Member, MemberHistory, MemberList } from './types.ts';

export interface MemberFilters {
  q?: string;
  unitId?: number;
  status?: string[];
  sex?: string;
  ethnicity?: string;
  theoryLevel?: string;
  ageFrom?: number;
  ageTo?: number;
  page?: number;
  pageSize?: number;
  /** An opaque cursor from the previous answer (next, previous or last page): no recount, no offset. */
  cursor?: string;
}

export const memberKeys = {
  all: ['members'] as const,
  list: (filters: MemberFilters) => ['members', 'list', filters] as const,
  detail: (id: number) => ['members', 'detail', id] as const,
  history: (id: number) => ['members', 'history', id] as const,
};

export function filtersToQuery(f: MemberFilters) {
  return {
    q: f.q,
    unitId: f.unitId,
    status: f.status,
    sex: f.sex,
    ethnicity: f.ethnicity,
    theoryLevel: f.theoryLevel,
    ageFrom: f.ageFrom,
    ageTo: f.ageTo,
    page: f.page,
    pageSize: f.pageSize,
    cursor: f.cursor,
  };
}

export function useMemberList(filters: MemberFilters, enabled = true) {
  return useQuery({
    queryKey: memberKeys.list(filters),
    queryFn: ({ signal }) => api<MemberList>('/members', { query: filtersToQuery(filters), signal }),
    placeholderData: (previous) => previous,
    enabled,
  });
}

export function useMember(id: number) {
  return useQuery({ queryKey: memberKeys.detail(id), queryFn: () => api<Member>(`/members/${id}`), staleTime: 0 });
}

export function useMemberHistory(id: number) {
  return useQuery({ queryKey: memberKeys.history(id), queryFn: () => api<MemberHistory>(`/members/${id}/history`) });
}
