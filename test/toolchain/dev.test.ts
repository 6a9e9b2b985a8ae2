import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/ports.js';

type Dev = { child: ChildProcess; output: () => string; web: string };
const started: ChildProcess[] = [];

afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

async function startDev(env: Record<string, string>): Promise<Dev> {
  const child = spawn('npm', ['run', 'dev'], { env: { ...process.env, ...env }, detached: true });
  started.push(child);
  let output = '';
  for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk: Buffer) => (output += chunk));
  await until(
    () => output.includes('Todo Chatbot is ready'),
    120_000,
    () => output,
  );
  return { child, output: () => output, web: `http://localhost:${env.WEB_PORT}` };
}

async function stopDev(dev: Dev) {
  const exited = new Promise((resolve) => dev.child.once('exit', resolve));
  process.kill(-dev.child.pid!, 'SIGINT');
  await exited;
}

async function until(condition: () => boolean, deadlineMs: number, detail: () => string) {
  const deadline = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${deadlineMs} ms:\n${detail().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The innermost process under `root` whose command line contains `text` (from /proc). */
function innermost(root: number, text: string): number | undefined {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while being read.
    }
  }
  const under = (pid: number): boolean => pid === root || (pid > 1 && under(parent.get(pid) ?? 0));
  const matching = [...parent.keys()].filter((pid) => {
    try {
      return under(pid) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
    } catch {
      return false;
    }
  });
  return matching.find((pid) => !matching.some((other) => parent.get(other) === pid));
}

describe('npm run dev', () => {
  it('keeps sessions across a restart, and says loudly when the API is down', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dev-loop-'));
    const env = {
      API_PORT: String(await freePort()),
      WEB_PORT: String(await freePort()),
      PGLITE_DATA_DIR: join(dir, 'pglite'),
      DEV_SECRET_FILE: join(dir, 'secret'),
    };
    let dev = await startDev(env);
    const signUp = await fetch(`${dev.web}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Dev', email: `dev-${Date.now()}@example.com`, password: 'correct-horse-battery' }),
    });
    expect(signUp.status).toBe(200);
    const token = signUp.headers.get('set-auth-token')!;
    await stopDev(dev);

    dev = await startDev(env);
    const session = await fetch(`${dev.web}/api/auth/get-session`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await session.json()) as { user?: { name: string } } | null)?.user?.name).toBe('Dev');

    // The API itself dies; tsx watch, its parent, stays and waits for a save, as after a crash.
    const api = innermost(dev.child.pid!, 'src/server.ts');
    expect(api).toBeDefined();
    process.kill(api!, 'SIGKILL');
    await until(() => /The API \(.*\) is down/.test(dev.output()), 30_000, dev.output);
    await stopDev(dev);
  }, 300_000);
});
