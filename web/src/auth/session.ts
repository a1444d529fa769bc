// Who is logged in, and what they may do. /auth/me answers 401 when nobody is: that is
// a normal state here (null), not an error.
import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../api/client.ts';
import type { Me, Permission } from '../api/types.ts';

export const ME_KEY = ['me'] as const;

export async function fetchMe(): Promise<Me | null> {
  try {
    return await api<Me>('/auth/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

export function can(me: Me | null | undefined, permission: Permission): boolean {
  return !!me?.permissions.includes(permission);
}

/** The permission check for components: const may = usePermission(); may('write_units'). */
export function usePermission(): (permission: Permission) => boolean {
  const { data } = useMe();
  return (permission) => can(data, permission);
}

/** The unit whose dashboard is one's own: that of the first grant of a role that reads figures. */
export function dashboardUnit(me: Me | null | undefined): number | null {
  return me?.grants.find((g) => g.role !== 'member')?.unitId ?? null;
}

/**
 * Whether the start page is the home page of one's roles (a secretary's month, a committee's
 * cells, a member's meetings); an organisation board or an administrator starts elsewhere.
 */
export function hasHomePage(me: Me | null | undefined): boolean {
  return !!me && (me.memberId !== null || me.grants.some((g) => g.role === 'secretary' || g.role === 'committee'));
}
