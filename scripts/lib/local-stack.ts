import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_NODE_FLAGS } from '../../project/api-runtime.js';
import { repoRoot as root } from '../../project/root.js';
import { build, preview } from 'vite';
import { freePort } from './ports.js';
import { exited, waitForStatus } from './wait.js';

export type Stack = {
  baseURL: string;
  /** The built UI: its own folder, so frontend/dist stays the user's. */ dist: string;
  stop(): Promise<void>;
};

/**
 * The built app as a browser sees it: Vite's preview server with the production bundle, proxying
 * the API's paths to the real API on an in-memory database, both on free loopback ports.
 */
export async function startStack(): Promise<Stack> {
  const [apiPort, webPort] = [await freePort(), await freePort()];
  const baseURL = `http://127.0.0.1:${webPort}`;
  const dist = mkdtempSync(join(tmpdir(), 'todo-ui-'));
  await build({ root: `${root}/frontend`, logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });

  const api = spawn(process.execPath, [...API_NODE_FLAGS, '--import', 'tsx', 'src/server.ts'], {
    cwd: `${root}/backend`,
    env: {
      PATH: process.env.PATH,
      HOST: '127.0.0.1',
      PORT: String(apiPort),
      PGLITE_DATA_DIR: 'memory://',
      BETTER_AUTH_SECRET: 'e2e-secret-that-is-long-enough-0123456789',
      BETTER_AUTH_URL: baseURL,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  api.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  api.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitForStatus(`http://127.0.0.1:${apiPort}/health/ready`, {
    timeoutMs: 30_000,
    gaveUp: exited(api),
    context: () => output,
  });

  const target = `http://127.0.0.1:${apiPort}`;
  const web = await preview({
    root: `${root}/frontend`,
    logLevel: 'warn',
    build: { outDir: dist },
    preview: {
      host: '127.0.0.1',
      port: webPort,
      strictPort: true,
      proxy: Object.fromEntries(['/api', '/health', '/mcp'].map((path) => [path, { target }])),
    },
  });
  return {
    baseURL,
    dist,
    async stop() {
      await web.close();
      api.kill('SIGTERM');
      rmSync(dist, { recursive: true, force: true });
    },
  };
}
