import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../src/http/input-check.js';
import type { Task } from '../../src/tasks/schemas.js';
import { signUp, useTestApp, type TestUser } from '../helpers/app.js';
import { fingerprint } from '../helpers/fingerprint.js';
import { mcpHeaders, toolCall } from '../helpers/mcp-rpc.js';

// A fixed day, so the chat's date arithmetic is repeatable.
const ctx = useTestApp({ clock: () => new Date('2026-12-02T10:00:00Z') });
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

let user: TestUser;
let task: Task;

beforeAll(async () => {
  user = await signUp(ctx.app);
  task = (
    await ctx.app.inject({ method: 'POST', url: '/api/tasks', headers: user.headers, payload: { title: 'Mine' } })
  ).json();
});

// Text PostgreSQL refuses (NUL) or that would be stored changed (a lone surrogate), and controls.
const CONTROLS = [...Array(32).keys(), 127].filter((c) => ![9, 10, 13].includes(c)).map((c) => String.fromCharCode(c));
const hostileText = fc
  .tuple(fc.string({ maxLength: 20 }), fc.constantFrom(...CONTROLS, '\ud800', '\udfff'), fc.string({ maxLength: 20 }))
  .map(([before, bad, after]) => `${before}${bad}${after}`);

type Target = {
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  field: string;
  body?: (text: string) => unknown;
};
const TARGETS: Target[] = [
  { method: 'POST', url: '/api/tasks', field: 'title', body: (t) => ({ title: t }) },
  { method: 'POST', url: '/api/tasks', field: 'description', body: (t) => ({ title: 'ok', description: t }) },
  { method: 'POST', url: '/api/tasks', field: 'tags.1', body: (t) => ({ title: 'ok', tags: ['fine', t] }) },
  { method: 'PATCH', url: '/api/tasks/:id', field: 'title', body: (t) => ({ title: t }) },
  { method: 'GET', url: '/api/tasks?q=', field: 'q' },
  { method: 'POST', url: '/api/chat', field: 'message', body: (t) => ({ message: `add ${t}` }) },
  {
    method: 'POST',
    url: '/api/auth/sign-up/email',
    field: 'name',
    body: (t) => ({ name: t, email: 'n@example.com', password: 'long-enough-pass' }),
  },
  {
    method: 'POST',
    url: '/api/auth/sign-up/email',
    field: 'password',
    body: (t) => ({ name: 'n', email: 'p@example.com', password: `long-enough-${t}` }),
  },
  {
    method: 'POST',
    url: '/api/auth/sign-in/email',
    field: 'email',
    body: (t) => ({ email: t, password: 'long-enough-pass' }),
  },
  {
    method: 'POST',
    url: '/mcp',
    field: 'params.arguments.title',
    body: (t) => toolCall(1, 'add_task', { title: t }),
  },
  {
    method: 'POST',
    url: '/mcp',
    field: '1.params.arguments.description',
    body: (t) => [toolCall(1, 'list_tasks', {}), toolCall(2, 'update_task', { id: task.id, description: t })],
  },
];

const headersFor = (url: string) =>
  url === '/mcp' ? mcpHeaders(user.headers) : { ...user.headers, 'content-type': 'application/json' };

function send(target: Target, text: string) {
  const url = target.url.replace(':id', task.id) + (target.url.endsWith('=') ? encodeURIComponent(text) : '');
  const headers = headersFor(target.url);
  const payload = target.body && JSON.stringify(target.body(text));
  return ctx.app.inject({ method: target.method, url, headers, payload });
}

