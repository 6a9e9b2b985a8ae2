/**
 * The list and create write their JSON from the fields PostgreSQL sends as it writes them, through
 * prepared statements named by the query's shape. These properties hold them to the rest of the
 * API: the same task reads the same on every route, to the millisecond of any time, the answers
 * fit the documented schemas, and every mix of filters lists what a plain model of the filters
 * lists, in any order of asking.
 */
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { tasks } from '../../src/db/schema.js';
import { CONTROL_CHARACTERS } from '../../src/http/input-check.js';
import { SORTS, STATUSES, taskJson, taskPage, type ListTasksQuery, type Task } from '../../src/tasks/schemas.js';
import { createTaskText, taskPageText } from '../../src/tasks/service.js';
import { signUp, useTestApp, type TestUser } from '../helpers/app.js';
import { preparedStatements, TEST_DB } from '../helpers/database.js';
import { tasksApi } from '../helpers/tasks-api.js';

const ctx = useTestApp();
const api = tasksApi(ctx);
const CONTROL = new RegExp(`[${CONTROL_CHARACTERS}]`, 'g');
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);

// Text a task may hold: any Unicode but the control characters the input layer refuses, trimmed
// as titles and tags are, within the limit in UTF-16 units.
const text = (max: number) =>
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: Math.min(max, 40) })
    .map((s) => s.replace(CONTROL, '').trim())
    .filter((s) => s.length > 0 && s.length <= max);
const isoDay = fc
  .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const newTask = fc.record(
  {
    title: text(200),
    description: fc.oneof(text(2000), fc.constant('tab\tline\nquote" back\\ é 😀')),
    priority: fc.constantFrom('low', 'medium', 'high'),
    dueDate: fc.oneof(isoDay, fc.constant(null)),
    tags: fc.array(text(50), { maxLength: 5 }),
  },
  { requiredKeys: ['title'] },
);

const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('tasks as PostgreSQL writes them', () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await signUp(ctx.app);
  });

  it('reads the same on create, in the list and alone, and fits the schema', async () => {
    await fc.assert(
      fc.asyncProperty(newTask, async (payload) => {
        const created = await ctx.app.inject({ method: 'POST', url: '/api/tasks', headers: user.headers, payload });
        expect(created.statusCode, created.body).toBe(201);
        expect(created.headers['content-type']).toBe('application/json; charset=utf-8');
        const task = taskJson.strict().parse(created.json()) as Task;
        expect(created.headers.etag).toBe(`"${task.version}"`);
        expect(task).toMatchObject({ ...payload, description: payload.description ?? null });
        expect(task.createdAt).toMatch(ISO_MS);
        expect(task.updatedAt).toBe(task.createdAt);

        const alone = await ctx.app.inject({ url: `/api/tasks/${task.id}`, headers: user.headers });
        expect(alone.json()).toEqual(task);
        const listed = await ctx.app.inject({ url: '/api/tasks?limit=1', headers: user.headers });
        const page = taskPage.strict().parse(listed.json());
        expect(page.tasks).toEqual([task]);
      }),
      { numRuns: 60, seed: SEED },
    );
  });
});

describe('times as the page writes them', () => {
  // Any instant from year 1 to 9999, to the microsecond; the list cuts it to milliseconds as
  // toISOString writes them. The server sets both times to now().
  // PostgreSQL drops a fraction's trailing zeros, so whole seconds and round fractions come often.
  const instant = fc.record({
    ms: fc
      .tuple(
        fc.date({
          min: new Date('0001-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59.999Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(1, 10, 100, 1000),
      )
      .map(([date, step]) => new Date(date.getTime() - (((date.getTime() % step) + step) % step))),
    micros: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 999 })),
  });
  const literal = ({ ms, micros }: { ms: Date; micros: number }) =>
    `${ms.toISOString().slice(0, -1)}${String(micros).padStart(3, '0')}+00`;

  it('cuts each to milliseconds, in the list as in the task alone', async () => {
    const user = await signUp(ctx.app);
    const { id } = await api.create(user, { title: 'Dated' });
    await fc.assert(
      fc.asyncProperty(instant, instant, async (createdAt, updatedAt) => {
        await ctx.db.database.withConnection((db) =>
          db
            .update(tasks)
            .set({
              createdAt: sql`${literal(createdAt)}::timestamptz`,
              updatedAt: sql`${literal(updatedAt)}::timestamptz`,
            })
            .where(eq(tasks.id, id)),
        );
        const [task] = taskPage.strict().parse(await api.page(user)).tasks;
        expect(task).toMatchObject({ createdAt: createdAt.ms.toISOString(), updatedAt: updatedAt.ms.toISOString() });
        const alone = await ctx.app.inject({ url: `/api/tasks/${id}`, headers: user.headers });
        expect(alone.json()).toEqual(task);
      }),
      { numRuns: 60, seed: SEED },
    );
  });
});

