import type { Task } from '../features/tasks/api';

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
  ...extra,
});
