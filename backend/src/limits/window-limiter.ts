export type Spend = { allowed: boolean; remaining: number; resetInS: number };

/**
 * Fixed one-window budgets per key, in memory (each replica counts its own). Keys that an attacker
 * can mint (addresses, e-mails) are bounded: past `maxKeys` the oldest windows are dropped.
 */
export function createWindowLimiter({
  max,
  windowMs,
  maxKeys = 100_000,
  now = Date.now,
}: {
  max: number;
  windowMs: number;
  maxKeys?: number;
  now?: () => number;
}) {
  const windows = new Map<string, { used: number; resetAt: number }>();

  return function spend(key: string, cost = 1): Spend {
    const time = now();
    let window = windows.get(key);
    if (!window || window.resetAt <= time) {
      windows.delete(key);
      window = { used: 0, resetAt: time + windowMs };
      windows.set(key, window);
      // Map order is insertion order: the first keys are the oldest windows.
      for (const oldest of windows.keys()) {
        if (windows.size <= maxKeys) break;
        windows.delete(oldest);
      }
    }
    const resetInS = Math.max(1, Math.ceil((window.resetAt - time) / 1000));
    if (window.used + cost > max) return { allowed: false, remaining: Math.max(0, max - window.used), resetInS };
    window.used += cost;
    return { allowed: true, remaining: max - window.used, resetInS };
  };
}
export type Limiter = ReturnType<typeof createWindowLimiter>;

/** The key of a client address: IPv6 clients by their /64, which one host can fill with addresses. */
export function addressKey(ip: string): string {
  if (!ip.includes(':') || ip.startsWith('::ffff:')) return ip.replace(/^::ffff:/, '');
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