const RANK = { low: 1, medium: 2, high: 3 } as const;

/** What the list should answer, worked out in plain TypeScript from every task the user has. */
function model(all: Task[], query: ListTasksQuery) {
  const needle = query.q?.toLowerCase();
  const matches = all.filter(
    (t) =>
      (query.status !== 'pending' || !t.completed) &&
      (query.status !== 'completed' || t.completed) &&
      (!query.priority || t.priority === query.priority) &&
      (!query.dueFrom || (t.dueDate !== null && t.dueDate >= query.dueFrom)) &&
      (!query.dueTo || (t.dueDate !== null && t.dueDate <= query.dueTo)) &&
      (!needle || t.title.toLowerCase().includes(needle) || (t.description ?? '').toLowerCase().includes(needle)),
  );
  // Created in order, so the creation order breaks every tie (newest first), as created_at and id do.
  const newest = (a: Task, b: Task) => all.indexOf(b) - all.indexOf(a);
  const flip = (n: number, descending: boolean) => (descending ? -n : n);
  const sort = query.sort ?? 'created';
  const compare = (a: Task, b: Task): number => {
    if (sort === 'due') {
      if ((a.dueDate === null) !== (b.dueDate === null)) return a.dueDate === null ? 1 : -1;
      const byDay = a.dueDate === b.dueDate ? 0 : (a.dueDate ?? '') < (b.dueDate ?? '') ? -1 : 1;
      return flip(byDay, query.order === 'desc') || newest(a, b);
    }
    if (sort === 'priority') return flip(RANK[a.priority] - RANK[b.priority], query.order !== 'asc') || newest(a, b);
    if (sort === 'title') {
      const [x, y] = [a.title.toLowerCase(), b.title.toLowerCase()];
      return flip(x === y ? 0 : x < y ? -1 : 1, query.order === 'desc') || newest(a, b);
    }
    return query.order === 'asc' ? -newest(a, b) : newest(a, b);
  };
  const { limit = 50, offset = 0 } = query;
  return { tasks: matches.sort(compare).slice(offset, offset + limit), total: matches.length, limit, offset };
}

describe('every mix of filters, through prepared statements', () => {
  let user: TestUser;
  const all: Task[] = [];
  beforeAll(async () => {
    user = await signUp(ctx.app);
    // ASCII titles, so that lower() and toLowerCase() agree on the order under any collation.
    const rows: [string, string | null, 'low' | 'medium' | 'high', string | null, boolean][] = [
      ['buy milk', 'two litres', 'high', '2026-12-07', false],
      ['Milk the cow', null, 'low', null, true],
      ['call mum', 'about the party', 'medium', '2026-12-05', false],
      ['pay rent', '100% of it', 'high', '2026-12-01', true],
      ['water plants', 'the_fern', 'low', '2026-12-05', false],
      ['Write report', null, 'medium', null, false],
      ['book dentist', 'call first', 'high', '2027-01-10', false],
      ['clean kitchen', null, 'low', '2026-12-07', true],
    ];
    for (const [title, description, priority, dueDate, completed] of rows) {
      const payload = { title, priority, dueDate, ...(description ? { description } : {}) };
      let task = (await ctx.app.inject({ method: 'POST', url: '/api/tasks', headers: user.headers, payload })).json();
      if (completed) {
        const patch = { method: 'PATCH' as const, url: `/api/tasks/${task.id}`, headers: user.headers };
        task = (await ctx.app.inject({ ...patch, payload: { completed: true } })).json();
      }
      all.push(task);
    }
  });

  const query = fc.record(
    {
      status: fc.constantFrom('all', 'pending', 'completed'),
      priority: fc.constantFrom('low', 'medium', 'high'),
      q: fc.constantFrom('milk', 'CALL', '100%', '_', 'the', 'zzz'),
      dueFrom: fc.constantFrom('2026-12-01', '2026-12-05', '2026-12-08'),
      dueTo: fc.constantFrom('2026-12-05', '2026-12-07', '2027-12-31'),
      sort: fc.constantFrom('created', 'due', 'priority', 'title'),
      order: fc.constantFrom('asc', 'desc'),
      limit: fc.integer({ min: 1, max: 4 }),
      offset: fc.integer({ min: 0, max: 9 }),
    },
    { requiredKeys: [] },
  ) as fc.Arbitrary<ListTasksQuery>;

  it('lists what the model lists, whichever shapes were asked for before', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(query, { minLength: 1, maxLength: 6 }), async (queries) => {
        for (const q of queries) {
          const search = new URLSearchParams(Object.entries(q).map(([k, v]): [string, string] => [k, String(v)]));
          const response = await ctx.app.inject({ url: `/api/tasks?${search}`, headers: user.headers });
          expect(response.statusCode, response.body).toBe(200);
          expect(response.json(), search.toString()).toEqual(model(all, q));
        }
      }),
      { numRuns: 80, seed: SEED },
    );
  });
});

