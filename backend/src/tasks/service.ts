import { and, asc, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { tasks } from '../db/schema.js';
import type { CreateTaskInput, ListTasksQuery, Task, UpdateTaskInput } from './schemas.js';

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
  };
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const priorityRank = sql`case ${tasks.priority} when 'high' then 3 when 'medium' then 2 else 1 end`;

function ordering(query: ListTasksQuery): SQL[] {
  const direction = (fallback: 'asc' | 'desc') => ((query.order ?? fallback) === 'asc' ? asc : desc);
  switch (query.sort ?? 'created') {
    case 'due': {
      const dir = direction('asc');
      // Tasks with no due date come last either way.
      return [sql`${tasks.dueDate} is null`, dir(tasks.dueDate), desc(tasks.createdAt)];
    }
    case 'priority':
      return [direction('desc')(priorityRank), desc(tasks.createdAt)];
    case 'title':
      return [direction('asc')(sql`lower(${tasks.title})`), desc(tasks.createdAt)];
    case 'created':
      return [direction('desc')(tasks.createdAt), direction('desc')(tasks.id)];
  }
}

export async function listTasks(db: Db, userId: string, query: ListTasksQuery = {}): Promise<Task[]> {
  const filters: (SQL | undefined)[] = [eq(tasks.userId, userId)];
  if (query.status === 'pending') filters.push(eq(tasks.completed, false));
  if (query.status === 'completed') filters.push(eq(tasks.completed, true));
  if (query.priority) filters.push(eq(tasks.priority, query.priority));
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    filters.push(or(ilike(tasks.title, pattern), ilike(tasks.description, pattern)));
  }
  const rows = await db
    .select()
    .from(tasks)
    .where(and(...filters))
    .orderBy(...ordering(query));
  return rows.map(toTaskJson);
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

export async function updateTask(
  db: Db,
  userId: string,
  id: string,
  patch: UpdateTaskInput,
): Promise<Task | undefined> {
  const [row] = await db
    .update(tasks)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId)))
    .returning();
  return row && toTaskJson(row);
}

export async function deleteTask(db: Db, userId: string, id: string): Promise<Task | undefined> {
  const [row] = await db
    .delete(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId)))
    .returning();
  return row && toTaskJson(row);
}
