/**
 * npm run bench:images — build times (no layer cache, and warm with one source file changed),
 * image sizes, and container start-to-healthy times (median of BENCH_STARTS, default 5).
 * BENCH_ROUNDS (default 3) builds of each kind; medians are reported. The npm download cache
 * (a BuildKit cache mount) stays warm in the "no layer cache" builds: registry speed is not measured.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { buildImages } from './images/build.js';
import { IMAGES, imageRef, type ImageSpec } from './images/images.js';
import { parseCommandLine } from './lib/cli.js';
import { IMAGE_NAMES } from '../project/names.js';
import { repoRoot } from '../project/root.js';
import { capture, docker, dockerOut, publishedUrl, requireDocker } from './lib/docker.js';
import { median } from './lib/median.js';
import { waitForStatus } from './lib/wait.js';

parseCommandLine(process.argv.slice(2), {
  usage: 'npm run bench:images [-- --help]',
  about:
    'Build times of both images (no layer cache, and warm with one source file changed), their sizes, and\n' +
    'container start-to-healthy times; medians.',
  options: {},
  env: { BENCH_ROUNDS: 'builds of each kind (default 3)', BENCH_STARTS: 'container starts (default 5)' },
});
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const starts = Number(process.env.BENCH_STARTS ?? 5);
const log = (message: string) => console.error(`[bench] ${message}`);
const seconds = (ms: number) => (ms / 1000).toFixed(1);

// One source file per image, changed (a comment appended) for the warm builds, then restored.
const SOURCE_FILE: Record<string, string> = {
  [IMAGE_NAMES.backend]: 'backend/src/server.ts',
  [IMAGE_NAMES.frontend]: 'frontend/src/app/App.tsx',
};

async function timedBuild(image: ImageSpec, noCache: boolean): Promise<number> {
  const started = Date.now();
  await buildImages([image.name], noCache ? ['--no-cache'] : []);
  return Date.now() - started;
}

async function warmBuild(image: ImageSpec, round: number): Promise<number> {
  const file = `${repoRoot}/${SOURCE_FILE[image.name]}`;
  const original = readFileSync(file, 'utf8');
  writeFileSync(file, `${original}// bench:images round ${round}\n`);
  try {
    return await timedBuild(image, false);
  } finally {
    writeFileSync(file, original);
  }
}

/** Milliseconds from `docker run` to a 200 on the image's health path, median of several starts. */
async function startToHealthy(image: ImageSpec, args: string[], path: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < starts; i++) {
    const started = Date.now();
    const id = dockerOut([
      'run',
      '-d',
      '-p',
      `127.0.0.1::${image.port}`,
      '--read-only',
      '--tmpfs',
      '/tmp',
      ...args,
      imageRef(image),
    ]);
    try {
      await waitForStatus(`${publishedUrl(id, image.port)}${path}`, { status: 200, timeoutMs: 120_000 });
      times.push(Date.now() - started);
    } finally {
      capture(docker, ['rm', '-f', id]);
    }
  }
  return median(times);
}

async function measureStarts(): Promise<Record<string, number>> {
  const suffix = randomBytes(4).toString('hex');
  const network = `todo-bench-${suffix}`;
  const postgresImage = /image: (postgres:\S+)/.exec(readFileSync(`${repoRoot}/docker/compose.yaml`, 'utf8'))![1]!;
  dockerOut(['network', 'create', network]);
  const db = dockerOut([
    ...['run', '-d', '--network', network, '--name', `db-${suffix}`, '-e', 'POSTGRES_USER=todo'],
    ...['-e', 'POSTGRES_PASSWORD=bench', '-e', 'POSTGRES_DB=todo', postgresImage],
  ]);
  const [backend, frontend] = IMAGES as [ImageSpec, ImageSpec];
  const backendEnv = [
    ...['--network', network, '-e', `DATABASE_URL=postgresql://todo:bench@db-${suffix}:5432/todo`],
    ...['-e', `BETTER_AUTH_SECRET=${randomBytes(32).toString('base64')}`],
  ];
  let api: string | undefined;
  try {
    const backendMs = await startToHealthy(backend, backendEnv, '/health/ready');
    api = dockerOut(['run', '-d', '--name', `backend-${suffix}`, ...backendEnv, imageRef(backend)]);
    const frontendMs = await startToHealthy(
      frontend,
      ['--network', network, '-e', `BACKEND_URL=http://backend-${suffix}:8000`],
      '/',
    );
    return { [backend.name]: backendMs, [frontend.name]: frontendMs };
  } finally {
    for (const id of [api, db]) if (id) capture(docker, ['rm', '-f', id]);
    capture(docker, ['network', 'rm', network]);
  }
}

requireDocker();
const rows: string[] = [];
const builds: Record<string, { cold: number; warm: number }> = {};
for (const image of IMAGES) {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    log(`${image.name}: build without layer cache, round ${round}/${rounds}`);
    cold.push(await timedBuild(image, true));
    log(`${image.name}: warm build after changing ${SOURCE_FILE[image.name]}, round ${round}/${rounds}`);
    warm.push(await warmBuild(image, round));
  }
  builds[image.name] = { cold: median(cold), warm: median(warm) };
}
// The last warm build carried the bench comment; rebuild from the real sources.
await buildImages();
log(`start-to-healthy, ${starts} starts each (backend against PostgreSQL, frontend against the backend)`);
const startMs = await measureStarts();
for (const image of IMAGES) {
  const size = Number(dockerOut(['image', 'inspect', '--format', '{{.Size}}', imageRef(image)])) / 1e6;
  const { cold, warm } = builds[image.name]!;
  rows.push(
    `| ${image.name} | ${seconds(cold)} | ${seconds(warm)} | ${(warm / cold).toFixed(2)} | ${size.toFixed(1)} / ${image.budgetMB} | ${seconds(startMs[image.name]!)} |`,
  );
}
console.log(`\nbench:images, medians (${rounds} builds of each kind, ${starts} starts)\n`);
console.log(
  '| image | build, no layer cache (s) | warm build, one file changed (s) | warm/cold | size MB / budget | start to healthy (s) |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
