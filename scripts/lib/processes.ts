import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A loopback port that was free a moment ago, for a server process started next. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether the URL answers 2xx within `timeoutMs`; false when it refuses, errs or hangs. */
export const answers = (url: string, timeoutMs = 2_000): Promise<boolean> =>
  fetch(url, { signal: AbortSignal.timeout(timeoutMs) }).then(
    (r) => r.ok,
    () => false,
  );

/** Polls the URL until it answers 2xx; fails at once, with the process's output, if the process exits. */
export async function waitUntilAnswers(
  url: string,
  child: ChildProcess,
  output: () => string = () => '',
): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the process for ${url} exited with ${child.exitCode}:\n${output()}`);
    if (await answers(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nothing answered on ${url} within 30 s:\n${output()}`);
}
