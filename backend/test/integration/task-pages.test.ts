import { describe, expect, it } from 'vitest';
import { signUp, useTestApp } from '../helpers/app.js';
import { tasksApi } from '../helpers/tasks-api.js';

const ctx = useTestApp();
const { create, page } = tasksApi(ctx);

describe('tasks API: pages of the list', () => {
  it('pages through every task exactly once in every order, with the total on each page', async () => {
    const user = await signUp(ctx.app);
    // Titles equal but for case, one priority, two due dates: only the tie-breaker orders most of them.
    for (let i = 0; i < 23; i += 1) {
      await create(user, { title: i % 2 ? 'Same' : 'same', ...(i % 3 ? { dueDate: '2026-12-24' } : {}) });
    }
    for (const sort of ['created', 'due', 'priority', 'title']) {
      for (const order of ['asc', 'desc']) {
        const seen: string[] = [];
        for (let offset = 0; offset < 23; offset += 5) {
          const got = await page(user, `?sort=${sort}&order=${order}&limit=5&offset=${offset}`);
          expect(got).toMatchObject({ total: 23, limit: 5, offset });
          seen.push(...got.tasks.map((t) => t.id));
        }
        expect(new Set(seen).size, `${sort} ${order}`).toBe(23);
        expect(seen).toHaveLength(23);
      }
    }
  });

  it('lists each task exactly as it reads alone', async () => {
    const user = await signUp(ctx.app);
    const made = [
      await create(user, {
        title: 'Full',
        description: 'd "quoted" \\ é',
        priority: 'high',
        dueDate: '0050-02-28',
        tags: ['a', 'b c'],
      }),
      await create(user, { title: 'Bare' }),
    ];
    const patched = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/tasks/${made[1]!.id}`,
      headers: user.headers,
      payload: { completed: true },
    });
    made[1] = patched.json();
    const listed = (await page(user, '?sort=title')).tasks;
    for (const task of made) {
      const alone = (await ctx.app.inject({ url: `/api/tasks/${task.id}`, headers: user.headers })).json();
      expect(listed.find((t) => t.id === task.id)).toEqual(alone);
      expect(alone).toEqual(task);
    }
  });

  it('gives 50 a page by default, and past the end no tasks but the total', async () => {
    const user = await signUp(ctx.app);
    for (let i = 0; i < 55; i += 1) await create(user, { title: `Task ${i}` });
    const first = await page(user);
    expect(first).toMatchObject({ total: 55, limit: 50, offset: 0 });
    expect(first.tasks).toHaveLength(50);
    expect((await page(user, '?offset=50')).tasks).toHaveLength(5);
    expect(await page(user, '?offset=60')).toEqual({ tasks: [], total: 55, limit: 50, offset: 60 });
    expect(await page(user, '?q=Task%2054')).toMatchObject({ total: 1 });
  });

  it.each(['limit=0', 'limit=201', 'limit=-1', 'limit=ten', 'limit=1.5', 'offset=-1', 'offset=100001'])(
    'refuses %s with 400 naming the field',
    async (query) => {
      const user = await signUp(ctx.app);
      const response = await ctx.app.inject({ url: `/api/tasks?${query}`, headers: user.headers });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'VALIDATION_ERROR', field: query.split('=')[0] });
    },
  );
});
