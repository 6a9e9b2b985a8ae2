/**
 * npm run bench:api — throughput and latency of the built API on PostgreSQL, each as a share of
 * its floor: a bare node:http server doing the same request's one SQL query and nothing else
 * (scripts/lib/api-floor-server.ts), measured in the same run. A bare server answering a constant
 * (the ceiling for one Node process) is measured too.
 *
 * Needs a PostgreSQL admin URL in BENCH_DATABASE_URL or TEST_DATABASE_URL (.ci/postgres.sh prints
 * one); a database of its own is created and dropped. Scenarios: the first page of the list for
 * users with 50, 500 and 5,000 tasks; create; and 80/20 list/create. Rounds are interleaved (each
 * round runs every scenario once), so a slow minute of the machine weighs on the API and its floor
 * alike; medians are reported, and a share of the floor is the median of the rounds' ratios.
 * Before each measured run the database settles (vacuum, checkpoint), so no run pays for the
 * writes of the one before it: without that, one build measured 10 to 19% slower right after the
 * floor's creates than right after its own. The table is printed and written to
 * test-results/bench-api.json.
 *
 * BENCH_BASELINE names a revision whose API is built from its sources and measured beside this one,
 * in the same rounds and against the same floor: what a change bought, with the machine's drift
 * between runs taken out.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { API_NODE_FLAGS } from '../project/api-runtime.js';
import { repoRoot as root } from '../project/root.js';
import autocannon from 'autocannon';
import pg from 'pg';
import { parseCommandLine } from './lib/cli.js';
import { readProfile, summarise, type Share } from './lib/cpu-profile.js';
import { median } from './lib/median.js';
import { freePort } from './lib/ports.js';
import { exited, waitForStatus } from './lib/wait.js';

parseCommandLine(process.argv.slice(2), {
  usage: 'npm run bench:api [-- --help]',
  about:
    'Builds the API, then measures it on PostgreSQL next to its floor (node:http doing the same one query):\n' +
    'the list at 50, 500 and 5,000 tasks, create, and an 80/20 mix; prints the table and the shares of the\n' +
    'floor, and writes test-results/bench-api.json.',
  options: {},
  env: {
    BENCH_DATABASE_URL: 'a PostgreSQL admin URL (else TEST_DATABASE_URL; .ci/postgres.sh prints one)',
    BENCH_DURATION: 'seconds a scenario runs (default 10)',
    BENCH_CONNECTIONS: 'concurrent connections (default 50)',
    BENCH_ROUNDS: 'rounds, of which the medians are reported (default 3)',
    BENCH_ONLY: 'a comma-separated subset of the scenarios: list, list-500, list-5000, create, mix, ceiling',
    BENCH_FLOOR_PREPARED: 'set to 1 to have the floor name its statements (the API names its create)',
    BENCH_CPU_PROF: 'a folder for the CPU profiles (node --cpu-prof) of the API (api/) and its floor (floor/)',
    BENCH_BASELINE:
      "a git revision whose API is measured beside this one (e.g. HEAD~1), with this checkout's Node flags",
  },
});
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!adminUrl) {
  console.error('bench:api needs PostgreSQL: set BENCH_DATABASE_URL to an admin URL (.ci/postgres.sh starts a server)');
  process.exit(1);
}
const SCENARIOS = ['list', 'list-500', 'list-5000', 'create', 'mix', 'ceiling'] as const;
type Scenario = (typeof SCENARIOS)[number];
const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
const unknown = only?.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
if (unknown?.length) {
  console.error(`bench:api: BENCH_ONLY names ${unknown.join(', ')}; the scenarios are ${SCENARIOS.join(', ')}`);
  process.exit(1);
}
const chosen = (scenario: Scenario) => !only || only.includes(scenario);
execFileSync('npm', ['run', '-s', 'build', '-w', 'backend'], { cwd: root, stdio: 'inherit' });
const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const log = (message: string) => console.error(`[bench] ${message}`);
const baselineRevision = process.env.BENCH_BASELINE;
const baselineServer = baselineRevision ? buildBaseline(baselineRevision) : undefined;

/**
 * Builds the API of another revision from its sources and returns its server's path. It is
 * unpacked under node_modules, so that it resolves this checkout's packages.
 */
