// Unit queries shared by several pages.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { UnitChildren, UnitDetail, UnitEvent, UnitSearchItem } from './types.ts';

export const unitKeys = {
  all: ['units'] as const,
  children: (parentId: number | null, at: string | null) => ['units', 'children', parentId, at] as const,
  search: (q: string, at: string | null) => ['units', 'search', q, at] as const,
  detail: (id: number, at: string | null) => ['units', 'detail', id, at] as const,
  history: (id: number) => ['units', 'history', id] as const,
};

export const fetchChildren = (parentId: number | null, at: string | null) => api<UnitChildren>('/units/children', { query: { parentId, at } });

/** The children of a unit (null: the roots of one's scope), also fetched at start on /units (App.tsx). */
export const unitChildrenQuery = (parentId: number | null, at: string | null) =>
  queryOptions({ queryKey: unitKeys.children(parentId, at), queryFn: () => fetchChildren(parentId, at) });

export function useUnitChildren(parentId: number | null, at: string | null, enabled = true) {
  return useQuery({ ...unitChildrenQuery(parentId, at), enabled });
}

export function useUnitSearch(q: string, at: string | null) {
  const query = q.trim();
  return useQuery({
    queryKey: unitKeys.search(query, at),
    queryFn: ({ signal }) => api<{ items: UnitSearchItem[] }>('/units/search', { query: { q: query, at }, signal }),
    enabled: query.length > 0,
    placeholderData: (previous) => previous,
  });
}

export function useUnit(id: number, at: string | null) {
  return useQuery({ queryKey: unitKeys.detail(id, at), queryFn: () => api<UnitDetail>(`/units/${id}`, { query: { at } }) });
}

export function useUnitHistory(id: number) {
  return useQuery({ queryKey: unitKeys.history(id), queryFn: () => api<{ items: UnitEvent[] }>(`/units/${id}/history`) });
}
