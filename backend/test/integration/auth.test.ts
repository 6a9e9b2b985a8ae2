import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { session, user as userTable } from '../../src/db/schema.js';
import { IMAGE_MAX, NAME_MAX } from '../../src/plugins/auth-endpoints.js';
import { buildApp } from '../../src/app.js';
import { createTestApp, signUp, testConfig, useTestApp } from '../helpers/app.js';

const ctx = useTestApp({ env: { TRUSTED_ORIGINS: 'http://localhost:5173' } });
const password = 'correct-horse-battery';

describe('authentication', () => {
  it('signs up, signs in with a bearer token and with the cookie, and signs out', async () => {
    const user = await signUp(ctx.app, 'Ada');
    const session = await ctx.app.inject({ url: '/api/auth/get-session', headers: user.headers });
    expect(session.json().user).toMatchObject({ email: user.email, name: 'Ada' });

    const signIn = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      payload: { email: user.email, password },
    });
    expect(signIn.statusCode).toBe(200);
    const cookie = signIn.cookies.find((c) => c.name.endsWith('session_token'));
    expect(cookie?.httpOnly).toBe(true);
    const byCookie = await ctx.app.inject({ url: '/api/tasks', cookies: { [cookie!.name]: cookie!.value } });
    expect(byCookie.statusCode).toBe(200);

    const token = signIn.headers['set-auth-token'] as string;
    const bearer = { authorization: `Bearer ${token}` };
    expect((await ctx.app.inject({ url: '/api/tasks', headers: bearer })).statusCode).toBe(200);
    const out = await ctx.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: bearer });
    expect(out.statusCode).toBe(200);
    expect((await ctx.app.inject({ url: '/api/tasks', headers: bearer })).statusCode).toBe(401);
    // The first session is separate and still valid.
    expect((await ctx.app.inject({ url: '/api/tasks', headers: user.headers })).statusCode).toBe(200);
  });

  describe('session checks on API routes', () => {
    const tasksWith = (authorization: string) => ctx.app.inject({ url: '/api/tasks', headers: { authorization } });
    const tokenOf = (user: { token: string }) => user.token.split('.')[0]!;
    const expiryOf = async (token: string) =>
      (await ctx.db.database.db.select().from(session).where(eq(session.token, token)))[0]!.expiresAt;
    const setExpiry = (token: string, expiresAt: Date) =>
      ctx.db.database.db.update(session).set({ expiresAt }).where(eq(session.token, token));

    it('accepts the signed token and the bare token, and rejects a forged signature', async () => {
      const user = await signUp(ctx.app);
      expect((await tasksWith(`Bearer ${user.token}`)).statusCode).toBe(200);
      expect((await tasksWith(`Bearer ${tokenOf(user)}`)).statusCode).toBe(200);
      expect((await tasksWith(`Bearer ${tokenOf(user)}.${Buffer.alloc(32).toString('base64')}`)).statusCode).toBe(401);
      expect((await tasksWith(`Bearer ${tokenOf(user)}x.${user.token.split('.')[1]}`)).statusCode).toBe(401);
      expect((await tasksWith('Basic abc')).statusCode).toBe(401);
    });

    it('rejects an expired session', async () => {
      const user = await signUp(ctx.app);
      await setExpiry(tokenOf(user), new Date(Date.now() - 1000));
      expect((await tasksWith(`Bearer ${user.token}`)).statusCode).toBe(401);
    });

    it('extends a session that is used after a day, through Better Auth', async () => {
      const user = await signUp(ctx.app);
      const fiveDaysLeft = new Date(Date.now() + 5 * 24 * 3600 * 1000);
      await setExpiry(tokenOf(user), fiveDaysLeft);
      expect((await tasksWith(`Bearer ${user.token}`)).statusCode).toBe(200);
      const extended = await expiryOf(tokenOf(user));
      expect(extended.getTime()).toBeGreaterThan(fiveDaysLeft.getTime() + 23 * 3600 * 1000);
      const unchanged = await expiryOf(tokenOf(user));
      expect((await tasksWith(`Bearer ${user.token}`)).statusCode).toBe(200);
      expect(await expiryOf(tokenOf(user))).toEqual(unchanged);
    });
  });

  it('stops accepting a signed-out session on another replica within SESSION_CACHE_MS', async () => {
    const cacheMs = 400;
    const [a, b, uncached] = await Promise.all(
      [cacheMs, cacheMs, 0].map((ms) => createTestApp(ctx.db.database, { env: { SESSION_CACHE_MS: String(ms) } })),
    );
    try {
      const user = await signUp(a!);
      const tasksOn = async (app: typeof a) =>
        (await app!.inject({ url: '/api/tasks', headers: user.headers })).statusCode;
      expect([await tasksOn(a), await tasksOn(b), await tasksOn(uncached)]).toEqual([200, 200, 200]);
      const signedOutAt = Date.now();
      await a!.inject({ method: 'POST', url: '/api/auth/sign-out', headers: user.headers, payload: {} });
      expect(await tasksOn(a)).toBe(401);
      expect(await tasksOn(uncached)).toBe(401);
      // b trusts its copy for at most cacheMs: poll until it refuses, with a deadline past that.
      let status = await tasksOn(b);
      while (status === 200 && Date.now() - signedOutAt < cacheMs + 2_000) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        status = await tasksOn(b);
      }
      expect(status).toBe(401);
    } finally {
      await Promise.all([a, b, uncached].map((app) => app?.close()));
    }
  });

  it('rejects a wrong password and a duplicate email in the API error format', async () => {
    const user = await signUp(ctx.app);
    const wrong = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      payload: { email: user.email, password: 'not-the-password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('INVALID_EMAIL_OR_PASSWORD');
    const duplicate = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up/email',
      payload: { name: 'Again', email: user.email, password },
    });
    expect(duplicate.statusCode).toBeGreaterThanOrEqual(400);
    expect(duplicate.statusCode).toBeLessThan(500);
    expect(duplicate.json().error.code).toMatch(/USER_ALREADY_EXISTS/);
  });

  it('answers one fault with one code on sign-up and sign-in, and says how long a password must be', async () => {
    for (const url of ['/api/auth/sign-in/email', '/api/auth/sign-up/email']) {
      for (const email of ['', 'not-an-email', 'a b@example.com']) {
        const response = await ctx.app.inject({ method: 'POST', url, payload: { name: 'A', email, password } });
        expect(response.statusCode).toBe(400);
        expect(response.json().error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'email' });
      }
    }
    const short = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up/email',
      payload: { name: 'A', email: 'short-pw@example.com', password: 'short' },
    });
    expect(short.json().error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'password' });
    expect(short.json().error.message).toContain('at least 8 characters');
  });

  it.each([
    ['email', { name: 'A', email: 'not-an-email', password }],
    ['email', { name: 'A', password }],
    ['password', { name: 'A', email: 'short@example.com', password: 'short' }],
    ['name', { email: 'noname@example.com', password }],
  ])('names the field %s when sign-up input is bad', async (field, payload) => {
    const response = await ctx.app.inject({ method: 'POST', url: '/api/auth/sign-up/email', payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message.toLowerCase()).toContain(field);
  });

  it.each([
    ['refuses', 'https://evil.example', 403],
    ['accepts', 'http://localhost:5173', 200],
  ])('%s browser requests from the origin %s', async (_verb, origin, status) => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up/email',
      headers: { origin, cookie: 'x=1' },
      payload: { name: 'Eve', email: `eve-${status}-${Date.now()}@example.com`, password },
    });
    expect(response.statusCode).toBe(status);
  });

  it('names the untrusted origin in the answer and in a warning the operator sees', async () => {
    const lines: string[] = [];
    const app = await buildApp({
      config: testConfig({ TRUSTED_ORIGINS: 'http://localhost:5173' }),
      database: ctx.db.database,
      logger: { level: 'warn', stream: { write: (line: string) => lines.push(line) } },
    });
    try {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/sign-in/email',
        headers: { origin: 'http://localhost:4173', cookie: 'x=1' },
        payload: { email: 'nobody@example.com', password },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().error).toMatchObject({ code: 'INVALID_ORIGIN' });
      expect(response.json().error.message).toContain('http://localhost:4173');
      expect(response.json().error.message).toContain('TRUSTED_ORIGINS');
      const warnings = lines.map((line) => JSON.parse(line) as { level: number; origin?: string; msg: string });
      expect(warnings).toContainEqual(
        expect.objectContaining({
          level: 40,
          origin: 'http://localhost:4173',
          msg: expect.stringContaining('TRUSTED_ORIGINS'),
        }),
      );
    } finally {
      await app.close();
    }
  });

  it("accepts API clients that send fetch's Sec-Fetch-Mode without an Origin", async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up/email',
      headers: { 'sec-fetch-mode': 'cors' },
      payload: { name: 'Script', email: `script-${Date.now()}@example.com`, password },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['set-auth-token']).toBeDefined();
  });

  it('blocks a cross-site form navigation that tries to sign someone in', async () => {
    const user = await signUp(ctx.app);
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' },
      payload: { email: user.email, password },
    });
    expect(response.statusCode).toBe(403);
  });

  it('throttles repeated sign-in attempts with 429', async () => {
    const app = await createTestApp(ctx.db.database, { env: { AUTH_RATE_LIMIT_MAX: '3' } });
    try {
      const user = await signUp(app);
      const attempt = () =>
        app.inject({
          method: 'POST',
          url: '/api/auth/sign-in/email',
          payload: { email: user.email, password: 'guess-1234' },
        });
      const statuses = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await attempt()).statusCode);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const limited = await attempt();
      expect(limited.json().error.code).toBe('RATE_LIMITED');
      expect(limited.headers['retry-after']).toBeDefined();
      // Other routes keep working for the same client.
      expect((await app.inject({ url: '/api/tasks', headers: user.headers })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('bounds what a profile may hold, at sign-up and on update, so no session can grow without end', async () => {
    const name = (length: number) => 'N'.repeat(length);
    const big = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up/email',
      payload: { name: name(900_000), email: `big-${Date.now()}@example.com`, password },
    });
    expect(big.statusCode).toBe(400);
    expect(big.json().error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'name' });

    const user = await signUp(ctx.app, name(NAME_MAX));
    const update = (payload: object) =>
      ctx.app.inject({ method: 'POST', url: '/api/auth/update-user', headers: user.headers, payload });
    expect((await update({ name: name(NAME_MAX + 1) })).json().error).toMatchObject({ field: 'name' });
    expect((await update({ image: `https://example.com/${'i'.repeat(IMAGE_MAX)}` })).json().error).toMatchObject({
      field: 'image',
    });
    expect((await update({ image: 'javascript:alert(1)' })).json().error).toMatchObject({ field: 'image' });
    // The most a profile can hold: what every get-session sends, and each cached session keeps.
    expect((await update({ image: `https://example.com/${'i'.repeat(IMAGE_MAX - 20)}` })).statusCode).toBe(200);
    const largest = await ctx.app.inject({ url: '/api/auth/get-session', headers: user.headers });
    expect(largest.json().user.name).toBe(name(NAME_MAX));
    expect(largest.body.length).toBeLessThan(4 * 1024);
    expect((await update({ name: 'Short' })).statusCode).toBe(200);
    const stored = await ctx.db.database.db.select({ name: userTable.name }).from(userTable);
    expect(Math.max(...stored.map((row) => row.name.length))).toBeLessThanOrEqual(NAME_MAX);
  });

  it('answers HEAD on get-session as GET does, without a body', async () => {
    const user = await signUp(ctx.app);
    const head = await ctx.app.inject({ method: 'HEAD', url: '/api/auth/get-session', headers: user.headers });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
  });

  it('challenges every 401 with WWW-Authenticate, and lets no cache keep a per-user answer', async () => {
    const user = await signUp(ctx.app);
    const noSession = await ctx.app.inject({ url: '/api/tasks' });
    const wrongPassword = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      payload: { email: user.email, password: 'not-the-password' },
    });
    for (const response of [noSession, wrongPassword]) {
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="/);
    }
    const answers = await Promise.all([
      ctx.app.inject({ url: '/api/tasks', headers: user.headers }),
      ctx.app.inject({ url: '/api/auth/get-session', headers: user.headers }),
      ctx.app.inject({ url: '/api/conversations', headers: user.headers }),
      ctx.app.inject({ method: 'POST', url: '/api/tasks', headers: user.headers, payload: { title: 'x' } }),
    ]);
    for (const response of [...answers, noSession, wrongPassword]) {
      expect(response.statusCode).toBeLessThan(500);
      expect(response.headers['cache-control'], response.body).toBe('no-store');
    }
  });
});
