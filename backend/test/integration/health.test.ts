import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/database.js';
import { createTestApp, signUp, useTestApp } from '../helpers/app.js';

const ctx = useTestApp();

describe('health, metrics and docs', () => {
  it('reports healthy, alive and ready on a working database', async () => {
    const health = await ctx.app.inject({ url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'healthy', database: 'connected' });
    expect((await ctx.app.inject({ url: '/health/live' })).statusCode).toBe(200);
    const ready = await ctx.app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('reports unhealthy and not ready, but alive, when the database is gone', async () => {
    const db = await createTestDatabase();
    const app = await createTestApp(db.database);
    try {
      const user = await signUp(app);
      await db.drop();
      const tasks = await app.inject({ url: '/api/tasks', headers: user.headers });
      expect(tasks.statusCode).toBe(503);
      expect(tasks.json()).toEqual({
        error: { code: 'DATABASE_UNAVAILABLE', message: 'The database is unavailable; retry shortly' },
      });
      const health = await app.inject({ url: '/health' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toEqual({ status: 'unhealthy', database: 'disconnected' });
      expect((await app.inject({ url: '/health/ready' })).statusCode).toBe(503);
      const live = await app.inject({ url: '/health/live' });
      expect(live.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('is not ready while a migration is missing', async () => {
    const db = await createTestDatabase();
    const app = await createTestApp(db.database);
    try {
      await db.database.db.execute(sql`delete from drizzle.__drizzle_migrations`);
      const ready = await app.inject({ url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: 'not ready', reason: 'migrations pending' });
    } finally {
      await app.close();
      await db.drop();
    }
  });

  it('serves Prometheus metrics with request counts and pool gauges', async () => {
    await ctx.app.inject({ url: '/api/tasks' });
    const metrics = await ctx.app.inject({ url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toMatch(/http_requests_total\{method="GET",route="\/api\/tasks\/?",status_code="401"\} \d+/);
    expect(metrics.body).toContain('http_request_duration_seconds_bucket');
    expect(metrics.body).toMatch(/db_pool_connections_total \d+/);
  });

  it('describes the API in OpenAPI 3', async () => {
    const docs = await ctx.app.inject({ url: '/api/docs' });
    expect(docs.statusCode).toBe(200);
    const spec = docs.json();
    expect(spec.openapi).toMatch(/^3\./);
    for (const path of ['/api/tasks', '/api/tasks/{id}', '/api/chat', '/api/conversations', '/health']) {
      expect(Object.keys(spec.paths)).toContain(path);
    }
    expect(spec.paths['/api/tasks'].post.requestBody.content['application/json'].schema.properties.title).toMatchObject(
      {
        maxLength: 200,
      },
    );
  });

  it('sets security headers', async () => {
    const response = await ctx.app.inject({ url: '/health/live' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toBeDefined();
  });
});
