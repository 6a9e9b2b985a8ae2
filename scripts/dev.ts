/**
 * npm run dev — the API (embedded database, reload on change) and the Vite dev server together.
 * The dev server proxies /api, /health and /mcp to the API, so the whole app is on one URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { repoRoot } from '../project/root.js';
import { parseCommandLine } from './lib/cli.js';
import { devLogFormatter } from './lib/dev-log.js';
import { devSecret } from './lib/dev-secret.js';
import { requireSupportedNode } from './lib/node-version.js';
import { restartOnChange, type Ended } from './lib/restart-on-change.js';
import { answers } from './lib/wait.js';

requireSupportedNode();

const CLI = {
  usage: 'npm run dev [-- --help]',
  about:
    'Starts the API on 127.0.0.1 (restarted when a file under backend/src is saved) on an embedded\n' +
    'database in backend/.data/pglite, and the Vite dev server in front of it. Sessions survive restarts:\n' +
    "the API's BETTER_AUTH_SECRET is kept in a file. When the API stops, this says so in red and why.\n" +
    'Ctrl-C stops everything it started.',
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

const RED = '\x1b[1;31m';
const GREEN = '\x1b[1;32m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

parseCommandLine(process.argv.slice(2), CLI);
const apiPort = process.env.API_PORT ?? '8000';
const webPort = process.env.WEB_PORT ?? '5173';
const webUrl = `http://localhost:${webPort}`;
const apiUrl = `http://127.0.0.1:${apiPort}`;

/** Why the API ended, in words: a signal means something outside killed it, and it printed nothing. */
const why = ({ code, signal }: Ended) =>
  signal ? `was killed by ${signal}, with no error of its own` : `exited with code ${code}: its error is above`;

let everUp = false;
let crashed = false;
let waiting: AbortController | undefined;

/** Once the API (and the first time, the UI) answers, says so: green after a start or a crash. */
async function sayWhenUp() {
  waiting?.abort();
  const current = (waiting = new AbortController());
  while (!current.signal.aborted) {
    if ((await answers(`${apiUrl}/health/live`)) && (everUp || (await answers(webUrl)))) {
      if (current.signal.aborted) return;
      if (!everUp) console.log(`\n${GREEN}Todo Chatbot is ready: ${webUrl}${RESET}\n`);
      else if (crashed) console.log(`\n${GREEN}The API answers again: ${webUrl}${RESET}\n`);
      everUp = true;
      crashed = false;
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

const format = devLogFormatter();
const api = restartOnChange({
  command: process.execPath,
  args: ['--import', 'tsx', 'src/server.ts'],
  cwd: `${repoRoot}/backend`,
  env: {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: apiPort,
    BETTER_AUTH_SECRET: devSecret(),
    TRUSTED_ORIGINS: process.env.TRUSTED_ORIGINS ?? webUrl,
  },
  watchDir: `${repoRoot}/backend/src`,
  onStart(child) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const shown = format(line);
      if (shown !== undefined) console.log(shown);
    });
    child.stderr!.pipe(process.stderr);
    void sayWhenUp();
  },
  onChange(file) {
    console.log(`${DIM}backend/src/${file} changed: restarting the API${RESET}`);
  },
  onEnd(ended) {
    waiting?.abort();
    crashed = true;
    console.error(
      `\n${RED}The API ${everUp ? '' : 'did not start: it '}${why(ended)}. The UI answers 503 until it is back: ` +
        `fix it and save a file under backend/src, or press Ctrl-C.${RESET}\n`,
    );
  },
});
console.log(`${DIM}Starting the API on ${apiUrl} and the UI on ${webUrl}…${RESET}`);

// Vite itself, not through npm: npm's shell would take a signal without passing it on.
const web: ChildProcess = spawn(process.execPath, [`${repoRoot}/node_modules/vite/bin/vite.js`], {
  cwd: `${repoRoot}/frontend`,
  env: { ...process.env, BACKEND_URL: apiUrl, WEB_PORT: webPort },
  stdio: 'inherit',
});

async function stopAll(signal: NodeJS.Signals, exitCode: number) {
  waiting?.abort();
  if (web.exitCode === null && web.signalCode === null) web.kill(signal);
  await api.stop(signal);
  process.exitCode = exitCode;
}
// When the UI stops, stop the API too: a half-running app only confuses.
web.on('exit', (code) => void stopAll('SIGTERM', code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stopAll(signal, 0));
// npm passes a SIGTERM to the shell it runs this in, and the shell dies without passing it on:
// once the parent is gone, stop as if signalled.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && void stopAll('SIGTERM', 1), 500).unref();
