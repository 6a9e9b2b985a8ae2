import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor(url: string, child: ChildProcess, output: () => string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}:\n${output()}`);
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the API did not answer on ${url} within 30 s:\n${output()}`);
}

export type Stack = { baseURL: string; stop(): Promise<void> };

/**
 * The built app as a browser sees it: Vite's preview server with the production bundle, proxying
 * the API's paths to the real API on an in-memory database, both on free loopback ports.
 */
export async function startStack(): Promise<Stack> {
  const [apiPort, webPort] = [await freePort(), await freePort()];
  const baseURL = `http://127.0.0.1:${webPort}`;
  await build({ root: `${root}/frontend`, logLevel: 'warn' });

  const api = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
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
  await waitFor(`http://127.0.0.1:${apiPort}/health/ready`, api, () => output);

  const target = `http://127.0.0.1:${apiPort}`;
  const web = await preview({
    root: `${root}/frontend`,
    logLevel: 'warn',
    preview: {
      host: '127.0.0.1',
      port: webPort,
      strictPort: true,
      proxy: Object.fromEntries(['/api', '/health', '/mcp'].map((path) => [path, { target }])),
    },
  });
  return {
    baseURL,
    async stop() {
      await web.close();
      api.kill('SIGTERM');
    },
  };
}
