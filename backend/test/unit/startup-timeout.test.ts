import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { rootCause } from '../../src/db/wait-for-database.js';
import { testConfig } from '../helpers/app.js';

/** A port on 127.0.0.1 that nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('start-up without a database', () => {
  it('waits the whole DB_STARTUP_TIMEOUT_MS, past Fastify’s 10 s plugin limit, and names the root cause', async () => {
    const port = await closedPort();
    const started = Date.now();
    const config = testConfig({
      DATABASE_URL: `postgres://todo:secret@127.0.0.1:${port}/todo`,
      DB_STARTUP_TIMEOUT_MS: '15000',
    });
    const error = await buildApp({ config }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(
      new RegExp(
        `not reachable after \\d+ attempts \\(DB_STARTUP_TIMEOUT_MS=15000\\): connect ECONNREFUSED 127\\.0\\.0\\.1:${port}`,
      ),
    );
    expect(error?.message).not.toMatch(/Failed query|Plugin did not start/);
    // Retries at 0.25, 0.75, 1.75, 3.75, 7.75 and 12.75 s; the next would land past 15 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(12_000);
  });
});

describe('rootCause', () => {
  it('reads through the query builder’s wrapper to the driver’s error and its code', () => {
    const driver = Object.assign(new Error('password authentication failed for user "todo"'), { code: '28P01' });
    const wrapped = new Error('Failed query: select 1\nparams: ', { cause: driver });
    expect(rootCause(wrapped)).toBe('password authentication failed for user "todo" (28P01)');
  });

  it('lists each address’s error when a name resolved to several', () => {
    const refused = (address: string) =>
      Object.assign(new Error(`connect ECONNREFUSED ${address}`), { code: 'ECONNREFUSED' });
    const both = new AggregateError([refused('::1:5432'), refused('127.0.0.1:5432')], '');
    expect(rootCause(new Error('Failed query: select 1', { cause: both }))).toBe(
      'connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432',
    );
  });

  it('keeps a plain reason as it is', () => {
    expect(rootCause('database is closed')).toBe('database is closed');
  });
});
