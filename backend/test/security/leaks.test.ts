import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { signUp, useTestApp, type TestUser } from '../helpers/app.js';
import { mcpHeaders, toolCall } from '../helpers/mcp-rpc.js';

const ctx = useTestApp();
let user: TestUser;

beforeAll(async () => {
  user = await signUp(ctx.app);
});

/** Runs `body` while a table is missing: every query on it fails inside the database. */
async function withoutTable(table: string, body: () => Promise<void>) {
  await ctx.db.database.db.execute(sql.raw(`alter table "${table}" rename to "${table}_away"`));
  try {
    await body();
  } finally {
    await ctx.db.database.db.execute(sql.raw(`alter table "${table}_away" rename to "${table}"`));
  }
}

const INTERNALS = /insert into|select |failed query|tasks_away|relation|sqlstate|\bat .*\.[jt]s:\d+/i;

describe('what a failing request gives away', () => {
  it('answers an MCP tool that fails in the database with a plain message: no SQL, parameters or user id', async () => {
    await withoutTable('tasks', async () => {
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/mcp',
        headers: mcpHeaders(user.headers),
        payload: JSON.stringify(toolCall(1, 'add_task', { title: 'leak probe' })),
      });
      expect(response.statusCode).toBe(200);
      expect(response.json().result.isError).toBe(true);
      expect(response.body).not.toMatch(INTERNALS);
      expect(response.body).not.toContain(user.id);
      expect(response.body).not.toContain('leak probe');
    });
  });

  it('answers a route and an auth endpoint that fail in the database with the generic 500', async () => {
    await withoutTable('tasks', async () => {
      const response = await ctx.app.inject({ url: '/api/tasks', headers: user.headers });
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({ error: { code: 'INTERNAL_ERROR', message: 'Internal server error' } });
    });
    // Better Auth's own failures pass through the same error handler.
    await withoutTable('account', async () => {
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in/email',
        payload: { email: user.email, password: 'correct-horse-battery' },
      });
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({ error: { code: 'INTERNAL_ERROR', message: 'Internal server error' } });
    });
  });

  it('says the same for an unknown e-mail and a wrong password', async () => {
    const signIn = (email: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in/email',
        payload: { email, password: 'wrong-password-1' },
      });
    const unknown = await signIn('nobody-here@example.com');
    const wrong = await signIn(user.email);
    expect([unknown.statusCode, unknown.body]).toEqual([wrong.statusCode, wrong.body]);
  });

  it.each([
    ['POST', '/api/auth/delete-user'],
    ['POST', '/api/auth/sign-in/social'],
    ['POST', '/api/auth/request-password-reset'],
    ['POST', '/api/auth/change-email'],
    ['GET', '/api/auth/list-accounts'],
    ['GET', '/api/auth/ok'],
    ['POST', '/api/auth/get-session'],
  ] as const)('offers no %s %s: Better Auth endpoints the API does not use answer 404', async (method, url) => {
    const response = await ctx.app.inject({ method, url, headers: user.headers, payload: {} });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });
});