function buildBaseline(revision: string): string {
  const dir = join(root, 'node_modules', '.cache', 'bench-baseline');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = ['tsconfig.json', 'backend/package.json', 'backend/tsconfig.json', 'backend/tsconfig.build.json'];
  let archive: Buffer;
  try {
    archive = execFileSync('git', ['archive', revision, ...files, 'backend/src', 'backend/drizzle'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch {
    console.error(`bench:api: BENCH_BASELINE=${revision} is not a revision of this repository that has the backend`);
    process.exit(1);
  }
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  log(`building the API of ${revision} (the baseline)`);
  execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(dir, 'backend', 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
  return join(dir, 'backend', 'dist', 'server.js');
}

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
  await waitForStatus(`${url}/health/live`, { timeoutMs: 30_000, gaveUp: exited(child) });
  return { child, url };
}

type Sample = { rps: number; p50: number; p99: number; errors: number };
/** A scenario's medians over the rounds, and each round's figures in order. */
type Result = Sample & { name: string; rounds: Sample[] };
type Run = { name: string; options: autocannon.Options };

/**
 * Runs every scenario once per round, rounds interleaved, after a warm-up, with the database
 * settled before each run, and reports each one's medians.
 */
async function measureAll(runs: Run[], settle: () => Promise<void>): Promise<Result[]> {
  const samples = new Map<string, Sample[]>(runs.map((run) => [run.name, []]));
  // Not counted: the first seconds of load, while V8 compiles the hot paths and pools fill.
  for (const { name, options } of runs) {
    log(`warming up: ${name}`);
    await autocannon({ connections, duration: Math.min(3, duration), ...options });
  }
  for (let round = 1; round <= rounds; round += 1) {
    for (const { name, options } of runs) {
      log(`round ${round}/${rounds}: ${name}, ${connections} connections for ${duration} s`);
      await settle();
      const result = await autocannon({ connections, duration, ...options });
      samples.get(name)!.push({
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors + result.timeouts + result.non2xx,
      });
      log(`  ${result.requests.average.toFixed(0)} req/s, p99 ${result.latency.p99} ms`);
    }
  }
  return runs.map(({ name }) => {
    const mine = samples.get(name)!;
    return {
      name,
      rps: median(mine.map((r) => r.rps)),
      p50: median(mine.map((r) => r.p50)),
      p99: median(mine.map((r) => r.p99)),
      errors: mine.reduce((n, r) => n + r.errors, 0),
      rounds: mine,
    };
  });
}

async function signUp(url: string, email: string) {
  const response = await fetch(`${url}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bench', email, password: 'correct-horse-battery' }),
  });
  if (!response.ok) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
  const { user } = (await response.json()) as { user: { id: string } };
  return { id: user.id, authorization: `Bearer ${response.headers.get('set-auth-token')}` };
}

const percent = (share: number) => `${(share * 100).toFixed(0)}%`;

async function main() {
  const profileDir = process.env.BENCH_CPU_PROF;
  const dbName = `todo_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const dbUrl = new URL(adminUrl!);
  dbUrl.pathname = `/${dbName}`;
  const children: ChildProcess[] = [];
  try {
    log('starting the built API (backend/dist/server.js)');
    const profile = (server: string) =>
      profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, server)}`] : [];
    const poolMax = process.env.DB_POOL_MAX ?? '10';
    const apiEnv = {
      DATABASE_URL: dbUrl.toString(),
      DB_POOL_MAX: poolMax,
      // One secret for both builds, so that each takes the sessions the other signed.
      BETTER_AUTH_SECRET: randomBytes(32).toString('base64'),
      // One client address sends everything here: lift the per-address limit, and keep the
      // per-request info logs out of the measurement.
      RATE_LIMIT_MAX: '100000000',
      LOG_LEVEL: 'warn',
    };
    const api = await start([...API_NODE_FLAGS, ...profile('api'), 'backend/dist/server.js'], apiEnv);
    children.push(api.child);
    const baseline = baselineServer && (await start([...API_NODE_FLAGS, baselineServer], apiEnv));
    if (baseline) children.push(baseline.child);

    // Readers with 50, 500 and 5,000 tasks, inserted straight into the database (the API would
    // take longer than the benchmark); the list reads the first page of each.
    const db = new pg.Client({ connectionString: dbUrl.toString() });
    await db.connect();
    const readers = new Map<number, { id: string; authorization: string }>();
    for (const tasks of [50, 500, 5000]) {
      const reader = await signUp(api.url, `reader-${tasks}@bench.example`);
      log(`giving a reader ${tasks} tasks`);
      await db.query(
        `insert into tasks (user_id, title, priority, tags)
         select $1, 'Task ' || n, (array['low','medium','high'])[n % 3 + 1]::task_priority, array['bench']
         from generate_series(1, $2) as n`,
        [reader.id, tasks],
      );
      readers.set(tasks, reader);
    }
    // What autovacuum does soon after a bulk insert: statistics, and a visibility map for index-only counts.
    await db.query('vacuum analyze tasks');
    await db.end();
    const writer = await signUp(api.url, 'writer@bench.example');

    log('starting the floor (node:http + one pg query) and the ceiling (node:http + a constant)');
    const floor = await start([...profile('floor'), 'scripts/lib/api-floor-server.ts'], {
      DATABASE_URL: dbUrl.toString(),
      POOL_MAX: poolMax,
      WRITER_ID: writer.id,
      PREPARED: process.env.BENCH_FLOOR_PREPARED ?? '',
    });
    children.push(floor.child);
    const bare = await start(['-e', BARE_SERVER], {});
    children.push(bare.child);

    // Each request as the API takes it, and as its floor does (no session: the user in the URL).
    type Request = { api: autocannon.Request; floor: autocannon.Request };
    const list = ({ id, authorization }: { id: string; authorization: string }): Request => ({
      api: { method: 'GET', path: '/api/tasks', headers: { authorization } },
      floor: { method: 'GET', path: `/?user=${id}` },
    });
    const body = JSON.stringify({ title: 'Benchmark task', priority: 'high', tags: ['bench'] });
    const json = { 'content-type': 'application/json' };
    const create: Request = {
      api: { method: 'POST', path: '/api/tasks', headers: { ...json, authorization: writer.authorization }, body },
      floor: { method: 'POST', path: '/', headers: json, body },
    };
    const reader = readers.get(50)!;
    const pairs: { scenario: Scenario; name: string; requests: Request[] }[] = [
      ...[50, 500, 5000].map((tasks) => ({
        scenario: (tasks === 50 ? 'list' : `list-${tasks}`) as Scenario,
        name: `list (${tasks} tasks)`,
        requests: [list(readers.get(tasks)!)],
      })),
      { scenario: 'create', name: 'create', requests: [create] },
      // Each connection sends four reads, then a write, over and over.
      {
        scenario: 'mix',
        name: 'mixed: 80% list, 20% create',
        requests: [...Array<Request>(4).fill(list(reader)), create],
      },
    ];
    const chosenPairs = pairs.filter((pair) => chosen(pair.scenario));
    // The builds measured against each floor run: this one, and the baseline's when there is one.
    const builds = [{ label: 'API', url: api.url }, ...(baseline ? [{ label: 'baseline', url: baseline.url }] : [])];
    const runs: Run[] = chosenPairs.flatMap(({ name, requests }) => [
      { name: `floor: ${name}`, options: { url: floor.url, requests: requests.map((r) => r.floor) } },
      ...builds.map(({ label, url }) => ({
        name: `${label}: ${name}`,
        options: { url, requests: requests.map((r) => r.api) },
      })),
    ]);
    if (chosen('ceiling')) runs.push({ name: 'ceiling: node:http, a constant', options: { url: bare.url } });
    const settler = new pg.Client({ connectionString: dbUrl.toString() });
    await settler.connect();
    const results = await measureAll(runs, async () => {
      await settler.query('vacuum analyze tasks');
      await settler.query('checkpoint');
    }).finally(() => settler.end());

    const byName = new Map(results.map((r) => [r.name, r]));
    // Each API row's share of the floor's rate, and its p99 over the floor's: the median over the
    // rounds of the API's run beside the floor's just before it, so a slow minute of the machine
    // that spans a pair weighs on both sides of its ratio.
    const shares = new Map(
      chosenPairs.flatMap(({ scenario, name }) =>
        builds.map(({ label }) => {
          const api = byName.get(`${label}: ${name}`)!;
          const floor = byName.get(`floor: ${name}`)!;
          const ratio = (pick: (r: Sample) => number) =>
            median(api.rounds.map((r, i) => pick(r) / pick(floor.rounds[i]!)));
          return [api.name, { scenario, share: ratio((r) => r.rps), p99Ratio: ratio((r) => r.p99) }] as const;
        }),
      ),
    );
    const floorKind = process.env.BENCH_FLOOR_PREPARED ? 'prepared statements' : 'unnamed statements';
    console.log(
      `\nnpm run bench:api — one API process, ${connections} connections, ${duration} s x ${rounds} interleaved rounds (medians; a share is the median of each round's ratio to the floor), PostgreSQL; the floor on ${floorKind}${baselineRevision ? `; the baseline is the API of ${baselineRevision}` : ''}\n`,
    );
    console.log('| scenario | req/s | p50 ms | p99 ms | errors | of its floor |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const r of results) {
      const pair = shares.get(r.name);
      const of = pair ? `${percent(pair.share)} (p99 ${pair.p99Ratio.toFixed(2)}x)` : '';
      console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${of} |`);
    }
    const goals: Record<string, boolean> = {};
    for (const { scenario, name } of chosenPairs) {
      const { share, p99Ratio } = shares.get(`API: ${name}`)!;
      if (scenario.startsWith('list')) {
        goals[`${name} at >= 85% of its floor, p99 <= 1.5x the floor's`] = share >= 0.85 && p99Ratio <= 1.5;
      }
      if (scenario === 'create') goals['create at >= 85% of its floor'] = share >= 0.85;
    }
    const errors = results.reduce((n, r) => n + r.errors, 0);
    goals['no errors'] = errors === 0;
    console.log('');
    for (const [goal, met] of Object.entries(goals)) console.log(`goal: ${goal}: ${met ? 'met' : 'NOT met'}`);
    await mkdir(join(root, 'test-results'), { recursive: true });
    const report = join(root, 'test-results', 'bench-api.json');
    await writeFile(
      report,
      `${JSON.stringify({ connections, duration, rounds, baseline: baselineRevision ?? null, results, shares: Object.fromEntries(shares), goals }, null, 2)}\n`,
    );
    log(`wrote ${report}`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map((child) => child.exitCode === null && new Promise((resolve) => child.once('exit', resolve))),
    );
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
  if (profileDir) for (const server of ['api', 'floor']) await printProfile(join(profileDir, server));
}

/** The top frames and packages of the profile a server wrote when it exited, by self time. */
async function printProfile(dir: string) {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.cpuprofile')).sort();
  const newest = files.at(-1);
  if (!newest) throw new Error(`no CPU profile was written to ${dir}`);
  const { busyMs, frames, owners } = summarise(await readProfile(join(dir, newest)));
  const rows = (shares: Share[]) => shares.map((s) => `  ${(s.share * 100).toFixed(1).padStart(5)}%  ${s.name}`);
  console.log(`\n${join(dir, newest)}: ${(busyMs / 1000).toFixed(1)} s busy (self time; startup included)`);
  console.log(['by package:', ...rows(owners.slice(0, 8)), 'by frame:', ...rows(frames)].join('\n'));
}

await main();
