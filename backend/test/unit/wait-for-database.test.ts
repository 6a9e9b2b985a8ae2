import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { waitForDatabase } from '../../src/db/wait-for-database.js';

function databaseFailing(times: number) {
  let calls = 0;
  const ping = vi.fn(async () => {
    calls += 1;
    if (calls <= times) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
  });
  return { ping } as unknown as Database & { ping: typeof ping };
}

function virtualTime() {
  let clock = 0;
  const waits: number[] = [];
  return {
    waits,
    now: () => clock,
    sleep: async (ms: number) => {
      waits.push(ms);
      clock += ms;
    },
  };
}

const log = { warn: vi.fn() } as unknown as FastifyBaseLogger;

describe('waitForDatabase', () => {
  it('retries with a doubling delay capped at 5 s until the database answers', async () => {
    const database = databaseFailing(7);
    const time = virtualTime();
    await waitForDatabase(database, { timeoutMs: 60_000, log, ...time });
    expect(database.ping).toHaveBeenCalledTimes(8);
    expect(time.waits).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
  });

  it('gives up at the deadline with the last reason and the setting to change', async () => {
    const database = databaseFailing(Infinity);
    const time = virtualTime();
    await expect(waitForDatabase(database, { timeoutMs: 3_000, log, ...time })).rejects.toThrow(
      /not reachable after 4 attempts \(DB_STARTUP_TIMEOUT_MS=3000\): connect ECONNREFUSED/,
    );
    expect(time.now()).toBeLessThanOrEqual(3_000);
  });

  it('does not wait at all when the database answers at once', async () => {
    const time = virtualTime();
    await waitForDatabase(databaseFailing(0), { timeoutMs: 0, log, ...time });
    expect(time.waits).toEqual([]);
  });
});
