/**
 * The API's JSON log lines made readable for the dev loop: one line per request (Fastify logs two),
 * the level and message first. Lines that are not the API's JSON pass through unchanged.
 */

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const SHOWN_ELSEWHERE = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'reqId', 'req', 'res', 'responseTime']);

type Entry = {
  level?: number;
  time?: number;
  msg?: string;
  reqId?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  err?: { message?: string; stack?: string };
  [field: string]: unknown;
};

const clock = (time: number | undefined) => new Date(time ?? Date.now()).toTimeString().slice(0, 8);

/** A formatter that keeps each request's method and path until its "request completed" line. */
export function devLogFormatter(): (line: string) => string | undefined {
  const requests = new Map<string, string>();
  return (line) => {
    let entry: Entry;
    try {
      entry = JSON.parse(line) as Entry;
    } catch {
      return line;
    }
    if (typeof entry !== 'object' || entry === null || typeof entry.level !== 'number') return line;
    const at = clock(entry.time);
    if (entry.msg === 'incoming request' && entry.reqId && entry.req) {
      requests.set(entry.reqId, `${entry.req.method} ${entry.req.url}`);
      return undefined;
    }
    if (entry.msg === 'request completed' && entry.reqId) {
      const request = requests.get(entry.reqId) ?? '?';
      requests.delete(entry.reqId);
      return `${at} ${request} ${entry.res?.statusCode ?? '?'} ${Math.round(entry.responseTime ?? 0)} ms`;
    }
    const extra = Object.entries(entry)
      .filter(([key]) => !SHOWN_ELSEWHERE.has(key) && key !== 'err')
      .map(([key, value]) => `${key}=${JSON.stringify(value)}`);
    const level = LEVELS[entry.level] ?? String(entry.level);
    const text = [at, level, entry.msg ?? '', ...extra].filter(Boolean).join(' ');
    return entry.err?.stack ? `${text}\n${entry.err.stack}` : text;
  };
}
