import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { api } from '../../shared/api';
import type { Answer, QueryOf, RequestBody } from '../../shared/api-types';
import { tasksKey } from '../../shared/query-keys';

/** One page of the list, and how many tasks match in all. */
export type TaskPage = Answer<'listTasks'>;
export type Task = TaskPage['tasks'][number];
export type Priority = Task['priority'];
export type TaskFilters = Required<Pick<QueryOf<'listTasks'>, 'status' | 'sort'>> & {
  q: string;
  /** Where the page starts in the filtered list. */
  offset: number;
};
export type NewTask = RequestBody<'createTask'>;
export type TaskPatch = RequestBody<'updateTask'>;

/** "home, errands" as the API's tags: trimmed, no empty ones. */
export const parseTags = (text: string): string[] =>
  text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);

function query(filters: TaskFilters): string {
  const params = new URLSearchParams({ status: filters.status, sort: filters.sort });
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.offset > 0) params.set('offset', String(filters.offset));
  return `/api/tasks?${params}`;
}

export function useTasks(filters: TaskFilters) {
  return useQuery({
    queryKey: [...tasksKey, filters],
    queryFn: () => api<TaskPage>(query(filters)),
    // The page being left stays on screen until the next one arrives.
    placeholderData: (previous) => previous,
  });
}

/**
 * Applies a change to every cached task list at once, and undoes it if the server refuses:
 * the list reacts at the click, and never shows what was not saved.
 */
const isTask = (value: unknown): value is Task =>
  typeof value === 'object' && value !== null && 'id' in value && 'version' in value;

function useOptimistic<V>(request: (vars: V) => Promise<unknown>, apply: (tasks: Task[], vars: V) => Task[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onMutate: async (vars: V) => {
      await queryClient.cancelQueries({ queryKey: tasksKey });
      const snapshot = queryClient.getQueriesData<TaskPage>({ queryKey: tasksKey });
      for (const [key, page] of snapshot) {
        if (!page) continue;
        const tasks = apply(page.tasks, vars);
        queryClient.setQueryData<TaskPage>(key, {
          ...page,
          tasks,
          total: page.total + tasks.length - page.tasks.length,
        });
      }
      return { snapshot };
    },
    onError: (_error, _vars, context?: { snapshot: [QueryKey, TaskPage | undefined][] }) => {
      for (const [key, tasks] of context?.snapshot ?? []) queryClient.setQueryData(key, tasks);
    },
    // The saved task, its new version included, replaces the guess at once: a second save right
    // after the first must not send the old version.
    onSuccess: (saved) => {
      if (!isTask(saved)) return;
      for (const [key, page] of queryClient.getQueriesData<TaskPage>({ queryKey: tasksKey })) {
        if (!page) continue;
        const tasks = page.tasks.map((t) => (t.id === saved.id ? saved : t));
        queryClient.setQueryData<TaskPage>(key, { ...page, tasks });
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: tasksKey }),
  });
}

export function useAddTask() {
  return useOptimistic(
    (task: NewTask) => api<Task>('/api/tasks', { method: 'POST', body: task }),
    (tasks, task) => [
      {
        id: `pending-${Date.now()}`,
        title: task.title,
        description: task.description ?? null,
        completed: false,
        priority: task.priority ?? 'medium',
        dueDate: task.dueDate ?? null,
        tags: task.tags ?? [],
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
        version: 0,
      },
      ...tasks,
    ],
  );
}

/** A change to a task; with `version`, the server refuses it (412) if the task changed since. */
export function useUpdateTask() {
  return useOptimistic(
    ({ id, patch, version }: { id: string; patch: TaskPatch; version?: number }) =>
      api<Task>(`/api/tasks/${id}`, {
        method: 'PATCH',
        body: patch,
        ...(version !== undefined && { headers: { 'if-match': `"${version}"` } }),
      }),
    (tasks, { id, patch }) => tasks.map((t) => (t.id === id ? { ...t, ...patch } : t)),
  );
}

export function useDeleteTask() {
  return useOptimistic(
    (id: string) => api<void>(`/api/tasks/${id}`, { method: 'DELETE' }),
    (tasks, id) => tasks.filter((t) => t.id !== id),
  );
}

/** Puts a deleted task back (as a new task with the same fields, done or not as it was). */
export function useRestoreTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (task: Task) => {
      const restored = await api<Task>('/api/tasks', {
        method: 'POST',
        body: {
          title: task.title,
          priority: task.priority,
          tags: task.tags,
          ...(task.description && { description: task.description }),
          ...(task.dueDate && { dueDate: task.dueDate }),
        },
      });
      if (!task.completed) return restored;
      return api<Task>(`/api/tasks/${restored.id}`, { method: 'PATCH', body: { completed: true } });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: tasksKey }),
  });
}
