import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../src/tasks/schemas.js';
import { signUp, useTestApp, type TestUser } from '../helpers/app.js';
import { fingerprint } from '../helpers/fingerprint.js';

const ctx = useTestApp();
const RUNS = 1200;
const SEED = Number(process.env.FUZZ_SEED ?? 20261121);

let owner: TestUser;
let other: TestUser;
let ownTask: Task;
let othersTask: Task;
let othersConversation: string;

beforeAll(async () => {
  owner = await signUp(ctx.app, 'Owner');
  other = await signUp(ctx.app, 'Other');
  const create = (user: TestUser, title: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/tasks', headers: user.headers, payload: { title } });
  ownTask = (await create(owner, 'Mine')).json();
  othersTask = (await create(other, 'Theirs')).json();
  othersConversation = (
    await ctx.app.inject({ method: 'POST', url: '/api/chat', headers: other.headers, payload: { message: 'hello' } })
  ).json().conversationId;
});

// Values that are never a valid title, description, priority, date, tags list or message.
const notAString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);
const badTitle = fc.oneof(notAString, fc.constantFrom('', '   ', 'x'.repeat(201)));
const badPriority = fc.oneof(
  notAString,
  fc.string().filter((s) => !['low', 'medium', 'high'].includes(s)),
);
// null is a valid due date ("no date"), so it is left out here.
const badDate = fc.oneof(
  notAString.filter((v) => v !== null),
  fc.constantFrom('2026-02-30', '2026-13-01', '12/01/2026', 'tomorrow', '2026-1-1', '', '2026-12-01T10:00:00Z'),
);
const badTags = fc.oneof(
  fc.string(),
  fc.array(fc.constantFrom('', 'x'.repeat(51), 3 as unknown as string), { minLength: 1, maxLength: 3 }),
  fc.array(fc.constant('t'), { minLength: 21, maxLength: 25 }),
);
const extraKey = fc
  .string({ minLength: 1, maxLength: 12 })
  .filter((k) => !['title', 'description', 'priority', 'dueDate', 'tags', 'completed', '__proto__'].includes(k));
const badTaskFields = fc.oneof(
  badTitle.map((title) => ({ title })),
  badPriority.map((priority) => ({ title: 'ok', priority })),
  badDate.map((dueDate) => ({ title: 'ok', dueDate })),
  badTags.map((tags) => ({ title: 'ok', tags })),
  fc.constant({ title: 'ok', description: 'd'.repeat(2001) }),
  extraKey.map((key) => ({ title: 'ok', [key]: 1 })),
  fc.oneof(fc.constant({}), fc.constant([]), fc.constant(null), fc.constant('title'), fc.integer()),
);
const badPatch = fc.oneof(
  fc.constant({}),
  fc.oneof(notAString, fc.string()).map((completed) => ({ completed })),
  badTaskFields.filter(
    (f) =>
      typeof f === 'object' &&
      f !== null &&
      !Array.isArray(f) &&
      Object.keys(f).length > 0 &&
      !('title' in f && f.title === 'ok' && Object.keys(f).length === 1),
  ),
);
const badMessage = fc.oneof(notAString, fc.constantFrom('', ' \n\t ', 'm'.repeat(4001)));
const badChat = fc.oneof(
  badMessage.map((message) => ({ message })),
  fc.constant({}),
  fc.string().map((conversationId) => ({ message: 'add buy milk', conversationId })),
  extraKey.map((key) => ({
    message: 'add buy milk',
    [key === 'message' || key === 'conversationId' ? 'x' : key]: true,
  })),
);
const badSignUp = fc.oneof(
  fc.record({
    name: fc.string(),
    email: fc.string().filter((s) => !s.includes('@')),
    password: fc.string({ minLength: 8 }),
  }),
  fc.record({ name: fc.string(), email: fc.constant('fuzz@example.com'), password: fc.string({ maxLength: 7 }) }),
  fc.record({ email: fc.constant('fuzz2@example.com'), password: fc.constant('long-enough-pass') }),
  fc.record({ name: notAString, email: notAString, password: notAString }),
);
const badSignIn = fc.oneof(
  fc
    .record({ email: fc.constant(() => owner.email), password: fc.string() })
    .map((r) => ({ email: r.email(), password: `${r.password}!wrong` })),
  fc.record({ email: notAString, password: notAString }),
);
const badId = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.uuid(),
  fc.constant(() => othersTask.id),
);
const badMcp = fc.oneof(
  fc.constant({ jsonrpc: '2.0', id: 1, method: 'no/such/method' }),
  fc.constant({ jsonrpc: '1.0', method: 'tools/list' }),
  badTaskFields.map((args) => ({
    jsonrpc: '2.0',
    id: 2,
    method: 'tools/call',
    params: { name: 'add_task', arguments: args },
  })),
  fc.string().map((name) => ({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name, arguments: {} } })),
  fc.constant(() => ({
    jsonrpc: '2.0',
    id: 4,
    method: 'tools/call',
    params: { name: 'delete_task', arguments: { id: othersTask.id } },
  })),
);

