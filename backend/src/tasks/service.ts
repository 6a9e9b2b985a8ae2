import { and, asc, desc, eq, gte, ilike, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Precondition } from '../http/if-match.js';
import { tasks } from '../db/schema.js';
import { PAGE } from '../http/query.js';
import {
  type CreateTaskInput,
  type ListTasksQuery,
  type Task,
  type TaskFilters,
  type TaskPage,
  type UpdateTaskInput,
} from './schemas.js';

type TaskRow = typeof tasks.$inferSelect;

export function toTaskJson(row: TaskRow): Task {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    completed: row.completed,
    priority: row.priority,
    dueDate: row.dueDate,
    tags: row.tags,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const priorityRank = sql`case ${tasks.priority} when 'high' then 3 when 'medium' then 2 else 1 end`;

// Each ordering ends on the id, so a page boundary falls in the same place on every request.
function ordering(query: TaskFilters): SQL[] {
  const direction = (fallback: 'asc' | 'desc') => ((query.order ?? fallback) === 'asc' ? asc : desc);
  switch (query.sort ?? 'created') {
    case 'due': {
      const dir = direction('asc');
      // Tasks with no due date come last either way.
      return [sql`${tasks.dueDate} is null`, dir(tasks.dueDate), desc(tasks.createdAt), desc(tasks.id)];
    }
    case 'priority':
      return [direction('desc')(priorityRank), desc(tasks.createdAt), desc(tasks.id)];
    case 'title':
      return [direction('asc')(sql`lower(${tasks.title})`), desc(tasks.createdAt), desc(tasks.id)];
    case 'created':
      return [direction('desc')(tasks.createdAt), direction('desc')(tasks.id)];
  }
}

function matching(userId: string, query: TaskFilters): SQL | undefined {
  const filters: (SQL | undefined)[] = [eq(tasks.userId, userId)];
  if (query.status === 'pending') filters.push(eq(tasks.completed, false));
  if (query.status === 'completed') filters.push(eq(tasks.completed, true));
  if (query.priority) filters.push(eq(tasks.priority, query.priority));
  if (query.dueFrom) filters.push(gte(tasks.dueDate, query.dueFrom));
  if (query.dueTo) filters.push(lte(tasks.dueDate, query.dueTo));
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    filters.push(or(ilike(tasks.title, pattern), ilike(tasks.description, pattern)));
  }
  return and(...filters);
}

/** Every task that matches, for the assistant, which looks tasks up by their words. */
export async function listTasks(db: Db, userId: string, query: TaskFilters = {}): Promise<Task[]> {
  const rows = await db
    .select()
    .from(tasks)
    .where(matching(userId, query))
    .orderBy(...ordering(query));
  return rows.map(toTaskJson);
}

/** One page of the matching tasks and how many match in all: the cost of a page, not of the list. */
export async function listTaskPage(db: Db, userId: string, query: ListTasksQuery = {}): Promise<TaskPage> {
  const { limit = PAGE.size, offset = 0 } = query;
  const where = matching(userId, query);
  // The total as a subquery, not count(*) over (): a window reads every matching row before the
  // limit, where the index gives the page alone.
  const rows = await db
    .select({ task: tasks, total: db.$count(tasks, where) })
    .from(tasks)
    .where(where)
    .orderBy(...ordering(query))
    .limit(limit)
    .offset(offset);
  const total = rows[0]?.total ?? (offset === 0 ? 0 : await db.$count(tasks, where));
  return { tasks: rows.map((row) => toTaskJson(row.task)), total, limit, offset };
}

export async function getTask(db: Db, userId: string, id: string): Promise<Task | undefined> {
  const [row] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId)));
  return row && toTaskJson(row);
}

export async function createTask(db: Db, userId: string, input: CreateTaskInput): Promise<Task> {
  const [row] = await db
    .insert(tasks)
    .values({
      userId,
      title: input.title,
      description: input.description ?? null,
      priority: input.priority ?? 'medium',
      dueDate: input.dueDate ?? null,
      tags: input.tags ?? [],
    })
    .returning();
  return toTaskJson(row!);
}

/** The versions a change may apply to (If-Match); none given, any. */
const versionIn = (precondition: Precondition) =>
  Array.isArray(precondition) ? inArray(tasks.version, precondition.length > 0 ? precondition : [-1]) : undefined;

/** After a change that touched no row: 'stale' when the task is there in another version. */
async function missingOrStale(db: Db, userId: string, id: string) {
  return (await getTask(db, userId, id)) ? ('stale' as const) : undefined;
}

export async function updateTask(
  db: Db,
  userId: string,
  id: string,
  patch: UpdateTaskInput,
  precondition?: Precondition,
): Promise<Task | 'stale' | undefined> {
  const [row] = await db
    .update(tasks)
    .set({ ...patch, updatedAt: sql`now()`, version: sql`${tasks.version} + 1` })
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId), versionIn(precondition)))
    .returning();
  return row ? toTaskJson(row) : missingOrStale(db, userId, id);
}

export async function deleteTask(
  db: Db,
  userId: string,
  id: string,
  precondition?: Precondition,
): Promise<Task | 'stale' | undefined> {
  const [row] = await db
    .delete(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId), versionIn(precondition)))
    .returning();
  return row ? toTaskJson(row) : missingOrStale(db, userId, id);
}
