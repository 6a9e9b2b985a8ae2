import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { IMAGES, imageRef } from '../../scripts/images/images.js';
import { docker, dockerOut as dockerOutput, publishedUrl } from '../../scripts/lib/docker.js';
import { waitForStatus } from '../../scripts/lib/wait.js';

// The backend image on its own, under bad configuration and a late database (npm run test:stack).
const backend = imageRef(IMAGES.find((image) => image.name === 'todo-backend')!);
const postgresImage = /image: (postgres:\S+)/.exec(readFileSync('docker/compose.yaml', 'utf8'))![1]!;
const SECRET = randomBytes(32).toString('base64');
const suffix = randomBytes(4).toString('hex');
const network = `todo-test-${suffix}`;
const cleanup: string[][] = [];

const dockerOut = (...args: string[]) => dockerOutput(args);

afterAll(() => {
  for (const args of cleanup.reverse()) spawnSync(docker, args);
});

describe(`the ${backend} container`, { timeout: 120_000 }, () => {
  it.each([
    [{}, 'DATABASE_URL: is required'],
    [{ DATABASE_URL: 'mysql://db/todo', BETTER_AUTH_SECRET: SECRET }, 'DATABASE_URL: must start with postgres://'],
    [
      { DATABASE_URL: 'postgresql://u:p@db/todo', BETTER_AUTH_SECRET: 'short' },
      'BETTER_AUTH_SECRET: must be at least 32',
    ],
  ])('refuses %o with exit code 1 and one line naming the variable', (env, message) => {
    const result = spawnSync(
      docker,
      ['run', '--rm', ...Object.entries(env).flatMap(([key, value]) => ['-e', `${key}=${value}`]), backend],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(1);
    const lines = `${result.stdout}${result.stderr}`.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(message);
  });

  it('waits for a database that starts after it, then serves', async () => {
    dockerOut('network', 'create', network);
    cleanup.push(['network', 'rm', network]);
    const database = `db-${suffix}`;
    const api = dockerOut(
      ...['run', '-d', '--network', network, '-p', '127.0.0.1::8000', '--read-only', '--tmpfs', '/tmp'],
      ...['-e', `DATABASE_URL=postgresql://todo:pw@${database}:5432/todo`, '-e', `BETTER_AUTH_SECRET=${SECRET}`],
      backend,
    );
    cleanup.push(['rm', '-f', api]);
    // The database comes only once the API has waited past Fastify's own 10 s plugin limit: retry 6
    // starts 7.75 s in, and PostgreSQL takes seconds more to answer.
    const logs = () => {
      const result = spawnSync(docker, ['logs', api], { encoding: 'utf8' });
      return result.stdout + result.stderr;
    };
    const deadline = Date.now() + 60_000;
    while (!logs().includes('"attempt":6') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(dockerOut('inspect', '--format', '{{.State.Running}}', api)).toBe('true');
    const waiting = logs();
    expect(waiting, 'the API never reached its sixth attempt within 60 s').toContain('"attempt":6');
    expect(waiting).toContain('database not reachable yet, retrying');
    // The reason is the driver's (the name does not resolve yet), not the query builder's wrapper.
    expect(waiting).toMatch(/"reason":"getaddrinfo (ENOTFOUND|EAI_AGAIN) db-/);
    expect(waiting).not.toContain('Failed query');

    const db = dockerOut(
      ...['run', '-d', '--network', network, '--name', database],
      ...['-e', 'POSTGRES_USER=todo', '-e', 'POSTGRES_PASSWORD=pw', '-e', 'POSTGRES_DB=todo', postgresImage],
    );
    cleanup.push(['rm', '-f', db]);
    await waitForStatus(`${publishedUrl(api, 8000)}/health/ready`, { status: 200, timeoutMs: 60_000 });
    const health = await fetch(`${publishedUrl(api, 8000)}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'healthy', database: 'connected' });
  });
});
