/**
 * npm run bench:api — throughput and latency of the built API on PostgreSQL, next to a bare
 * node:http server answering a fixed JSON body (the machine's ceiling for one Node process).
 *
 * Needs a PostgreSQL admin URL in BENCH_DATABASE_URL or TEST_DATABASE_URL (.ci/postgres.sh prints
 * one); a database of its own is created and dropped. BENCH_DURATION (s, default 20),
 * BENCH_CONNECTIONS (default 50) and BENCH_ROUNDS (default 3; medians are reported) tune the run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { freePort, waitUntilAnswers } from './lib/processes.js';

const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!adminUrl) {
  console.error('bench:api needs PostgreSQL: set BENCH_DATABASE_URL to an admin URL (.ci/postgres.sh starts a server)');
  process.exit(1);
}
const duration = Number(process.env.BENCH_DURATION ?? 20);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const root = fileURLToPath(new URL('..', import.meta.url));
const log = (message: string) => console.error(`[bench] ${message}`);

const BARE_SERVER = `
const http = require('node:http');
const body = JSON.stringify({ status: 'ok', items: [1, 2, 3] });
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(Number(process.env.PORT), process.env.HOST);
`;

/** Starts a server process on a free port and resolves with its URL once /health/live answers. */
async function start(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitUntilAnswers(`${url}/health/live`, child);
  return { child, url };
}

type Result = { name: string; rps: number; p50: number; p99: number; errors: number };

async function measure(name: string, options: autocannon.Options): Promise<Result> {
  const samples: Result[] = [];
  for (let round = 1; round <= rounds; round += 1) {
    log(`${name}: round ${round}/${rounds}, ${connections} connections for ${duration} s`);
    const result = await autocannon({ connections, duration, ...options });
    samples.push({
      name,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts + result.non2xx,
    });
  }
  const median = (pick: (r: Result) => number) =>
    samples.map(pick).sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
  return {
    name,
    rps: median((r) => r.rps),
    p50: median((r) => r.p50),
    p99: median((r) => r.p99),
    errors: samples.reduce((n, r) => n + r.errors, 0),
  };
}

async function main() {
  const dbName = `todo_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const dbUrl = new URL(adminUrl!);
  dbUrl.pathname = `/${dbName}`;
  const children: ChildProcess[] = [];
  try {
    log('starting the built API (backend/dist/server.js) and a bare node:http server');
    const api = await start(['backend/dist/server.js'], {
      DATABASE_URL: dbUrl.toString(),
      BETTER_AUTH_SECRET: randomBytes(32).toString('base64'),
      // One client address sends everything here: lift the per-address limit, and keep the
      // per-request info logs out of the measurement.
      RATE_LIMIT_MAX: '100000000',
      LOG_LEVEL: 'warn',
    });
    children.push(api.child);
    const bare = await start(['-e', BARE_SERVER], {});
    children.push(bare.child);

    const signUp = async (email: string) => {
      const response = await fetch(`${api.url}/api/auth/sign-up/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Bench', email, password: 'correct-horse-battery' }),
      });
      if (!response.ok) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
      return `Bearer ${response.headers.get('set-auth-token')}`;
    };
    const reader = await signUp('reader@bench.example');
    const writer = await signUp('writer@bench.example');
    log('creating the 50 tasks the list benchmark reads');
    for (let i = 0; i < 50; i += 1) {
      await fetch(`${api.url}/api/tasks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: reader },
        body: JSON.stringify({ title: `Task ${i}`, priority: ['low', 'medium', 'high'][i % 3], tags: ['bench'] }),
      });
    }

    const results = [
      await measure('bare node:http (ceiling)', { url: bare.url }),
      await measure('GET /api/tasks (50 tasks)', { url: `${api.url}/api/tasks`, headers: { authorization: reader } }),
      await measure('POST /api/tasks', {
        url: `${api.url}/api/tasks`,
        method: 'POST',
        headers: { authorization: writer, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Benchmark task', priority: 'high', tags: ['bench'] }),
      }),
    ];
    const ceiling = results[0]!.rps;
    console.log(
      `\nnpm run bench:api — ${connections} connections, ${duration} s x ${rounds} rounds (medians), PostgreSQL\n`,
    );
    console.log('| scenario | req/s | p50 ms | p99 ms | errors | of ceiling |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const r of results) {
      console.log(
        `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${((r.rps / ceiling) * 100).toFixed(1)}% |`,
      );
    }
    const list = results[1]!;
    console.log(
      `\ngoal: list at least 25% of the ceiling and p99 under 50 ms: ${list.rps / ceiling >= 0.25 && list.p99 < 50 ? 'met' : 'NOT met'}`,
    );
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}

await main();
