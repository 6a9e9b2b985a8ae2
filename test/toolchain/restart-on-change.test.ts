import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { devLogFormatter } from '../../scripts/lib/dev-log.js';
import { restartOnChange, type Ended } from '../../scripts/lib/restart-on-change.js';

async function until(condition: () => boolean, what: string) {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within 20 s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

describe('restartOnChange', () => {
  it('restarts once per burst of changes, reports an end of its own, and stop leaves nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'restart-'));
    const starts: ChildProcess[] = [];
    const ends: Ended[] = [];
    const changes: string[] = [];
    const supervised = restartOnChange({
      command: process.execPath,
      args: ['-e', 'setInterval(() => {}, 1e3)'],
      cwd: dir,
      env: process.env,
      watchDir: dir,
      onStart: (child) => starts.push(child),
      onEnd: (ended) => ends.push(ended),
      onChange: (file) => changes.push(file),
    });
    writeFileSync(`${dir}/source`, '1');
    await until(() => starts.length === 2, 'a restart after the first write');
    for (let i = 0; i < 5; i++) writeFileSync(`${dir}/source`, String(i));
    await until(() => starts.length === 3, 'one restart for five writes in a row');
    expect(starts.filter(alive)).toHaveLength(1);
    expect(ends).toEqual([]);

    // Ended from outside, as a crash would: reported, and not started again until a change.
    starts[2]!.kill('SIGKILL');
    await until(() => ends.length === 1, 'the process ending by itself');
    expect(ends[0]).toEqual({ code: null, signal: 'SIGKILL' });
    expect(starts).toHaveLength(3);
    expect(changes.every((file) => file === 'source')).toBe(true);

    writeFileSync(`${dir}/source`, 'fixed');
    await until(() => starts.length === 4 && alive(starts[3]!), 'a start after the fix');
    await supervised.stop();
    expect(starts.filter(alive)).toEqual([]);
    expect(ends).toHaveLength(1);
  });
});

describe('devLogFormatter', () => {
  const line = (entry: object) => JSON.stringify({ level: 30, time: Date.UTC(2026, 0, 1, 9, 5, 7), ...entry });

  it("makes a request's two lines one, whatever order requests finish in", () => {
    const format = devLogFormatter();
    expect(
      format(line({ reqId: 'a', req: { method: 'GET', url: '/api/tasks' }, msg: 'incoming request' })),
    ).toBeUndefined();
    expect(
      format(line({ reqId: 'b', req: { method: 'POST', url: '/api/chat' }, msg: 'incoming request' })),
    ).toBeUndefined();
    expect(
      format(line({ reqId: 'b', res: { statusCode: 201 }, responseTime: 12.6, msg: 'request completed' })),
    ).toMatch(/^\d\d:\d\d:\d\d POST \/api\/chat 201 13 ms$/);
    expect(format(line({ reqId: 'a', res: { statusCode: 401 }, responseTime: 1, msg: 'request completed' }))).toMatch(
      / GET \/api\/tasks 401 1 ms$/,
    );
  });

  it('keeps other fields and stacks, and passes lines that are not the API’s JSON through', () => {
    const format = devLogFormatter();
    const warned = format(line({ level: 40, msg: 'slow', database: 'pglite', err: { stack: 'Error: x\n    at y' } }));
    expect(warned).toMatch(/ WARN slow database="pglite"\nError: x\n {4}at y$/);
    for (const raw of ['plain text', '{"no":"level"}', '[1,2]', 'null']) expect(format(raw)).toBe(raw);
  });
});
