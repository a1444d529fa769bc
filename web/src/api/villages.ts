// Villages (thôn, bản, tổ dân phố), growth targets, and their figures: white villages and
// admissions against targets on a date (figures/growth-figures.ts, village-figures.ts).
import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Share } from './figures.ts';

export type VillageKind = 'thon' | 'ban' | 'to_dan_pho';
export interface Village {
  id: number;
  name: string;
  kind: VillageKind;
  cellId: number;
  cellName: string;
  establishedOn: string;
  dissolvedOn: string | null;
  mergedIntoId: number | null;
  decisionNumber: string | null;
  residents: number;
  white: boolean;
}
export interface Villages {
  unitId: number;
  on: string;
  canManage: boolean;
  villages: Village[];
}
export interface Targets {
  unitId: number;
  year: number;
  on: string;
  canManage: boolean;
  cells: { cellId: number; name: string; target: number | null; admitted: number }[];
}
export interface GrowthLine {
  unitId: number;
  name: string;
  target: number | null;
  admitted: number;
  cells: number;
  cellsWithTarget: number;
  cellsReached: number;
}
export interface GrowthFigures {
  unitId: number;
  date: string;
  year: number;
  total: GrowthLine;
  subUnits: GrowthLine[];
  cells: GrowthLine[];
  candidates?: { byStage: Record<string, number>; inAwarenessCourse: number };
}
export interface VillageFigures {
  unitId: number;
  date: string;
  yearStart: string;
  atYearStart: Share;
  onDate: Share;
  removed: number;
  white: { id: number; name: string; kind: VillageKind; cellId: number; cellName: string; candidates?: number }[];
}

export const villageKeys = {
  list: (unitId: number, on: string) => ['villages', unitId, on] as const,
  targets: (unitId: number, year: number) => ['villages', 'targets', unitId, year] as const,
};

export const useVillages = (unitId: number, on: string) =>
  useQuery({ queryKey: villageKeys.list(unitId, on), queryFn: () => api<Villages>(`/units/${unitId}/villages`, { query: { on } }) });

export const useTargets = (unitId: number, year: number) =>
  useQuery({ queryKey: villageKeys.targets(unitId, year), queryFn: () => api<Targets>(`/units/${unitId}/growth-targets`, { query: { year } }) });

export function useGrowthFigures(id: number, date: string) {
  return useQuery({
    queryKey: ['figures', 'growth', id, date],
    queryFn: ({ signal }) => api<GrowthFigures>(`/figures/units/${id}/growth`, { query: { date }, signal }),
    placeholderData: (previous) => (previous?.unitId === id ? previous : undefined),
  });
}

export function useVillageFigures(id: number, date: string) {
  return useQuery({
    queryKey: ['figures', 'villages', id, date],
    queryFn: ({ signal }) => api<VillageFigures>(`/figures/units/${id}/villages`, { query: { date }, signal }),
    placeholderData: (previous) => (previous?.unitId === id ? previous : undefined),
  });
}
