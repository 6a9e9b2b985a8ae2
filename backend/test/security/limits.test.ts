import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { MCP_BATCH_MAX } from '../../src/mcp/routes.js';
import { createTestApp, signUp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { fingerprint } from '../helpers/fingerprint.js';
import { mcpHeaders, toolCall } from '../helpers/mcp-rpc.js';

const PASSWORD = 'correct-horse-battery';
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

/** An app of its own per test, so each starts with fresh budgets. */
async function withApp(env: Record<string, string>, body: (app: App) => Promise<void>) {
  const app = await createTestApp(db.database, { env });
  try {
    await body(app);
  } finally {
    await app.close();
  }
}

let address = 0;
const nextAddress = () => `10.1.${Math.floor(address / 250)}.${(address++ % 250) + 1}`;

describe('limits that count every request', () => {
  it('limits unauthenticated requests per address, and never the probes', async () => {
    await withApp({ RATE_LIMIT_MAX: '9' }, async (app) => {
      const attacker = nextAddress();
      const bogus = { authorization: 'Bearer not-a-session-token' };
      const statuses = [];
      for (const url of ['/api/tasks', '/mcp', '/api/chat']) {
        for (let i = 0; i < 3; i += 1) {
          statuses.push(
            (await app.inject({ method: 'POST', url, headers: bogus, remoteAddress: attacker })).statusCode,
          );
        }
      }
      expect(statuses.every((s) => s === 401)).toBe(true);
      const limited = await app.inject({ url: '/api/tasks', headers: bogus, remoteAddress: attacker });
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect((await app.inject({ url: '/api/nowhere', remoteAddress: attacker })).statusCode).toBe(429);
      expect((await app.inject({ url: '/health/ready', remoteAddress: attacker })).statusCode).toBe(200);
      expect((await app.inject({ url: '/api/tasks', headers: bogus, remoteAddress: nextAddress() })).statusCode).toBe(
        401,
      );
    });
  });

  it('takes the address the proxy appended, so a forged X-Forwarded-For buys no new budget', async () => {
    await withApp({ RATE_LIMIT_MAX: '3', TRUST_PROXY: '1' }, async (app) => {
      const through = (client: string, forged: string) =>
        app.inject({
          url: '/api/tasks',
          remoteAddress: '10.0.0.2',
          headers: { 'x-forwarded-for': `${forged}, ${client}` },
        });
      for (let i = 0; i < 3; i += 1) expect((await through('192.0.2.7', `198.51.100.${i}`)).statusCode).toBe(401);
      expect((await through('192.0.2.7', '198.51.100.99')).statusCode).toBe(429);
      expect((await through('192.0.2.8', '198.51.100.99')).statusCode).toBe(401);
    });
  });

  it('limits sign-in per account, whatever addresses the guesses come from', async () => {
    await withApp({ AUTH_RATE_LIMIT_MAX: '3' }, async (app) => {
      const victim = await signUp(app);
      const signIn = (password: string, email = victim.email) =>
        app.inject({
          method: 'POST',
          url: '/api/auth/sign-in/email',
          payload: { email, password },
          remoteAddress: nextAddress(),
        });
      for (const guess of ['guess-0001', 'guess-0002', 'guess-0003'])
        expect((await signIn(guess)).statusCode).toBe(401);
      const right = await signIn(PASSWORD);
      expect(right.statusCode).toBe(429);
      expect(right.headers['set-auth-token']).toBeUndefined();
      // The same account spelt another way is the same account.
      expect((await signIn(PASSWORD, ` ${victim.email.toUpperCase()} `)).statusCode).toBe(429);
    });
  });

  it.each(['verify-password', 'change-password'])(
    'limits %s per user, so a stolen session cannot guess the password',
    async (endpoint) => {
      await withApp({ AUTH_RATE_LIMIT_MAX: '3' }, async (app) => {
        const user = await signUp(app);
        const check = (password: string) =>
          app.inject({
            method: 'POST',
            url: `/api/auth/${endpoint}`,
            headers: user.headers,
            remoteAddress: nextAddress(),
            payload:
              endpoint === 'verify-password'
                ? { password }
                : { currentPassword: password, newPassword: 'another-long-password' },
          });
        const statuses = [];
        for (const guess of ['guess-0001', 'guess-0002', 'guess-0003']) statuses.push((await check(guess)).statusCode);
        expect(
          statuses.every((s) => s >= 400 && s < 500 && s !== 429),
          String(statuses),
        ).toBe(true);
        const right = await check(PASSWORD);
        expect(right.statusCode).toBe(429);
        expect(right.json().error.code).toBe('RATE_LIMITED');
      });
    },
  );

  it('refuses MCP batches over the maximum and counts each message against the user', async () => {
    await withApp({ RATE_LIMIT_MAX: String(MCP_BATCH_MAX + 5) }, async (app) => {
      const user = await signUp(app);
      const batch = (size: number, first: number) =>
        Array.from({ length: size }, (_, i) => toolCall(first + i, 'add_task', { title: `batched ${first + i}` }));
      const send = (payload: unknown) =>
        app.inject({
          method: 'POST',
          url: '/mcp',
          headers: mcpHeaders(user.headers),
          payload: JSON.stringify(payload),
        });

      const before = await fingerprint(db.database);
      const tooBig = await send(batch(MCP_BATCH_MAX + 1, 0));
      expect(tooBig.statusCode).toBe(400);
      expect(tooBig.json().error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'body' });
      expect(await fingerprint(db.database)).toEqual(before);

      expect((await send(batch(MCP_BATCH_MAX, 100))).statusCode).toBe(200);
      const overBudget = await send(batch(10, 200));
      expect(overBudget.statusCode).toBe(429);
      const { total } = (await app.inject({ url: '/api/tasks', headers: user.headers })).json() as { total: number };
      expect(total).toBe(MCP_BATCH_MAX);
    });
  });
});
