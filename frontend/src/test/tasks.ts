import type { Task, TaskPage } from '../features/tasks/api';

/** A task as the API returns it, with the given title and any fields overridden. */
export const makeTask = (title: string, extra: Partial<Task> = {}): Task => ({
  id: crypto.randomUUID(),
  title,
  description: null,
  completed: false,
  priority: 'medium',
  dueDate: null,
  tags: [],
  createdAt: '2026-11-20T10:00:00Z',
  updatedAt: '2026-11-20T10:00:00Z',
  version: 1,
  ...extra,
});

/** The API's page of the list around the given tasks. */
export const pageOf = (tasks: Task[], extra: Partial<TaskPage> = {}): TaskPage => ({
  tasks,
  total: tasks.length,
  limit: 50,
  offset: 0,
  ...extra,
});