describe('prepared statements', () => {
  it('plans the page for each run, whatever mix of filters it is asked, and keeps no statement for it', async () => {
    const user = await signUp(ctx.app);
    const shapes = STATUSES.flatMap((status) =>
      SORTS.flatMap((sort) =>
        (['asc', 'desc'] as const).flatMap((order) =>
          Array.from({ length: 16 }, (_, bits) => ({
            status,
            sort,
            order,
            ...(bits & 1 ? { priority: 'high' as const } : {}),
            ...(bits & 2 ? { dueFrom: '2026-01-01' } : {}),
            ...(bits & 4 ? { dueTo: '2026-12-31' } : {}),
            ...(bits & 8 ? { q: 'x' } : {}),
          })),
        ),
      ),
    );
    const kept = await ctx.db.database.withConnection(async (db) => {
      for (const shape of shapes) {
        expect(JSON.parse(await taskPageText(db, user.id, shape))).toEqual({
          tasks: [],
          total: 0,
          limit: 50,
          offset: 0,
        });
      }
      return preparedStatements(db);
    });
    expect(shapes).toHaveLength(384);
    // The connection may hold the create's statement from earlier tests; no select.
    expect(kept.filter(({ statement }) => statement.startsWith('select'))).toEqual([]);
  });

  it('plans a create once for all its runs', async () => {
    const user = await signUp(ctx.app);
    const kept = await ctx.db.database.withConnection(async (db) => {
      // PostgreSQL plans a named statement for its values five times before it weighs one plan for all.
      for (let run = 0; run < 8; run += 1) await createTaskText(db, user.id, { title: `Task ${run}` });
      return preparedStatements(db);
    });
    // PGlite runs every statement unnamed: none is kept.
    if (TEST_DB === 'pglite') expect(kept).toEqual([]);
    else {
      expect(kept).toEqual([expect.objectContaining({ statement: expect.stringMatching(/^insert into "tasks"/) })]);
      expect(kept[0]!.generic).toBeGreaterThan(0);
    }
  });

  it('reads alike when pg runs a statement and when drizzle runs it in a transaction, under one name', async () => {
    const user = await signUp(ctx.app);
    // Only what the server sets differs between two creates of the same input.
    const given = (json: string) => {
      const { id: _id, createdAt: _created, updatedAt: _updated, ...task } = JSON.parse(json) as Task;
      return task;
    };
    await fc.assert(
      fc.asyncProperty(newTask, async (input) => {
        // One connection: on PostgreSQL the two paths share its prepared statements, and pg refuses
        // a name that another path prepared with a different text.
        await ctx.db.database.withConnection(async (db) => {
          const direct = await createTaskText(db, user.id, input);
          const inTransaction = await db.transaction((tx) => createTaskText(tx, user.id, input));
          expect(given(inTransaction.json)).toEqual(given(direct.json));
          expect(inTransaction.version).toBe(direct.version);
          expect(taskJson.strict().parse(JSON.parse(direct.json))).toMatchObject(input);
          const query = { sort: 'title' as const, limit: 3 };
          const page = await taskPageText(db, user.id, query);
          expect(await db.transaction((tx) => taskPageText(tx, user.id, query))).toBe(page);
          expect(taskPage.parse(JSON.parse(page)).tasks.length).toBeGreaterThanOrEqual(2);
        });
      }),
      { numRuns: 20, seed: SEED },
    );
  });
});
