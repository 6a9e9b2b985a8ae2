/**
 * npm run dev — the API (embedded database, reload on change) and the Vite dev server together.
 * The dev server proxies /api, /health and /mcp to the API, so the whole app is on one URL.
 */
import { API_NODE_FLAGS } from '../project/api-runtime.js';
import { repoRoot } from '../project/root.js';
import { parseCommandLine } from './lib/cli.js';
import * as local from './lib/local-app.js';
import { requireSupportedNode } from './lib/node-version.mjs';
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
    ...local.LOCAL_APP_ENV,
  },
};
const { red, green, dim, reset } = local.COLOURS;

parseCommandLine(process.argv.slice(2), CLI);
const at = local.ports('5173');
const page = local.webUrl(at);

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
    if ((await answers(`${local.apiUrl(at)}/health/live`)) && (everUp || (await answers(page)))) {
      if (current.signal.aborted) return;
      if (!everUp) console.log(`\n${green}Todo Chatbot is ready: ${page}${reset}\n`);
      else if (crashed) console.log(`\n${green}The API answers again: ${page}${reset}\n`);
      everUp = true;
      crashed = false;
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

const api = restartOnChange({
  command: process.execPath,
  args: [...API_NODE_FLAGS, '--import', 'tsx', 'src/server.ts'],
  cwd: `${repoRoot}/backend`,
  env: local.apiEnv(at),
  watchDir: `${repoRoot}/backend/src`,
  onStart(child) {
    local.showApiOutput(child);
    void sayWhenUp();
  },
  onChange(file) {
    console.log(`${dim}backend/src/${file} changed: restarting the API${reset}`);
  },
  onEnd(ended) {
    waiting?.abort();
    crashed = true;
    console.error(
      `\n${red}The API ${everUp ? '' : 'did not start: it '}${why(ended)}. The UI answers 503 until it is back: ` +
        `fix it and save a file under backend/src, or press Ctrl-C.${reset}\n`,
    );
  },
});
console.log(`${dim}Starting the API on ${local.apiUrl(at)} and the UI on ${page}…${reset}`);
const web = local.startVite('dev', at);

async function stopAll(signal: NodeJS.Signals, exitCode: number) {
  waiting?.abort();
  if (local.isRunning(web)) web.kill(signal);
  await api.stop(signal);
  process.exitCode = exitCode;
}
// When the UI stops, stop the API too: a half-running app only confuses.
web.on('exit', (code) => void stopAll('SIGTERM', code ?? 1));
local.stopOnSignals((signal) => void stopAll(signal, 0));
