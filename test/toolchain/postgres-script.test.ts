import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const postgresScript = (env: Record<string, string>) =>
  spawnSync('bash', ['.ci/postgres.sh'], { encoding: 'utf8', env: { ...process.env, ...env } });

describe('.ci/postgres.sh', () => {
  it('refuses a folder it did not make, and leaves it as it was', () => {
    const dir = mkdtempSync(join(tmpdir(), 'someone-elses-'));
    writeFileSync(join(dir, 'PG_VERSION'), '15\n');
    const result = postgresScript({ PGTEST_DIR: dir, PGPORT: '1' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      `postgres.sh: ${dir} exists and was not made by this script: set PGTEST_DIR to a folder that does not exist`,
    );
    expect(readFileSync(join(dir, 'PG_VERSION'), 'utf8')).toBe('15\n');
  });

  it('refuses a port that another server holds, before making anything', async () => {
    const server = createServer((socket) => socket.end()).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    const dir = join(mkdtempSync(join(tmpdir(), 'pgtest-')), 'cluster');
    try {
      const result = postgresScript({ PGTEST_DIR: dir, PGPORT: String(port) });
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toBe(
        `postgres.sh: 127.0.0.1:${port} is in use by a server this script did not start: set PGPORT to a free port`,
      );
      expect(existsSync(dir)).toBe(false);
    } finally {
      server.close();
    }
  });
});
