import type { FastifyBaseLogger } from 'fastify';
import type { Database } from './client.js';

export type WaitOptions = {
  timeoutMs: number;
  log: FastifyBaseLogger;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
};

const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 5_000;

/**
 * Pings until the database answers, backing off from 250 ms to 5 s between tries, so a database
 * that starts after the API (compose, a restarted pod) is waited for instead of crashing on.
 */
export async function waitForDatabase(
  database: Database,
  { timeoutMs, log, sleep = delay, now = Date.now }: WaitOptions,
) {
  const deadline = now() + timeoutMs;
  for (let attempt = 1, wait = FIRST_DELAY_MS; ; attempt++, wait = Math.min(wait * 2, MAX_DELAY_MS)) {
    try {
      await database.ping();
      return;
    } catch (error) {
      const reason = rootCause(error);
      if (now() + wait > deadline) {
        throw new Error(
          `database not reachable after ${attempt} attempts (DB_STARTUP_TIMEOUT_MS=${timeoutMs}): ${reason}`,
          { cause: error },
        );
      }
      log.warn({ attempt, retryInMs: wait, reason }, 'database not reachable yet, retrying');
      await sleep(wait);
    }
  }
}

/**
 * What went wrong underneath: the driver's error, not the query builder's "Failed query: select 1"
 * wrapped around it, and each address's error when a name resolved to several (an AggregateError).
 */
export function rootCause(error: unknown): string {
  let inner = error;
  while (inner instanceof Error && inner.cause !== undefined) inner = inner.cause;
  if (inner instanceof AggregateError && !inner.message) return inner.errors.map(rootCause).join('; ');
  if (!(inner instanceof Error)) return String(inner);
  const code = (inner as { code?: unknown }).code;
  return typeof code === 'string' && !inner.message.includes(code) ? `${inner.message} (${code})` : inner.message;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
