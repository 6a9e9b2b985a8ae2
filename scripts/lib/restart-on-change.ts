/**
 * Runs a command and runs it again when a file under a folder changes: the dev loop's API. The
 * supervisor, not a watcher inside the child's tool, so it knows why the process ended and every
 * process it started is gone when it stops.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { watch } from 'node:fs';

export type Ended = { code: number | null; signal: NodeJS.Signals | null };

export type Supervised = {
  /** Stops the process (the signal, then SIGKILL after `graceMs`) and the watching; resolves when it is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
};

export type SuperviseOptions = {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The folder whose changes restart the process. */
  watchDir: string;
  /** Called with each process started, to read its output. */
  onStart(child: ChildProcess): void;
  /** The process ended by itself (not by a restart or stop): it stays down until a file changes. */
  onEnd(ended: Ended): void;
  /** A file changed: the process is restarting. */
  onChange(file: string): void;
  graceMs?: number;
  /** Changes within this many milliseconds make one restart (an editor writes a file in steps). */
  settleMs?: number;
};

export function restartOnChange(options: SuperviseOptions): Supervised {
  const { graceMs = 5_000, settleMs = 150 } = options;
  let child: ChildProcess | undefined;
  let stopping = false;
  let pending: NodeJS.Timeout | undefined;
  // Restarts run one after another: a change during a restart must not start a second process.
  let restarts = Promise.resolve();

  const start = () => {
    const started = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    started.once('exit', (code, signal) => {
      if (child !== started) return;
      child = undefined;
      if (!stopping) options.onEnd({ code, signal });
    });
    options.onStart(started);
  };

  const end = async (running: ChildProcess, signal: NodeJS.Signals) => {
    if (running.exitCode !== null || running.signalCode !== null) return;
    const gone = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    const force = setTimeout(() => running.kill('SIGKILL'), graceMs);
    await gone;
    clearTimeout(force);
  };

  const restart = async (file: string) => {
    const running = child;
    child = undefined;
    options.onChange(file);
    if (running) await end(running, 'SIGTERM');
    if (!stopping) start();
  };

  const watcher = watch(options.watchDir, { recursive: true }, (_event, file) => {
    if (stopping || !file) return;
    clearTimeout(pending);
    pending = setTimeout(() => (restarts = restarts.then(() => restart(file))), settleMs);
  });

  start();
  return {
    async stop(signal = 'SIGTERM') {
      stopping = true;
      clearTimeout(pending);
      watcher.close();
      await restarts;
      if (child) await end(child, signal);
    },
  };
}
