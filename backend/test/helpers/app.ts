import { afterAll, beforeAll } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export const TEST_SECRET = 'test-secret-that-is-long-enough-0123456789';

export function testConfig(env: Record<string, string> = {}) {
  return loadConfig({
    BETTER_AUTH_SECRET: TEST_SECRET,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_MAX: '1000000',
    AUTH_RATE_LIMIT_MAX: '1000000',
    ...env,
  });
}

export type TestUser = { id: string; email: string; token: string; headers: { authorization: string } };

let userCounter = 0;

export async function signUp(app: App, name = 'Test User'): Promise<TestUser> {
  userCounter += 1;
  const email = `user${userCounter}-${Date.now()}@example.com`;
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-up/email',
    payload: { name, email, password: 'correct-horse-battery' },
  });
  if (response.statusCode !== 200) throw new Error(`sign-up failed: ${response.statusCode} ${response.body}`);
  const token = response.headers['set-auth-token'];
  if (typeof token !== 'string') throw new Error('sign-up returned no set-auth-token header');
  const id = (response.json() as { user: { id: string } }).user.id;
  return { id, email, token, headers: { authorization: `Bearer ${token}` } };
}

export type AppOverrides = { env?: Record<string, string>; clock?: () => Date };

export async function createTestApp(database: Database, overrides: AppOverrides = {}): Promise<App> {
  const app = await buildApp({ config: testConfig(overrides.env), database, clock: overrides.clock });
  await app.ready();
  return app;
}

export type TestContext = { app: App; db: TestDatabase };

/** One fresh database and app for the calling test file, closed and dropped after it. */
export function useTestApp(overrides: AppOverrides = {}): TestContext {
  const ctx = {} as TestContext;
  beforeAll(async () => {
    ctx.db = await createTestDatabase();
    ctx.app = await createTestApp(ctx.db.database, overrides);
  });
  afterAll(async () => {
    await ctx.app?.close();
    await ctx.db?.drop();
  });
  return ctx;
}
