/**
 * What `npm run dev` and `npm run preview` share: the API's environment on this machine, Vite in
 * front of it, the log made readable, and stopping every process they started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { repoRoot } from '../../project/root.js';
import { devLogFormatter } from './dev-log.js';
import { devSecret } from './dev-secret.js';

export const COLOURS = { red: '\x1b[1;31m', green: '\x1b[1;32m', dim: '\x1b[2m', reset: '\x1b[0m' };

/** The variables both commands read, for their --help. */
export const LOCAL_APP_ENV = {
  BETTER_AUTH_SECRET: "the API's signing secret (default: the kept one)",
  DEV_SECRET_FILE: 'where the kept secret is (default backend/.data/dev-auth-secret)',
  PGLITE_DATA_DIR: "the embedded database's folder (default backend/.data/pglite)",
  DATABASE_URL: 'a PostgreSQL server to use instead of the embedded database',
  TRUSTED_ORIGINS: "origins the API accepts sign-in from besides the page's own",
};

export type Ports = { api: string; web: string };

export const ports = (webDefault: string): Ports => ({
  api: process.env.API_PORT ?? '8000',
  web: process.env.WEB_PORT ?? webDefault,
});
export const webUrl = ({ web }: Ports) => `http://localhost:${web}`;
export const apiUrl = ({ api }: Ports) => `http://127.0.0.1:${api}`;

/** The API on loopback only, trusting the page under both names a browser may use for it. */
export function apiEnv(at: Ports): NodeJS.ProcessEnv {
  const pageOrigins = [`http://localhost:${at.web}`, `http://127.0.0.1:${at.web}`];
  return {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: at.api,
    BETTER_AUTH_SECRET: devSecret(),
    TRUSTED_ORIGINS: [process.env.TRUSTED_ORIGINS, ...pageOrigins].filter(Boolean).join(','),
  };
}

/** Prints the API's output: its JSON log one readable line at a time, its errors as they are. */
export function showApiOutput(child: ChildProcess) {
  const format = devLogFormatter();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const shown = format(line);
    if (shown !== undefined) console.log(shown);
  });
  child.stderr!.pipe(process.stderr);
}

/** Vite itself, not through npm: npm's shell would take a signal without passing it on. */
export const startVite = (command: 'dev' | 'preview', at: Ports): ChildProcess =>
  spawn(process.execPath, [`${repoRoot}/node_modules/vite/bin/vite.js`, ...(command === 'dev' ? [] : [command])], {
    cwd: `${repoRoot}/frontend`,
    env: { ...process.env, BACKEND_URL: apiUrl(at), WEB_PORT: at.web },
    stdio: 'inherit',
  });

/**
 * Calls `stop` on Ctrl-C, on SIGTERM, and when the parent is gone: npm passes a SIGTERM to the
 * shell it runs a script in, and the shell dies without passing it on.
 */
export function stopOnSignals(stop: (signal: NodeJS.Signals) => void) {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stop(signal));
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && stop('SIGTERM'), 500).unref();
}

export const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;
