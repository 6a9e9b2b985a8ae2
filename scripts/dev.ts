/**
 * npm run dev — the API (embedded database, reload on change) and the Vite dev server together.
 * The dev server proxies /api, /health and /mcp to the API, so the whole app is on one URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseCommandLine } from './lib/cli.js';
import { requireSupportedNode } from './lib/node-version.js';
import { answers } from './lib/wait.js';

requireSupportedNode();

const CLI = {
  usage: 'npm run dev [-- --help]',
  about:
    'Starts the API (tsx watch: it restarts when a backend file is saved) on an embedded database in\n' +
    "backend/.data/pglite, and the Vite dev server in front of it. Sessions survive restarts: the API's\n" +
    'BETTER_AUTH_SECRET is kept in a file. When the API stops answering, this says so in red until it\n' +
    'answers again.',
  options: {},
  env: {
    API_PORT: "the API's port (default 8000)",
    WEB_PORT: "the dev server's port (default 5173)",
    BETTER_AUTH_SECRET: "the API's signing secret (default: the kept one)",
    DEV_SECRET_FILE: 'where the kept secret is (default backend/.data/dev-auth-secret)',
    PGLITE_DATA_DIR: "the embedded database's folder (default backend/.data/pglite)",
    DATABASE_URL: 'a PostgreSQL server to use instead of the embedded database',
  },
};

const SECRET_FILE = process.env.DEV_SECRET_FILE ?? 'backend/.data/dev-auth-secret';
// A restart after a save takes a second or two; longer than this, the API is down.
const DOWN_AFTER_MS = 5_000;
const RED = '\x1b[1;31m';
const GREEN = '\x1b[1;32m';
const RESET = '\x1b[0m';

/** The dev API's secret, made once: a new one at each restart would sign everyone out. */
function devSecret(): string {
  if (process.env.BETTER_AUTH_SECRET) return process.env.BETTER_AUTH_SECRET;
  if (existsSync(SECRET_FILE)) return readFileSync(SECRET_FILE, 'utf8').trim();
  mkdirSync(dirname(SECRET_FILE), { recursive: true });
  const secret = randomBytes(32).toString('base64');
  writeFileSync(SECRET_FILE, `${secret}\n`, { mode: 0o600 });
  return secret;
}

const children: ChildProcess[] = [];

function run(workspace: string, env: NodeJS.ProcessEnv) {
  const child = spawn('npm', ['run', 'dev', '-w', workspace], { env, stdio: 'inherit' });
  child.on('exit', (code) => {
    // When one side stops, stop the other: a half-running app only confuses.
    for (const other of children) if (other !== child && other.exitCode === null) other.kill('SIGTERM');
    process.exitCode = code ?? 1;
  });
  children.push(child);
}

/** Says in red when the API has not answered for DOWN_AFTER_MS, and in green when it is back. */
function watchApi(url: string, webUrl: string) {
  let lastAnswer = Date.now();
  let down = false;
  let everUp = false;
  const check = async () => {
    const up = await answers(url);
    if (up) {
      lastAnswer = Date.now();
      if (!everUp && !(await answers(webUrl))) return;
      if (!everUp) console.log(`\n${GREEN}Todo Chatbot is ready: ${webUrl}${RESET}\n`);
      else if (down) console.log(`\n${GREEN}The API answers again: ${webUrl}${RESET}\n`);
      everUp = true;
      down = false;
    } else if (!down && Date.now() - lastAnswer > DOWN_AFTER_MS) {
      down = true;
      console.error(
        `\n${RED}The API (${url}) is down${everUp ? '' : ' and has not started'}: its error is above. ` +
          `The UI answers 502 until it is back: fix the error and save a backend file, or press Ctrl-C.${RESET}\n`,
      );
    }
  };
  return setInterval(() => void check(), 1_000);
}

parseCommandLine(process.argv.slice(2), CLI);
const apiPort = process.env.API_PORT ?? '8000';
const webPort = process.env.WEB_PORT ?? '5173';
const webUrl = `http://localhost:${webPort}`;
const apiUrl = `http://localhost:${apiPort}`;
run('backend', {
  ...process.env,
  PORT: apiPort,
  BETTER_AUTH_SECRET: devSecret(),
  TRUSTED_ORIGINS: process.env.TRUSTED_ORIGINS ?? webUrl,
});
run('frontend', { ...process.env, BACKEND_URL: apiUrl, WEB_PORT: webPort });
const monitor = watchApi(`${apiUrl}/health/live`, webUrl);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    clearInterval(monitor);
    for (const child of children) child.kill(signal);
  });
}
for (const child of children) child.on('exit', () => clearInterval(monitor));
