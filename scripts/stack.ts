/**
 * npm run stack:up — the compose stack (PostgreSQL, API, UI) on http://127.0.0.1:3000: writes
 * docker/.env with fresh secrets on first use, builds the images when missing, starts the stack
 * and waits until the UI answers /health through nginx.
 * npm run stack:down [-- --volumes] — stops it; --volumes also deletes the database.
 * npm run stack:logs — the state of each service and its last log lines (for failed CI runs).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { buildImages } from './images/build.js';
import { IMAGES, imageRef } from './images/images.js';
import { parseCommandLine } from './lib/cli.js';
import { repoRoot } from '../project/root.js';
import { COMPOSE_ENV_FILE, capture, composeCommand, docker, requireDocker, run } from './lib/docker.js';

const port = process.env.FRONTEND_PORT ?? '3000';
const url = `http://127.0.0.1:${port}`;
const HEALTH_TIMEOUT_MS = 180_000;

function writeEnvFileOnce() {
  const file = `${repoRoot}/${COMPOSE_ENV_FILE}`;
  if (existsSync(file)) return;
  const secret = () => randomBytes(32).toString('base64url');
  writeFileSync(
    file,
    `# Written by npm run stack:up; local secrets, not committed.\nPOSTGRES_PASSWORD=${secret()}\nBETTER_AUTH_SECRET=${secret()}\n`,
    {
      mode: 0o600,
    },
  );
  console.log(`wrote ${COMPOSE_ENV_FILE} with new secrets`);
}

async function waitForHealth(compose: string[]) {
  const started = Date.now();
  let last = '';
  while (Date.now() - started < HEALTH_TIMEOUT_MS) {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(3_000) }).catch(() => undefined);
    if (response?.ok) return;
    const state = response ? `HTTP ${response.status}` : 'no answer';
    if (state !== last)
      console.log(`waiting for ${url}/health: ${state} (${Math.round((Date.now() - started) / 1000)} s)`);
    last = state;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  await run(compose[0]!, [...compose.slice(1), 'ps']).catch(() => undefined);
  await run(compose[0]!, [...compose.slice(1), 'logs', '--tail', '20']).catch(() => undefined);
  throw new Error(`${url}/health did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000} s (state and logs above)`);
}

async function up() {
  writeEnvFileOnce();
  const missing = IMAGES.filter((image) => capture(docker, ['image', 'inspect', imageRef(image)]).status !== 0);
  if (missing.length) await buildImages(missing.map((image) => image.name));
  const compose = composeCommand();
  await run(compose[0]!, [...compose.slice(1), 'up', '-d']);
  await waitForHealth(compose);
  console.log(`stack is up: ${url}  (stop: npm run stack:down; wipe data: npm run stack:down -- --volumes)`);
}

async function down(volumes: boolean) {
  if (!existsSync(`${repoRoot}/${COMPOSE_ENV_FILE}`)) writeEnvFileOnce();
  const compose = composeCommand();
  await run(compose[0]!, [...compose.slice(1), 'down', ...(volumes ? ['--volumes'] : [])]);
}

async function logs() {
  const compose = composeCommand();
  await run(compose[0]!, [...compose.slice(1), 'ps']);
  await run(compose[0]!, [...compose.slice(1), 'logs', '--no-color', '--tail', '200']);
}

const [command, ...rest] = process.argv.slice(2);
try {
  const o = parseCommandLine(rest, {
    usage: 'npm run stack:up | stack:down | stack:logs -- [options]',
    about:
      `up builds the images when missing, writes ${COMPOSE_ENV_FILE} with fresh secrets once, starts PostgreSQL, the\n` +
      `API and the UI with compose, and waits until ${url}/health answers; down stops them; logs prints\n` +
      "each service's state and last log lines.",
    options: { volumes: { default: false, description: 'down: delete the database volume too' } },
    env: { FRONTEND_PORT: 'the UI port on 127.0.0.1 (default 3000)' },
  });
  requireDocker();
  if (command === 'up') await up();
  else if (command === 'down') await down(o.volumes);
  else if (command === 'logs') await logs();
  else throw new Error(`usage: tsx scripts/stack.ts up | down [--volumes] | logs`);
} catch (error) {
  console.error(`stack:${command ?? ''}: ${(error as Error).message}`);
  process.exit(1);
}