type Body = { kind: 'json'; value: unknown } | { kind: 'raw'; value: string; type: string };
const json = (arb: fc.Arbitrary<unknown>) => arb.map((value): Body => ({ kind: 'json', value }));
const rawBody = fc.oneof(
  fc.string().map((value): Body => ({ kind: 'raw', value, type: 'application/json' })),
  fc
    .constantFrom('{"title": ', '{"title":"a"', 'null,', '[1,2', '{"message": "hi"}}')
    .map((value): Body => ({ kind: 'raw', value, type: 'application/json' })),
  fc.string().map((value): Body => ({ kind: 'raw', value, type: 'text/plain' })),
  fc.string().map((value): Body => ({ kind: 'raw', value, type: 'application/x-www-form-urlencoded' })),
  fc.constant<Body>({ kind: 'raw', value: JSON.stringify({ title: 'x'.repeat(1_100_000) }), type: 'application/json' }),
);
const query = fc.oneof(
  fc.constant(''),
  fc
    .dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 12 }), { minKeys: 1, maxKeys: 3 })
    .map((d) => `?${new URLSearchParams(d)}`),
  fc.constantFrom(
    '?status=done',
    '?sort=size',
    '?order=sideways',
    '?priority=urgent',
    `?q=${'q'.repeat(201)}`,
    '?status=all&status=pending',
  ),
);

const resolve = (value: unknown): unknown => (typeof value === 'function' ? (value as () => unknown)() : value);

const request = fc.oneof(
  fc.record({
    method: fc.constant('POST'),
    url: fc.constant('/api/tasks'),
    body: fc.oneof(json(badTaskFields), rawBody),
  }),
  fc.record({
    method: fc.constant('PATCH'),
    url: fc.constant(() => `/api/tasks/${ownTask.id}`),
    body: fc.oneof(json(badPatch), rawBody),
  }),
  fc.record({
    method: fc.constant('PATCH'),
    url: badId.map((id) => () => `/api/tasks/${encodeURIComponent(String(resolve(id)))}`),
    body: json(fc.constant({ title: 'Hijacked' })),
  }),
  fc.record({
    method: fc.constantFrom('GET', 'DELETE'),
    url: badId.map((id) => () => `/api/tasks/${encodeURIComponent(String(resolve(id)))}`),
    body: fc.constant(undefined),
  }),
  fc.record({ method: fc.constant('GET'), url: query.map((q) => `/api/tasks${q}`), body: fc.constant(undefined) }),
  fc.record({ method: fc.constant('POST'), url: fc.constant('/api/chat'), body: fc.oneof(json(badChat), rawBody) }),
  fc.record({
    method: fc.constant('POST'),
    url: fc.constant('/api/chat'),
    body: json(fc.constant(() => ({ message: 'delete theirs', conversationId: othersConversation }))),
  }),
  fc.record({
    method: fc.constant('GET'),
    url: badId.map((id) => () => `/api/conversations/${encodeURIComponent(String(resolve(id)))}/messages`),
    body: fc.constant(undefined),
  }),
  fc.record({
    method: fc.constant('POST'),
    url: fc.constant('/api/auth/sign-up/email'),
    body: fc.oneof(json(badSignUp), rawBody),
  }),
  fc.record({
    method: fc.constant('POST'),
    url: fc.constant('/api/auth/sign-in/email'),
    body: fc.oneof(json(badSignIn), rawBody),
  }),
  fc.record({ method: fc.constant('POST'), url: fc.constant('/mcp'), body: fc.oneof(json(badMcp), rawBody) }),
);

describe('fuzzing the API with malformed requests', () => {
  it(`answers ${RUNS} malformed requests without a 5xx, with a 4xx to all but the few valid ones, and changes nothing`, async () => {
    const before = await fingerprint(ctx.db.database);
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, fc.boolean(), async (req, signedIn) => {
        const body = req.body as Body | undefined;
        const url = String(resolve(req.url));
        const headers: Record<string, string> = signedIn || url === '/mcp' ? { ...owner.headers } : {};
        if (url === '/mcp') headers.accept = 'application/json, text/event-stream';
        let payload: string | undefined;
        if (body?.kind === 'json') {
          headers['content-type'] = 'application/json';
          payload = JSON.stringify(resolve(body.value)) ?? 'null';
        } else if (body?.kind === 'raw') {
          headers['content-type'] = body.type;
          payload = body.value;
        }
        const response = await ctx.app.inject({ method: req.method as 'POST', url, headers, payload });
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        expect(
          response.statusCode,
          `${req.method} ${url} ${payload?.slice(0, 200)} → ${response.body.slice(0, 300)}`,
        ).toBeLessThan(500);
        if (url !== '/mcp' && response.statusCode >= 400) {
          expect(response.json().error.code, response.body).toEqual(expect.any(String));
        }
        // Success only where the generators can make a valid request: the list with an empty query
        // string, and MCP, which answers a JSON-RPC error in a 200.
        if (response.statusCode < 400)
          expect(url === '/mcp' || (req.method === 'GET' && url === '/api/tasks'), `${req.method} ${url}`).toBe(true);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(RUNS);
    expect(await fingerprint(ctx.db.database)).toEqual(before);
  }, 300_000);
});
