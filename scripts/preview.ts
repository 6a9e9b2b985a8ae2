/**
 * npm run preview — the production build on this machine: the API compiled by tsc and the UI built
 * by Vite, served by Vite's preview server in front of the API, as nginx serves them in the image.
 */
import { spawn, spawnSync } from 'node:child_process';
import { API_NODE_FLAGS } from '../project/api-runtime.js';
import { repoRoot } from '../project/root.js';
import { parseCommandLine } from './lib/cli.js';
import * as local from './lib/local-app.js';
import { requireSupportedNode } from './lib/node-version.mjs';
import { exited, waitForStatus } from './lib/wait.js';

requireSupportedNode();

const CLI = {
  usage: 'npm run preview [-- --help]',
  about:
    'Builds the API (backend/dist) and the UI (frontend/dist), starts the built API on 127.0.0.1 on the\n' +
    "embedded database in backend/.data/pglite (the one npm run dev uses), and Vite's preview server in\n" +
    'front of it. Sign-in works on the printed address: the API trusts it. Ctrl-C stops both.',
  options: {},
  env: {
    API_PORT: "the API's port (default 8000)",
    WEB_PORT: "the preview server's port (default 4173)",
    ...local.LOCAL_APP_ENV,
  },
};
const { red, green, dim, reset } = local.COLOURS;

function build(what: string, args: string[]) {
  const started = Date.now();
  console.log(`${dim}Building ${what}…${reset}`);
  const result = spawnSync('npm', args, { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${red}Building ${what} failed: its error is above.${reset}`);
    process.exit(1);
  }
  console.log(`${dim}Built ${what} in ${((Date.now() - started) / 1000).toFixed(1)} s${reset}`);
}

parseCommandLine(process.argv.slice(2), CLI);
const at = local.ports('4173');
build('the API', ['run', 'build', '-w', 'backend']);
build('the UI', ['run', 'build', '-w', 'frontend']);

const api = spawn(process.execPath, [...API_NODE_FLAGS, 'dist/server.js'], {
  cwd: `${repoRoot}/backend`,
  env: local.apiEnv(at),
  stdio: ['ignore', 'pipe', 'pipe'],
});
local.showApiOutput(api);
let stopping = false;
const web = local.startVite('preview', at);
const stopAll = (signal: NodeJS.Signals) => {
  stopping = true;
  for (const child of [api, web]) if (local.isRunning(child)) child.kill(signal);
};
api.on('exit', (code, signal) => {
  if (!stopping) console.error(`${red}The API stopped (${signal ?? `exit code ${code}`}): its error is above.${reset}`);
  stopAll('SIGTERM');
  process.exitCode = stopping ? 0 : 1;
});
web.on('exit', () => stopAll('SIGTERM'));
local.stopOnSignals(stopAll);

try {
  await waitForStatus(`${local.apiUrl(at)}/health/ready`, { timeoutMs: 120_000, gaveUp: exited(api) });
  await waitForStatus(local.webUrl(at), { timeoutMs: 30_000, gaveUp: exited(web) });
  console.log(`\n${green}The built app: ${local.webUrl(at)}${reset}\n`);
} catch (error) {
  if (!stopping) console.error(`${red}${(error as Error).message}${reset}`);
  stopAll('SIGTERM');
  process.exitCode = 1;
}
