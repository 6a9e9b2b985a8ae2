import { describe, expect, it } from 'vitest';
import type { Task } from '../../src/tasks/schemas.js';
import { signUp, useTestApp } from '../helpers/app.js';
import { tasksApi } from '../helpers/tasks-api.js';

const ctx = useTestApp();
const { create, list } = tasksApi(ctx);

describe('tasks API', () => {
  it('creates a task with every field and defaults the rest', async () => {
    const user = await signUp(ctx.app);
    const full = await create(user, {
      title: '  Buy milk ',
      description: 'Two litres',
      priority: 'high',
      dueDate: '2026-12-01',
      tags: ['home', 'shopping'],
    });
    expect(full).toMatchObject({
      title: 'Buy milk',
      description: 'Two litres',
      completed: false,
      priority: 'high',
      dueDate: '2026-12-01',
      tags: ['home', 'shopping'],
    });
    expect(Date.parse(full.createdAt)).not.toBeNaN();
    const minimal = await create(user, { title: 'Call mom' });
    expect(minimal).toMatchObject({ description: null, priority: 'medium', dueDate: null, tags: [], completed: false });
  });

  it('reads, partially updates and deletes a task', async () => {
    const user = await signUp(ctx.app);
    const task = await create(user, { title: 'Write report', dueDate: '2026-12-10' });
    const read = await ctx.app.inject({ url: `/api/tasks/${task.id}`, headers: user.headers });
    expect(read.json()).toEqual(task);

    const patched = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/tasks/${task.id}`,
      headers: user.headers,
      payload: { completed: true, dueDate: null, priority: 'low' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ title: 'Write report', completed: true, dueDate: null, priority: 'low' });
    expect(Date.parse(patched.json().updatedAt)).toBeGreaterThanOrEqual(Date.parse(task.updatedAt));

    const deleted = await ctx.app.inject({ method: 'DELETE', url: `/api/tasks/${task.id}`, headers: user.headers });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    const gone = await ctx.app.inject({ url: `/api/tasks/${task.id}`, headers: user.headers });
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Task not found' } });
  });

  it('filters by status, priority and text, and sorts every way', async () => {
    const user = await signUp(ctx.app);
    const a = await create(user, { title: 'banana bread', priority: 'low', dueDate: '2026-12-03' });
    const b = await create(user, { title: 'Apple pie', priority: 'high', description: 'for the party' });
    const c = await create(user, { title: 'cherry jam', priority: 'medium', dueDate: '2026-12-01' });
    await ctx.app.inject({
      method: 'PATCH',
      url: `/api/tasks/${c.id}`,
      headers: user.headers,
      payload: { completed: true },
    });
    const titles = (tasks: Task[]) => tasks.map((t) => t.title);

    expect(titles(await list(user))).toEqual(['cherry jam', 'Apple pie', 'banana bread']);
    expect(titles(await list(user, '?status=pending'))).toEqual(['Apple pie', 'banana bread']);
    expect(titles(await list(user, '?status=completed'))).toEqual(['cherry jam']);
    expect(titles(await list(user, '?priority=high'))).toEqual(['Apple pie']);
    expect(titles(await list(user, '?q=PARTY'))).toEqual(['Apple pie']);
    expect(titles(await list(user, '?q=%25'))).toEqual([]);
    // A span of due dates, ends included; tasks with no due date are never in one.
    expect(titles(await list(user, '?dueFrom=2026-12-01&dueTo=2026-12-02'))).toEqual(['cherry jam']);
    expect(titles(await list(user, '?dueFrom=2026-12-02'))).toEqual(['banana bread']);
    expect(titles(await list(user, '?dueTo=2026-12-03&status=pending'))).toEqual(['banana bread']);
    expect(titles(await list(user, '?sort=title'))).toEqual(['Apple pie', 'banana bread', 'cherry jam']);
    expect(titles(await list(user, '?sort=title&order=desc'))).toEqual(['cherry jam', 'banana bread', 'Apple pie']);
    expect(titles(await list(user, '?sort=due'))).toEqual(['cherry jam', 'banana bread', 'Apple pie']);
    expect(titles(await list(user, '?sort=due&order=desc'))).toEqual(['banana bread', 'cherry jam', 'Apple pie']);
    expect(titles(await list(user, '?sort=priority'))).toEqual(['Apple pie', 'cherry jam', 'banana bread']);
    expect(titles(await list(user, '?sort=priority&order=asc'))).toEqual(['banana bread', 'cherry jam', 'Apple pie']);
    expect(titles(await list(user, '?sort=created&order=asc'))).toEqual(['banana bread', 'Apple pie', 'cherry jam']);
    expect([a.id, b.id].every((id) => id.length === 36)).toBe(true);
  });

  it('asks for a session on every task route', async () => {
    const routes = [
      ['GET', '/api/tasks'],
      ['POST', '/api/tasks'],
      ['GET', '/api/tasks/00000000-0000-4000-8000-000000000000'],
      ['PATCH', '/api/tasks/00000000-0000-4000-8000-000000000000'],
      ['DELETE', '/api/tasks/00000000-0000-4000-8000-000000000000'],
    ] as const;
    for (const [method, url] of routes) {
      const response = await ctx.app.inject({ method, url, payload: method === 'POST' ? { title: 'x' } : undefined });
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expect(response.json().error.code).toBe('UNAUTHORIZED');
    }
    const forged = await ctx.app.inject({ url: '/api/tasks', headers: { authorization: 'Bearer not-a-real-token' } });
    expect(forged.statusCode).toBe(401);
  });

  describe('rejects bad input with a 400 that names the field', () => {
    const cases: [string, unknown, string][] = [
      ['missing title', {}, 'title'],
      ['empty title', { title: '' }, 'title'],
      ['blank title', { title: '   ' }, 'title'],
      ['title too long', { title: 'x'.repeat(201) }, 'title'],
      ['title of the wrong type', { title: 42 }, 'title'],
      ['description too long', { title: 'ok', description: 'x'.repeat(2001) }, 'description'],
      ['unknown priority', { title: 'ok', priority: 'urgent' }, 'priority'],
      ['malformed date', { title: 'ok', dueDate: '12/01/2026' }, 'dueDate'],
      ['impossible date', { title: 'ok', dueDate: '2026-02-30' }, 'dueDate'],
      ['tags not an array', { title: 'ok', tags: 'home' }, 'tags'],
      ['empty tag', { title: 'ok', tags: [''] }, 'tags.0'],
      ['extra field', { title: 'ok', owner: 'someone-else' }, 'owner'],
      ['body is an array', [{ title: 'ok' }], 'body'],
      ['body is null', null, 'body'],
    ];
    it.each(cases)('%s', async (_name, payload, field) => {
      const user = await signUp(ctx.app);
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/tasks',
        headers: { ...user.headers, 'content-type': 'application/json' },
        payload: JSON.stringify(payload),
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'VALIDATION_ERROR', field });
      expect(response.json().error.message).toContain(field);
      expect(await list(user)).toEqual([]);
    });

    it('rejects bad query parameters, ids and patches', async () => {
      const user = await signUp(ctx.app);
      const task = await create(user, { title: 'ok' });
      const checks: [string, string, unknown, string][] = [
        ['GET', '/api/tasks?status=done', undefined, 'status'],
        ['GET', '/api/tasks?dueFrom=next-week', undefined, 'dueFrom'],
        ['GET', '/api/tasks?sort=size', undefined, 'sort'],
        ['GET', '/api/tasks?order=up', undefined, 'order'],
        ['GET', '/api/tasks?colour=red', undefined, 'colour'],
        ['GET', '/api/tasks/not-a-uuid', undefined, 'id'],
        ['PATCH', `/api/tasks/${task.id}`, {}, 'body'],
        ['PATCH', `/api/tasks/${task.id}`, { completed: 'yes' }, 'completed'],
        ['PATCH', `/api/tasks/${task.id}`, { id: task.id }, 'id'],
      ];
      for (const [method, url, payload, field] of checks) {
        const response = await ctx.app.inject({
          method: method as 'GET',
          url,
          headers: user.headers,
          payload: payload as object,
        });
        expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(400);
        expect(response.json().error.field).toBe(field);
      }
      expect(await list(user)).toEqual([task]);
    });

    it.each([
      ['malformed JSON', 'application/json', '{"title": ', 400, 'INVALID_JSON'],
      ['XML', 'application/xml', '<title>x</title>', 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [
        'a body over 1 MB',
        'application/json',
        JSON.stringify({ title: 'x', description: 'y'.repeat(1_100_000) }),
        413,
        'PAYLOAD_TOO_LARGE',
      ],
    ])('answers %s with a 4xx naming the body', async (_name, contentType, payload, status, code) => {
      const user = await signUp(ctx.app);
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/tasks',
        headers: { ...user.headers, 'content-type': contentType },
        payload,
      });
      expect(response.statusCode).toBe(status);
      expect(response.json().error).toMatchObject({ code, field: 'body' });
      expect(await list(user)).toEqual([]);
    });

    it('answers 404 in the API format for unknown routes and ids', async () => {
      const user = await signUp(ctx.app);
      const unknownRoute = await ctx.app.inject({ url: '/api/nothing-here', headers: user.headers });
      expect(unknownRoute.statusCode).toBe(404);
      expect(unknownRoute.json().error.code).toBe('NOT_FOUND');
      const unknownId = await ctx.app.inject({
        method: 'PATCH',
        url: '/api/tasks/00000000-0000-4000-8000-000000000000',
        headers: user.headers,
        payload: { title: 'x' },
      });
      expect(unknownId.statusCode).toBe(404);
    });
  });

  it('gives each task an ETag, and refuses with 412 a change or delete based on an older one', async () => {
    const user = await signUp(ctx.app);
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/tasks',
      headers: user.headers,
      payload: { title: 'v' },
    });
    expect(created.headers.etag).toBe('"1"');
    const id = created.json().id as string;
    const patch = (ifMatch: string | undefined, title: string) =>
      ctx.app.inject({
        method: 'PATCH',
        url: `/api/tasks/${id}`,
        headers: { ...user.headers, ...(ifMatch !== undefined && { 'if-match': ifMatch }) },
        payload: { title },
      });
    const first = await patch('"1"', 'one');
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    expect(first.json().version).toBe(2);

    for (const stale of ['"1"', 'W/"2"', '2', '"1", "3"', '']) {
      const refused = await patch(stale, 'lost');
      expect(refused.statusCode, stale).toBe(412);
      expect(refused.json().error).toMatchObject({ code: 'PRECONDITION_FAILED', field: 'if-match' });
    }
    expect((await patch('"1", "2"', 'two')).headers.etag).toBe('"3"');
    expect((await patch('*', 'three')).statusCode).toBe(200);
    expect((await patch(undefined, 'four')).statusCode).toBe(200);
    const read = await ctx.app.inject({ url: `/api/tasks/${id}`, headers: user.headers });
    expect(read.json()).toMatchObject({ title: 'four', version: 5 });
    expect(read.headers.etag).toBe('"5"');

    const remove = (ifMatch: string) =>
      ctx.app.inject({ method: 'DELETE', url: `/api/tasks/${id}`, headers: { ...user.headers, 'if-match': ifMatch } });
    expect((await remove('"4"')).statusCode).toBe(412);
    expect((await remove('"5"')).statusCode).toBe(204);
    expect((await remove('"5"')).statusCode).toBe(404);
  });

  it('lets exactly one of two changes made from the same version through', async () => {
    const user = await signUp(ctx.app);
    const { id } = await create(user, { title: 'contested' });
    const answers = await Promise.all(
      ['left', 'right'].map((title) =>
        ctx.app.inject({
          method: 'PATCH',
          url: `/api/tasks/${id}`,
          headers: { ...user.headers, 'if-match': '"1"' },
          payload: { title },
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 412]);
  });
});
