/** An npm script run as a user runs it in a terminal, and stopped as a user stops it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { stillRunning, tree, type Proc } from './process-tree.js';

export type Script = { child: ChildProcess; output: () => string };
const started: ChildProcess[] = [];

export async function until(condition: () => boolean, deadlineMs: number, detail: () => string) {
  const deadline = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${deadlineMs} ms:\n${detail().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Runs `npm run <name>` in its own process group, as a terminal does, until `ready` is printed. */
export async function startScript(name: string, env: Record<string, string>, ready: string): Promise<Script> {
  const child = spawn('npm', ['run', name], { env: { ...process.env, ...env }, detached: true });
  started.push(child);
  let output = '';
  for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk: Buffer) => (output += chunk));
  await until(
    () => output.includes(ready),
    180_000,
    () => output,
  );
  return { child, output: () => output };
}

/** Ctrl-C signals the whole group; a process manager signals npm alone. Either way, nothing may stay. */
export async function stopAsUser(script: Script, how: 'Ctrl-C' | 'SIGTERM to npm') {
  const before: Proc[] = tree(script.child.pid!);
  const exited = new Promise((resolve) => script.child.once('exit', resolve));
  if (how === 'Ctrl-C') process.kill(-script.child.pid!, 'SIGINT');
  else script.child.kill('SIGTERM');
  await exited;
  await until(
    () => stillRunning(before).length === 0,
    20_000,
    () =>
      `left running:\n${stillRunning(before)
        .map((proc) => `${proc.pid} ${proc.command}`)
        .join('\n')}`,
  );
}

/** For afterEach: whatever a failed test left, its group is ended. */
export function killStarted() {
  for (const child of started.splice(0)) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // The group is already gone.
    }
  }
}
