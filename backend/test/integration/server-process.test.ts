import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_SECRET } from '../helpers/app.js';
import { createPostgresDatabase, TEST_DB } from '../helpers/database.js';
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js';

const backendDir = fileURLToPath(new URL('../..', import.meta.url));
const drops: (() => Promise<void>)[] = [];
const children: ChildProcess[] = [];
let model: FakeOpenAI;

beforeAll(async () => {
  model = await startFakeOpenAI();
});
afterAll(async () => {
  // A failed test must not leave its server running.
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await model.close();
  for (const drop of drops) await drop();
});

type Server = { child: ChildProcess; baseUrl: string; output: () => string };

/** Starts src/server.ts as its own process, the way a container does, and waits until it listens. */
async function startServer(env: Record<string, string>): Promise<Server> {
  const database: Record<string, string> = {};
  if (TEST_DB === 'postgres') {
    const created = await createPostgresDatabase();
    drops.push(created.drop);
    database.DATABASE_URL = created.url;
  } else {
    database.PGLITE_DATA_DIR = 'memory://';
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: backendDir,
    env: {
      PATH: process.env.PATH,
      HOST: '127.0.0.1',
      PORT: '0',
      BETTER_AUTH_SECRET: TEST_SECRET,
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: model.baseURL,
      ...database,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearInterval(timer);
        resolve(match[1]!);
      }
    }, 50);
    const fail = (why: string) => {
      clearInterval(timer);
      reject(new Error(`server ${why} before listening:\n${output}`));
    };
    child.once('exit', (code) => fail(`exited with ${code}`));
    setTimeout(() => fail('took 20 s'), 20_000).unref();
  });
  return { child, baseUrl, output: () => output };
}

async function signUp(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Drain',
      email: `drain-${Date.now()}@example.com`,
      password: 'correct-horse-battery',
    }),
  });
  return response.headers.get('set-auth-token')!;
}

async function chatInFlight(server: Server) {
  const token = await signUp(server.baseUrl);
  const atModel = new Promise<void>((resolve) => (model.onRequest = resolve));
  const chat = fetch(`${server.baseUrl}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ message: 'hello there' }),
  });
  await atModel;
  return { token, chat };
}

describe(`the server process (${TEST_DB})`, () => {
  it('drains on SIGTERM: in-flight requests finish, new ones get 503, then it exits 0', async () => {
    model.delayMs = 1500;
    model.script.push({ text: 'Hi! Finished after the signal.' });
    const server = await startServer({});
    const { token, chat } = await chatInFlight(server);
    const exited = once(server.child, 'exit');

    server.child.kill('SIGTERM');
    // It logs this in the same turn as it starts refusing: from then on a new request gets 503.
    await vi.waitFor(() => expect(server.output()).toContain('shutting down'), { timeout: 10_000, interval: 20 });
    const late = await fetch(`${server.baseUrl}/api/tasks`, { headers: { authorization: `Bearer ${token}` } });
    expect(late.status).toBe(503);
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe('SHUTTING_DOWN');
    expect(late.headers.get('connection')).toBe('close');

    const answered = await chat;
    expect(answered.status).toBe(200);
    expect(((await answered.json()) as { reply: string }).reply).toBe('Hi! Finished after the signal.');
    const [code] = await exited;
    expect(code).toBe(0);
    expect(server.output()).toContain('shutting down');
  });

  it('gives up with exit code 1 when in-flight requests outlast SHUTDOWN_TIMEOUT_MS', async () => {
    model.delayMs = 10_000;
    const server = await startServer({ SHUTDOWN_TIMEOUT_MS: '300' });
    const { chat } = await chatInFlight(server);
    // The process dies with this request still open: its failure is expected.
    const abandoned = chat.catch(() => undefined);
    const exited = once(server.child, 'exit');
    server.child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(1);
    expect(server.output()).toContain('did not finish in time');
    await abandoned;
    model.delayMs = 0;
  });

  it('refuses to start on bad configuration, naming the variable', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: backendDir,
      env: { PATH: process.env.PATH, PORT: 'eighty', ENVIRONMENT: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('PORT: must be a whole number');
    expect(stderr).toContain('BETTER_AUTH_SECRET');
  });
});
