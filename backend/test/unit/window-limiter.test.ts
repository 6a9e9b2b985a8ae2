import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressKey, createWindowLimiter } from '../../src/limits/window-limiter.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

describe('the window limiter', () => {
  it('never lets a key spend more than its budget in one window, and refills after it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(
          fc.record({ key: fc.constantFrom('a', 'b', 'c'), cost: fc.integer({ min: 1, max: 5 }), wait: fc.nat(400) }),
        ),
        (max, calls) => {
          let time = 0;
          const spend = createWindowLimiter({ max, windowMs: 1000, now: () => time });
          const spent = new Map<string, { start: number; used: number }>();
          for (const { key, cost, wait } of calls) {
            time += wait;
            const result = spend(key, cost);
            let window = spent.get(key);
            if (!window || time - window.start >= 1000) {
              window = { start: time, used: 0 };
              spent.set(key, window);
            }
            expect(result.allowed).toBe(window.used + cost <= max);
            if (result.allowed) window.used += cost;
            expect(window.used).toBeLessThanOrEqual(max);
            expect(result.resetInS).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('keeps at most maxKeys windows, forgetting the oldest', () => {
    const spend = createWindowLimiter({ max: 1, windowMs: 60_000, maxKeys: 3 });
    for (const key of ['a', 'b', 'c', 'd']) expect(spend(key).allowed).toBe(true);
    expect(spend('d').allowed).toBe(false);
    expect(spend('a').allowed).toBe(true);
  });

  it('groups IPv6 clients by /64 and keeps IPv4 ones apart', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:0db8:0001:0002:ffff:1:2:3'));
    expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(addressKey('10.0.0.1')).not.toBe(addressKey('10.0.0.2'));
  });
});
