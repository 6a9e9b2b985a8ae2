/** The one way the scripts and suites wait for a server: poll a URL until it answers, with a deadline. */
import type { ChildProcess } from 'node:child_process';

/** Whether the URL answers 2xx within `timeoutMs`; false when it refuses, errs or hangs. */
export const answers = (url: string, timeoutMs = 2_000): Promise<boolean> =>
  fetch(url, { signal: AbortSignal.timeout(timeoutMs) }).then(
    (r) => r.ok,
    () => false,
  );

export type WaitOptions = {
  /** The status to wait for; any 2xx when omitted. */
  status?: number;
  timeoutMs: number;
  intervalMs?: number;
  /** Asked before each try: a reason to stop waiting (the server's process ended), or undefined. */
  gaveUp?: () => string | undefined;
  /** Appended to the error: the server's output, say. */
  context?: () => string;
};

/** Why a child process can no longer answer: it exited. */
export const exited = (child: ChildProcess) => () =>
  child.exitCode !== null || child.signalCode !== null
    ? `its process exited with ${child.exitCode ?? child.signalCode}`
    : undefined;

/** Polls `url` until it answers; resolves with the milliseconds that took, throws at the deadline or when `gaveUp` says so. */
export async function waitForStatus(url: string, options: WaitOptions): Promise<number> {
  const { status, timeoutMs, intervalMs = 100, gaveUp = () => undefined, context = () => '' } = options;
  const started = Date.now();
  let last: number | string = 'nothing';
  const fail = (why: string) => {
    const more = context();
    return new Error(`${url} ${why} (last answer: ${last})${more ? `:\n${more}` : ''}`);
  };
  for (;;) {
    const reason = gaveUp();
    if (reason) throw fail(reason);
    last = await fetch(url, { signal: AbortSignal.timeout(Math.min(5_000, timeoutMs)) }).then(
      (r) => r.status,
      (error: Error) => error.name,
    );
    const done = status === undefined ? typeof last === 'number' && last >= 200 && last < 300 : last === status;
    if (done) return Date.now() - started;
    if (Date.now() - started >= timeoutMs) {
      throw fail(`did not answer ${status ?? '2xx'} within ${(timeoutMs / 1000).toFixed(0)} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
