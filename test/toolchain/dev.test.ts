import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/ports.js';
import { killStarted, startScript, stopAsUser, until, type Script } from '../lib/npm-script.js';
import { tree } from '../lib/process-tree.js';

type Dev = Script & { web: string; apiPort: number };

afterEach(killStarted);

async function devEnv() {
  const dir = mkdtempSync(join(tmpdir(), 'dev-loop-'));
  return {
    API_PORT: String(await freePort()),
    WEB_PORT: String(await freePort()),
    PGLITE_DATA_DIR: join(dir, 'pglite'),
    DEV_SECRET_FILE: join(dir, 'secret'),
  };
}

async function startDev(env: Record<string, string>): Promise<Dev> {
  const script = await startScript('dev', env, 'Todo Chatbot is ready');
  return { ...script, web: `http://localhost:${env.WEB_PORT}`, apiPort: Number(env.API_PORT) };
}

const apiProcess = (dev: Dev) => tree(dev.child.pid!).find((proc) => proc.command.endsWith('src/server.ts'));

/** The addresses a local TCP port listens on, from /proc/net/tcp{,6}: "0100007F" is 127.0.0.1. */
function listeningOn(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields[3] === '0A' && fields[1]?.endsWith(`:${hexPort}`))
      .map((fields) => fields[1]!.split(':')[0]!),
  );
}

describe('npm run dev', () => {
  it('keeps sessions across a restart and leaves nothing running after Ctrl-C or a SIGTERM', async () => {
    const env = await devEnv();
    let dev = await startDev(env);
    expect(dev.output()).not.toContain('did not start');
    expect(listeningOn(dev.apiPort)).toEqual(['0100007F']);
    const signUp = await fetch(`${dev.web}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Dev', email: `dev-${Date.now()}@example.com`, password: 'correct-horse-battery' }),
    });
    expect(signUp.status).toBe(200);
    const token = signUp.headers.get('set-auth-token')!;
    await stopAsUser(dev, 'SIGTERM to npm');

    dev = await startDev(env);
    const session = await fetch(`${dev.web}/api/auth/get-session`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await session.json()) as { user?: { name: string } } | null)?.user?.name).toBe('Dev');
    // One line per request, not the API's two JSON lines; printed once the answer has gone out.
    await until(() => /GET \/api\/auth\/get-session 200 \d+ ms/.test(dev.output()), 20_000, dev.output);
    expect(dev.output()).not.toContain('"msg":"request completed"');
    await stopAsUser(dev, 'Ctrl-C');
  }, 300_000);

  it('says why the API stopped, answers 503 without a stack trace, and Ctrl-C still ends everything', async () => {
    const dev = await startDev(await devEnv());
    const api = apiProcess(dev);
    expect(api).toBeDefined();
    process.kill(api!.pid, 'SIGKILL');
    await until(() => dev.output().includes('The API was killed by SIGKILL'), 30_000, dev.output);

    const down = await fetch(`${dev.web}/api/tasks`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ error: { code: 'backend_unavailable' } });
    expect(dev.output()).not.toMatch(/ECONNREFUSED|\n\s+at /);
    await stopAsUser(dev, 'Ctrl-C');
  }, 300_000);
});
