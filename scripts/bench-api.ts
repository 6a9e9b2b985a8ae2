/**
 * npm run bench:api — throughput and latency of the built API on PostgreSQL, next to a bare
 * node:http server answering a fixed JSON body (the machine's ceiling for one Node process).
 *
 * Needs a PostgreSQL admin URL in BENCH_DATABASE_URL or TEST_DATABASE_URL (.ci/postgres.sh prints
 * one); a database of its own is created and dropped. Scenarios: the ceiling; the first page of the
 * list for users with 50, 500 and 5,000 tasks; create; and 80/20 list/create. The table is printed
 * and written to test-results/bench-api.json. BENCH_DURATION (s, default 20), BENCH_CONNECTIONS
 * (default 50) and BENCH_ROUNDS (default 3; medians are reported) tune the run; BENCH_CPU_PROF=<dir>
 * writes the API's CPU profile there.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot as root } from '../project/root.js';
import autocannon from 'autocannon';
import pg from 'pg';
import { parseCommandLine } from './lib/cli.js';
import { freePort } from './lib/ports.js';
import { exited, waitForStatus } from './lib/wait.js';

parseCommandLine(process.argv.slice(2), {
  usage: 'npm run bench:api [-- --help]',
  about:
    'Builds the API, then measures it on PostgreSQL next to a bare node:http server (the ceiling): the list\n' +
    'at 50, 500 and 5,000 tasks, create, and an 80/20 mix; prints the table and writes test-results/bench-api.json.',
  options: {},
  env: {
    BENCH_DATABASE_URL: 'a PostgreSQL admin URL (else TEST_DATABASE_URL; .ci/postgres.sh prints one)',
    BENCH_DURATION: 'seconds a scenario runs (default 20)',
    BENCH_CONNECTIONS: 'concurrent connections (default 50)',
    BENCH_ROUNDS: 'rounds, of which the medians are reported (default 3)',
    BENCH_CPU_PROF: "a folder for the API's CPU profile (node --cpu-prof)",
  },
});
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!adminUrl) {
  console.error('bench:api needs PostgreSQL: set BENCH_DATABASE_URL to an admin URL (.ci/postgres.sh starts a server)');
  process.exit(1);
}
execFileSync('npm', ['run', '-s', 'build', '-w', 'backend'], { cwd: root, stdio: 'inherit' });
const duration = Number(process.env.BENCH_DURATION ?? 20);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const LIST_SIZES = [50, 500, 5000];
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

// The floor under any API: node:http and the pg pool answering each request with the first page
// of one user's tasks and their count, in the one SQL round trip, as JSON. No framework, session,
// validation or hooks: what is left is the database and the wire.
const FLOOR_SERVER = `
const http = require('node:http');
const pg = require('pg');
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_MAX) });
const sql = 'select id, title, description, completed, priority, due_date as "dueDate", tags, ' +
  'created_at as "createdAt", updated_at as "updatedAt", (select count(*) from tasks where user_id = $1)::int as total ' +
  'from tasks where user_id = $1 order by created_at desc, id desc limit 50';
const server = http.createServer(async (req, res) => {
  const { rows } = await pool.query(sql, [process.env.USER_ID]);
  const body = JSON.stringify({ tasks: rows.map(({ total, ...task }) => task), total: rows[0]?.total ?? 0, limit: 50, offset: 0 });
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
  await waitForStatus(`${url}/health/live`, { timeoutMs: 30_000, gaveUp: exited(child) });
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
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    const api = await start([...profile, 'backend/dist/server.js'], {
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
      const { user } = (await response.json()) as { user: { id: string } };
      return { id: user.id, authorization: `Bearer ${response.headers.get('set-auth-token')}` };
    };
    // Readers with 50, 500 and 5,000 tasks, inserted straight into the database (the API would
    // take longer than the benchmark); the list reads the first page of each.
    const db = new pg.Client({ connectionString: dbUrl.toString() });
    await db.connect();
    const readers: { tasks: number; id: string; authorization: string }[] = [];
    for (const tasks of LIST_SIZES) {
      const reader = await signUp(`reader-${tasks}@bench.example`);
      log(`giving a reader ${tasks} tasks`);
      await db.query(
        `insert into tasks (user_id, title, priority, tags)
         select $1, 'Task ' || n, (array['low','medium','high'])[n % 3 + 1]::task_priority, array['bench']
         from generate_series(1, $2) as n`,
        [reader.id, tasks],
      );
      readers.push({ tasks, id: reader.id, authorization: reader.authorization });
    }
    // What autovacuum does soon after a bulk insert: statistics, and a visibility map for index-only counts.
    await db.query('vacuum analyze tasks');
    await db.end();
    const writer = await signUp('writer@bench.example');
    const newTask = JSON.stringify({ title: 'Benchmark task', priority: 'high', tags: ['bench'] });
    const list = (authorization: string) => ({
      method: 'GET' as const,
      path: '/api/tasks',
      headers: { authorization },
    });
    const create = {
      method: 'POST' as const,
      path: '/api/tasks',
      headers: { authorization: writer.authorization, 'content-type': 'application/json' },
      body: newTask,
    };

    const floor = await start(['-e', FLOOR_SERVER], {
      DATABASE_URL: dbUrl.toString(),
      USER_ID: readers[0]!.id,
      POOL_MAX: process.env.DB_POOL_MAX ?? '10',
    });
    children.push(floor.child);

    const results = [
      await measure('bare node:http (ceiling)', { url: bare.url }),
      await measure('floor: node:http + the page in one pg query (50 tasks)', { url: floor.url }),
    ];
    for (const reader of readers) {
      results.push(
        await measure(`GET /api/tasks (${reader.tasks} tasks)`, {
          url: api.url,
          requests: [list(reader.authorization)],
        }),
      );
    }
    results.push(await measure('POST /api/tasks', { url: api.url, requests: [create] }));
    // Each connection sends four reads, then a write, over and over.
    const mixedReader = readers[0]!.authorization;
    results.push(
      await measure('mixed: 80% list, 20% create', {
        url: api.url,
        requests: [...Array(4).fill(list(mixedReader)), create],
      }),
    );

    const ceiling = results[0]!.rps;
    const rows = results.map((r) => ({ ...r, ofCeiling: r.rps / ceiling }));
    console.log(
      `\nnpm run bench:api — ${connections} connections, ${duration} s x ${rounds} rounds (medians), PostgreSQL\n`,
    );
    console.log('| scenario | req/s | p50 ms | p99 ms | errors | of ceiling |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const r of rows) {
      console.log(
        `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${(r.ofCeiling * 100).toFixed(1)}% |`,
      );
    }
    const byName = (prefix: string) => rows.find((r) => r.name.startsWith(prefix))!;
    const list50 = byName('GET /api/tasks (50 ');
    const list5000 = byName('GET /api/tasks (5000 ');
    const floorRow = byName('floor');
    console.log(
      `\nthe floor (no framework, no auth, one query) reaches ${(floorRow.ofCeiling * 100).toFixed(1)}% of the ceiling; ` +
        `the API's list of 50 is ${((list50.rps / floorRow.rps) * 100).toFixed(0)}% of the floor`,
    );
    const goals = {
      'list of 50 at >= 25% of the ceiling, p99 < 50 ms': list50.ofCeiling >= 0.25 && list50.p99 < 50,
      'create at >= 15% of the ceiling': byName('POST').ofCeiling >= 0.15,
      'list at 5,000 tasks within 1.5x of list at 50': list50.rps / list5000.rps <= 1.5,
    };
    console.log('');
    for (const [goal, met] of Object.entries(goals)) console.log(`goal: ${goal}: ${met ? 'met' : 'NOT met'}`);
    await mkdir(join(root, 'test-results'), { recursive: true });
    const report = join(root, 'test-results', 'bench-api.json');
    await writeFile(report, `${JSON.stringify({ connections, duration, rounds, results: rows, goals }, null, 2)}\n`);
    log(`wrote ${report}`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}

await main();
