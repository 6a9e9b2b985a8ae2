import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('a test run', () => {
  it('leaves nothing in the temporary folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'run-tmp-'));
    try {
      // The actions' suites make temporary folders of their own: a run that leaked would show them.
      const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: dir, TEST_REPORT: '' };
      delete env.TODO_TEST_TMPDIR;
      const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--project', 'actions'], {
        env,
        encoding: 'utf8',
      });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      // Node's compile cache is meant to be kept and reused: it is one folder, whatever the runs.
      expect(readdirSync(dir).filter((name) => name !== 'node-compile-cache')).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
