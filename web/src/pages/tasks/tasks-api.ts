// The tasks' reads and writes (phân công nhiệm vụ); types inferred from the server's schemas.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TaskOutcome } from '../../../../src/domain/tasks.ts';
import type { CreateTaskInput, OutcomeInput, programmesOut, ReportInput, taskDetailOut, taskListOut, taskOut } from '../../../../src/modules/tasks/schemas.ts';
import { api } from '../../api/client.ts';
import { homeKeys } from '../home/home-api.ts';

export type Task = z.infer<typeof taskOut>;
export type TaskDetail = z.infer<typeof taskDetailOut>;
export type TaskList = z.infer<typeof taskListOut>;
export type Programmes = z.infer<typeof programmesOut>;
export type { TaskOutcome };
export type TaskFilter = 'all' | 'open' | 'overdue' | 'closed';

export const OUTCOMES: readonly TaskOutcome[] = ['done', 'late', 'not_done', 'exceeded'];
export const OUTCOME_COLORS: Record<TaskOutcome, string> = { done: 'green', late: 'gold', not_done: 'red', exceeded: 'cyan' };

export const taskKeys = {
  all: ['tasks'] as const,
  unit: (unitId: number, state: TaskFilter) => ['tasks', 'unit', unitId, state] as const,
  mine: ['tasks', 'mine'] as const,
  one: (id: number) => ['tasks', 'one', id] as const,
  programmes: ['tasks', 'programmes'] as const,
};

export function useUnitTasks(unitId: number | null, state: TaskFilter) {
  return useQuery({
    queryKey: taskKeys.unit(unitId ?? 0, state),
    queryFn: () => api<TaskList>('/tasks', { query: { unitId, state } }),
    enabled: unitId !== null,
    placeholderData: (previous) => previous,
  });
}

export function useMyTasks() {
  return useQuery({ queryKey: taskKeys.mine, queryFn: () => api<TaskList>('/me/tasks') });
}

export function useTask(id: number) {
  return useQuery({ queryKey: taskKeys.one(id), queryFn: () => api<TaskDetail>(`/tasks/${id}`) });
}

export function useProgrammes() {
  return useQuery({ queryKey: taskKeys.programmes, queryFn: () => api<Programmes>('/tasks/programmes'), staleTime: 3_600_000 });
}

/** After any write: the task, every list and the home page read again. */
function useRefresh() {
  const queryClient = useQueryClient();
  return (task?: TaskDetail) => {
    if (task) queryClient.setQueryData(taskKeys.one(task.id), task);
    void queryClient.invalidateQueries({ queryKey: taskKeys.all });
    void queryClient.invalidateQueries({ queryKey: homeKeys.home });
  };
}

export function useCreateTask() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: CreateTaskInput) => api<TaskDetail>('/tasks', { method: 'POST', body }), onSuccess: refresh });
}

export function useReportProgress(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async ({ body, file }: { body: ReportInput; file: File | null }) => {
      const task = await api<TaskDetail>(`/tasks/${id}/reports`, { method: 'POST', body });
      if (!file) return task;
      const form = new FormData();
      form.append('file', file, file.name);
      await api(`/tasks/${id}/reports/${task.reports[0]!.id}/files`, { method: 'POST', form });
      return api<TaskDetail>(`/tasks/${id}`);
    },
    onSuccess: refresh,
  });
}

export function useRecordOutcome(id: number) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: OutcomeInput) => api<TaskDetail>(`/tasks/${id}/outcome`, { method: 'POST', body }), onSuccess: refresh });
}
