import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { User } from './types.ts';

export const userKeys = {
  all: ['users'] as const,
  list: ['users', 'list'] as const,
  detail: (id: number) => ['users', 'detail', id] as const,
};

export function useUsers() {
  return useQuery({ queryKey: userKeys.list, queryFn: () => api<{ items: User[] }>('/users') });
}

export function useUser(id: number) {
  return useQuery({ queryKey: userKeys.detail(id), queryFn: () => api<User>(`/users/${id}`) });
}
