/**
 * npm run dev — the API (embedded database, reload on change) and the Vite dev server together.
 * The dev server proxies /api, /health and /mcp to the API, so the whole app is on one URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';

const FRONTEND_URL = 'http://localhost:5173';
const children: ChildProcess[] = [];

function run(workspace: string, env: NodeJS.ProcessEnv = process.env) {
  const child = spawn('npm', ['run', 'dev', '-w', workspace], { env, stdio: 'inherit' });
  child.on('exit', (code) => {
    // When one side stops, stop the other: a half-running app only confuses.
    for (const other of children) if (other !== child && other.exitCode === null) other.kill('SIGTERM');
    process.exitCode = code ?? 1;
  });
  children.push(child);
}

run('backend', { ...process.env, TRUSTED_ORIGINS: process.env.TRUSTED_ORIGINS ?? FRONTEND_URL });
run('frontend');
console.log(`\nTodo Chatbot: ${FRONTEND_URL} (API on http://localhost:8000)\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
  });
}
