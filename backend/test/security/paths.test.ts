import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../src/http/security-headers.js';
import { createTestApp, signUp, useTestApp, type TestUser } from '../helpers/app.js';
import { fingerprint } from '../helpers/fingerprint.js';
import { listen, rawRequest, type RawResponse } from '../helpers/raw-http.js';

const ctx = useTestApp({ env: { AUTH_RATE_LIMIT_MAX: '2' } });
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const PASSWORD = 'correct-horse-battery';

let port: number;
let user: TestUser;

beforeAll(async () => {
  port = await listen(ctx.app);
  user = await signUp(ctx.app);
});

function expectApiError(response: RawResponse, status: number | RegExp) {
  if (typeof status === 'number') expect(response.status, response.body).toBe(status);
  else expect(String(response.status), response.body).toMatch(status);
  expect(JSON.parse(response.body).error.code, response.body).toEqual(expect.any(String));
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers[name], name).toBe(value);
}

const signIn = (path: string, password: string) =>
  rawRequest(port, {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password }),
  });

// Spellings of the same paths that some layer (the router, Better Auth, a proxy) may read as them.
const RESPELLINGS: ((path: string) => string)[] = [
  (p) => p.replace(/\/([^/]+)$/, '/x/../$1'),
  (p) => p.replace(/\/([^/]+)$/, '/./$1'),
  (p) => p.replace(/\/([^/]+)$/, '/%2e/$1'),
  (p) => p.replace(/\/([^/]+)$/, '/x/%2E%2e/$1'),
  (p) => p.replace(/^\/api\//, '/api/x/../'),
  (p) => p.replace(/\/([^/]+)$/, '//$1'),
  (p) => `${p}/`,
  (p) => p.replace(/[a-z](?=[^/]*$)/, (c) => `%${c.charCodeAt(0).toString(16)}`),
  (p) => p.replace(/\/([^/]+)$/, '\\$1'),
  (p) => p.replace(/\/([^/]+)$/, '/x%2f..%2f$1'),
];

describe('canonical paths', () => {
  it('takes no password guess through another spelling of sign-in once its limit is reached', async () => {
    expect((await signIn('/api/auth/sign-in/email', 'wrong-guess-1')).status).toBe(401);
    expect((await signIn('/api/auth/sign-in/email', 'wrong-guess-2')).status).toBe(401);
    expect((await signIn('/api/auth/sign-in/email', PASSWORD)).status).toBe(429);
    for (const respell of RESPELLINGS) {
      const path = respell('/api/auth/sign-in/email');
      const response = await signIn(path, PASSWORD);
      expectApiError(response, /^4/);
      expect(response.headers['set-auth-token'], path).toBeUndefined();
    }
  });

  it('refuses every respelling of every route before it reaches a handler, changing nothing', async () => {
    const before = await fingerprint(ctx.db.database);
    const routes = [
      { method: 'GET', path: '/api/tasks' },
      { method: 'POST', path: '/api/tasks', body: { title: 'through a side door' } },
      { method: 'POST', path: '/api/chat', body: { message: 'add through a side door' } },
      {
        method: 'POST',
        path: '/api/auth/sign-up/email',
        body: { name: 'x', email: 'side@example.com', password: PASSWORD },
      },
      { method: 'GET', path: '/api/conversations' },
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.constantFrom(...RESPELLINGS), async (route, respell) => {
        const response = await rawRequest(port, {
          method: route.method,
          path: respell(route.path),
          headers: { ...user.headers, 'content-type': 'application/json' },
          body: route.body && JSON.stringify(route.body),
        });
        expectApiError(response, /^4(00|04)$/);
      }),
      { seed: SEED, numRuns: 60 },
    );
    expect(await fingerprint(ctx.db.database)).toEqual(before);
  });
});

describe('errors before routing', () => {
  it('answers a broken percent-escape with 400, naming the URL', async () => {
    const response = await rawRequest(port, { path: '/api/tasks/%zz', headers: user.headers });
    expectApiError(response, 400);
    expect(JSON.parse(response.body).error.field).toBe('url');
  });

  it('answers an over-long path segment with 414', async () => {
    const response = await rawRequest(port, { path: `/api/tasks/${'a'.repeat(200)}`, headers: user.headers });
    expectApiError(response, 414);
  });

  it('answers headers over 16 KB with 431 in the same shape', async () => {
    const response = await rawRequest(port, { path: `/api/tasks?q=${'a'.repeat(20_000)}`, headers: user.headers });
    expectApiError(response, 431);
  });

  it('answers 503 with the same headers while draining', async () => {
    const draining = await createTestApp(ctx.db.database);
    try {
      const drainPort = await listen(draining);
      await draining.drain();
      const response = await rawRequest(drainPort, { path: '/api/tasks', headers: user.headers });
      expectApiError(response, 503);
      expect(response.headers['retry-after']).toBe('1');
    } finally {
      await draining.close();
    }
  });
});
