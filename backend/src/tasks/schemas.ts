import { z } from 'zod';
import { PRIORITIES } from '../domain/tasks.js';
import { pageQuery } from '../http/query.js';
import { notBlankText, plainText } from '../http/text.js';

export const taskId = z.uuid({ error: 'must be a task id (UUID)' });
export const title = notBlankText(200);
export const description = plainText(2000);
export const priority = z.enum(PRIORITIES, { error: 'must be one of low, medium, high' });
// Four-digit years only; PostgreSQL has no year 0.
export const dueDate = z.iso
  .date({ error: 'must be a date as YYYY-MM-DD' })
  .refine((date) => !date.startsWith('0000-'), 'must be a date from 0001-01-01 to 9999-12-31');
export const tags = z.array(notBlankText(50)).max(20, 'at most 20 tags');

export const STATUSES = ['all', 'pending', 'completed'] as const;
export const SORTS = ['created', 'due', 'priority', 'title'] as const;

export const createTaskBody = z.strictObject({
  title,
  description: description.optional(),
  priority: priority.optional(),
  dueDate: dueDate.nullable().optional(),
  tags: tags.optional(),
});
export type CreateTaskInput = z.infer<typeof createTaskBody>;

export const updateTaskBody = z
  .strictObject({
    title: title.optional(),
    description: description.nullable().optional(),
    priority: priority.optional(),
    dueDate: dueDate.nullable().optional(),
    tags: tags.optional(),
    completed: z.boolean().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { message: 'must change at least one field' })
  .meta({ minProperties: 1 });
export type UpdateTaskInput = z.infer<typeof updateTaskBody>;

export const taskFilters = z.strictObject({
  status: z.enum(STATUSES, { error: 'must be one of all, pending, completed' }).optional(),
  priority: priority.optional(),
  q: plainText(200).trim().optional(),
  dueFrom: dueDate.optional().describe('only tasks due on or after this day'),
  dueTo: dueDate.optional().describe('only tasks due on or before this day'),
  sort: z.enum(SORTS, { error: 'must be one of created, due, priority, title' }).optional(),
  order: z.enum(['asc', 'desc'], { error: 'must be asc or desc' }).optional(),
});
export type TaskFilters = z.infer<typeof taskFilters>;

export const taskPageQuery = pageQuery('tasks');
export const listTasksQuery = taskFilters.extend(taskPageQuery);
export type ListTasksQuery = z.infer<typeof listTasksQuery>;

export const taskJson = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string().nullable(),
  completed: z.boolean(),
  priority,
  dueDate: z.string().nullable(),
  tags: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.int().describe('one more at every change; the ETag is this number in quotes'),
});
export type Task = z.infer<typeof taskJson>;
export const taskPage = z.object({
  tasks: z.array(taskJson),
  total: z.number().int().describe('tasks that match the filters, on every page'),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type TaskPage = z.infer<typeof taskPage>;