const nestedJson = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('one input layer for every route', () => {
  it('refuses control characters and broken Unicode in any field with 400 naming it, changing nothing', async () => {
    const before = await fingerprint(ctx.db.database);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TARGETS), hostileText, async (target, text) => {
        // A URL cannot carry a lone surrogate: percent-encoding is of UTF-8 bytes.
        fc.pre(!target.url.endsWith('=') || text.isWellFormed());
        const response = await send(target, text);
        expect(response.statusCode, `${target.url} ${JSON.stringify(text)} → ${response.body}`).toBe(400);
        expect(response.json().error).toMatchObject({ code: 'VALIDATION_ERROR', field: target.field });
      }),
      { seed: SEED, numRuns: 300 },
    );
    expect(await fingerprint(ctx.db.database)).toEqual(before);
  });

  it.each([
    ['POST', '/api/auth/sign-in/email'],
    ['POST', '/api/auth/sign-up/email'],
    ['POST', '/mcp'],
    ['POST', '/api/tasks'],
    ['PATCH', '/api/tasks/:id'],
    ['POST', '/api/chat'],
  ] as const)('refuses JSON nested 20,000 deep on %s %s with 400', async (method, url) => {
    const nested = `{"title":${nestedJson(20_000)},"email":"a@b.co","password":"long-enough-pass"}`;
    const headers = headersFor(url);
    for (const payload of [nestedJson(20_000), nested]) {
      const response = await ctx.app.inject({ method, url: url.replace(':id', task.id), headers, payload });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error).toMatchObject({
        field: 'body',
        message: expect.stringContaining(`${MAX_JSON_DEPTH}`),
      });
    }
  });
});

describe('any JSON, any text', () => {
  const POSTS = ['/api/tasks', '/api/chat', '/api/auth/sign-up/email', '/api/auth/sign-in/email', '/mcp'];

  it('answers arbitrary JSON on every write route below 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...POSTS), fc.jsonValue({ maxDepth: 40 }), async (url, value) => {
        const response = await ctx.app.inject({
          method: 'POST',
          url,
          headers: headersFor(url),
          payload: JSON.stringify(value),
        });
        expect(response.statusCode, `${url} ${JSON.stringify(value).slice(0, 200)} → ${response.body}`).toBeLessThan(
          500,
        );
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('answers any chat message below 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'grapheme', minLength: 1, maxLength: 400 }),
          fc
            .array(
              fc.constantFrom('add ', 'in ', '99999 ', 'days ', 'on ', 'the ', 'done ', '#', 'high ', '2026-02-30 '),
              { minLength: 1, maxLength: 600 },
            )
            .map((words) => words.join('')),
        ),
        async (message) => {
          const response = await ctx.app.inject({
            method: 'POST',
            url: '/api/chat',
            headers: user.headers,
            payload: { message },
          });
          expect(response.statusCode, `${JSON.stringify(message.slice(0, 200))} → ${response.body}`).toBeLessThan(500);
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });

  it.each(['{"__proto__":{"admin":true},"title":"x"}', '{"constructor":{"prototype":{"admin":true}},"title":"x"}'])(
    'refuses prototype keys: %s',
    async (payload) => {
      for (const url of POSTS) {
        const response = await ctx.app.inject({ method: 'POST', url, headers: headersFor(url), payload });
        expect(response.statusCode, `${url} → ${response.body}`).toBe(400);
        expect(response.json().error.field).toBe('body');
      }
    },
  );
});

describe('dates a task can hold', () => {
  const create = (dueDate: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/tasks', headers: user.headers, payload: { title: 'dated', dueDate } });

  it('refuses year 0000 and accepts 0001 to 9999, through the API and MCP alike', async () => {
    const zero = await create('0000-01-01');
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.field).toBe('dueDate');
    const patched = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/tasks/${task.id}`,
      headers: user.headers,
      payload: { dueDate: '0000-12-31' },
    });
    expect(patched.statusCode).toBe(400);
    for (const edge of ['0001-01-01', '9999-12-31']) expect((await create(edge)).json().dueDate).toBe(edge);

    const mcp = await ctx.app.inject({
      method: 'POST',
      url: '/mcp',
      headers: mcpHeaders(user.headers),
      payload: JSON.stringify(toolCall(1, 'add_task', { title: 'dated', dueDate: '0000-01-01' })),
    });
    expect(mcp.statusCode).toBe(200);
    expect(mcp.json().result.isError).toBe(true);
    expect(mcp.body).toMatch(/0001-01-01 to 9999-12-31/);
  });

  it('keeps a chat year below 100 as written and answers an overflowing "in N days" without a 500', async () => {
    const chat = (message: string) =>
      ctx.app.inject({ method: 'POST', url: '/api/chat', headers: user.headers, payload: { message } });
    const early = await chat('add visit the forum on 0050-03-04');
    expect(early.statusCode).toBe(200);
    expect(early.json().actions[0].result.dueDate).toBe('0050-03-04');
    for (const message of ['add renew passport in 99999999 days', 'add far future in 999999999999999999999 weeks']) {
      const response = await chat(message);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().actions[0].result.dueDate ?? null).toBeNull();
    }
  });
});
