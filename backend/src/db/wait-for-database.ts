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
      const reason = error instanceof Error ? error.message : String(error);
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

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
