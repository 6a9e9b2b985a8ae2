import { and, asc, desc, eq, gte, ilike, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { runPrepared } from '../db/prepared.js';
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

/** A task as the JSON text the API sends, and its version for the ETag. */
export type TaskText = { json: string; version: number };

/** A timestamp in UTC, which PostgreSQL writes as 'YYYY-MM-DD HH:MM:SS' and up to six digits more. */
const inUtc = (column: AnyPgColumn) => sql<string>`${column} at time zone 'UTC'`;

/**
 * A task's fields as every query of tasks selects them, for taskText and toTaskJson. PostgreSQL
 * sends each as it writes it and Node writes the JSON: building the JSON in PostgreSQL
 * (json_build_object, to_char) took about 60% of the page query's time there.
 */
const taskFields = {
  id: tasks.id,
  title: tasks.title,
  description: tasks.description,
  completed: tasks.completed,
  priority: tasks.priority,
  dueDate: tasks.dueDate,
  tags: tasks.tags,
  createdAt: inUtc(tasks.createdAt),
  updatedAt: inUtc(tasks.updatedAt),
  version: tasks.version,
};
type TaskFields = [
  id: string,
  title: string,
  description: string | null,
  completed: boolean,
  priority: string,
  dueDate: string | null,
  tags: string[],
  createdAt: string,
  updatedAt: string,
  version: number,
];

/** A UTC timestamp as Date.prototype.toISOString writes it: milliseconds (cut, not rounded), Z. */
const isoTime = (utc: string) => `${utc.slice(0, 10)}T${utc.slice(11, 19)}.${utc.slice(20, 23).padEnd(3, '0')}Z`;

/** A task's fields as drizzle reads them: the times as PostgreSQL writes them in UTC. */
type TaskFieldRow = Omit<typeof tasks.$inferSelect, 'userId' | 'createdAt' | 'updatedAt'> & {
  createdAt: string;
  updatedAt: string;
};

export function toTaskJson(row: TaskFieldRow): Task {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    completed: row.completed,
    priority: row.priority,
    dueDate: row.dueDate,
    tags: row.tags,
    createdAt: isoTime(row.createdAt),
    updatedAt: isoTime(row.updatedAt),
    version: row.version,
  };
}

/** A task's JSON text, with toTaskJson's fields in its order and formats. */
function taskText(row: [...TaskFields, ...unknown[]]) {
  const [id, title, description, completed, priority, dueDate, tags, createdAt, updatedAt, version] = row;
  return (
    `{"id":"${id}","title":${JSON.stringify(title)},"description":${JSON.stringify(description)},` +
    `"completed":${completed},"priority":"${priority}","dueDate":${dueDate === null ? 'null' : `"${dueDate}"`},` +
    `"tags":${JSON.stringify(tags)},"createdAt":"${isoTime(createdAt)}","updatedAt":"${isoTime(updatedAt)}",` +
    `"version":${version}}`
  );
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

const value = sql.placeholder;

/** The filters as SQL, with placeholders where filterValues puts the user's values. */
function matching(query: TaskFilters): SQL | undefined {
  const filters: (SQL | undefined)[] = [eq(tasks.userId, value('userId'))];
  if (query.status === 'pending') filters.push(eq(tasks.completed, false));
  if (query.status === 'completed') filters.push(eq(tasks.completed, true));
  if (query.priority) filters.push(eq(tasks.priority, value('priority')));
  if (query.dueFrom) filters.push(gte(tasks.dueDate, value('dueFrom')));
  if (query.dueTo) filters.push(lte(tasks.dueDate, value('dueTo')));
  if (query.q) filters.push(or(ilike(tasks.title, value('pattern')), ilike(tasks.description, value('pattern'))));
  return and(...filters);
}

/**
 * What shapes the SQL of matching and ordering: the status, the order, and which filters are set,
 * tested as matching tests them (an empty search is none). Two queries of one shape must give one
 * SQL text, since the shape keys the statement pg runs.
 */
const shapeOf = ({ status = 'all', sort = 'created', order, priority, dueFrom, dueTo, q }: TaskFilters) =>
  JSON.stringify([status, sort, order, ...[priority, dueFrom, dueTo, q].map(Boolean)]);

function filterValues(userId: string, query: TaskFilters): Record<string, unknown> {
  const { priority, dueFrom, dueTo, q } = query;
  return { userId, priority, dueFrom, dueTo, pattern: q === undefined ? undefined : `%${escapeLike(q)}%` };
}

/** Every task that matches, for the assistant, which looks tasks up by their words. */
export async function listTasks(db: Db, userId: string, query: TaskFilters = {}): Promise<Task[]> {
  const rows = await db
    .select(taskFields)
    .from(tasks)
    .where(matching(query))
    .orderBy(...ordering(query))
    .execute(filterValues(userId, query));
  return rows.map(toTaskJson);
}

/**
 * One page of the matching tasks and how many match in all, as the JSON text the API sends: the
 * cost of a page, not of the list. The total is a subquery, not count(*) over (): a window reads
 * every matching row before the limit, where the index gives the page alone.
 */
export async function taskPageText(db: Db, userId: string, query: ListTasksQuery = {}): Promise<string> {
  const { limit = PAGE.size, offset = 0 } = query;
  const where = matching(query);
  const values = { ...filterValues(userId, query), limit, offset };
  const page = () =>
    db
      .select({ ...taskFields, total: sql<number>`(select count(*)::int from ${tasks} where ${where})` })
      .from(tasks)
      .where(where)
      .orderBy(...ordering(query))
      .limit(value('limit'))
      .offset(value('offset'));
  const rows = await runPrepared<[...TaskFields, total: number]>(
    db,
    `taskPage ${shapeOf(query)}`,
    page,
    values,
    'per run',
  );
  // The total follows each row's task fields; past the last page there is no row to carry it.
  const total =
    rows[0]?.[10] ??
    (offset === 0
      ? 0
      : (
          await db
            .select({ total: sql<number>`count(*)::int` })
            .from(tasks)
            .where(where)
            .execute(values)
        )[0]!.total);
  return `{"tasks":[${rows.map(taskText).join(',')}],"total":${total},"limit":${limit},"offset":${offset}}`;
}

/** The page as a value, for the assistant. */
export async function listTaskPage(db: Db, userId: string, query: ListTasksQuery = {}): Promise<TaskPage> {
  return JSON.parse(await taskPageText(db, userId, query)) as TaskPage;
}

export async function getTask(db: Db, userId: string, id: string): Promise<Task | undefined> {
  const [row] = await db
    .select(taskFields)
    .from(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId)));
  return row && toTaskJson(row);
}

export async function createTaskText(db: Db, userId: string, input: CreateTaskInput): Promise<TaskText> {
  const { title, description = null, priority = 'medium', dueDate = null, tags = [] } = input;
  const insert = () =>
    db
      .insert(tasks)
      .values({
        userId: value('userId'),
        title: value('title'),
        description: value('description'),
        priority: value('priority'),
        dueDate: value('dueDate'),
        tags: value('tags'),
      })
      .returning(taskFields);
  const values = { userId, title, description, priority, dueDate, tags };
  const [row] = await runPrepared<TaskFields>(db, 'createTask', insert, values, 'once');
  return { json: taskText(row!), version: row![9] };
}

export async function createTask(db: Db, userId: string, input: CreateTaskInput): Promise<Task> {
  return JSON.parse((await createTaskText(db, userId, input)).json) as Task;
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
    .returning(taskFields);
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
    .returning(taskFields);
  return row ? toTaskJson(row) : missingOrStale(db, userId, id);
}
