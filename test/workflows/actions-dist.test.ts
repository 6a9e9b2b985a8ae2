import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { buildAction } from '../../scripts/build-action.js';

const ACTIONS = readdirSync('.github/actions').map((name) => `.github/actions/${name}`);

describe('custom actions', () => {
  it.each(ACTIONS)(
    '%s: the committed dist/ is what its source builds to',
    async (dir) => {
      const fresh = join(mkdtempSync(join(tmpdir(), 'action-')), 'index.js');
      await buildAction(dir, fresh);
      // `npm run build` rewrites the working tree's dist/ before the tests run, so the bundle to
      // compare is the one git holds (the index: what is committed, or staged to be).
      const committed = spawnSync('git', ['show', `:${dir}/dist/index.js`], { encoding: 'utf8', maxBuffer: 1 << 26 });
      expect(committed.status, `${dir}/dist/index.js is not in git: ${committed.stderr}`).toBe(0);
      expect(
        committed.stdout === readFileSync(fresh, 'utf8'),
        `${dir}/dist in git is stale: run npm run build and commit it`,
      ).toBe(true);
    },
    60_000,
  );

  it('e2e-summary: the bundle runs as GitHub runs it and writes the job summary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    const report = join(dir, 'vitest.json');
    const summary = join(dir, 'summary.md');
    writeFileSync(
      report,
      JSON.stringify({
        numPassedTests: 1,
        numFailedTests: 0,
        testResults: [{ name: 'a.test.ts', assertionResults: [{ fullName: 'a', status: 'passed' }] }],
      }),
    );
    writeFileSync(summary, '');
    const result = spawnSync(process.execPath, ['.github/actions/e2e-summary/dist/index.js'], {
      env: { PATH: process.env.PATH, INPUT_REPORT: report, INPUT_TITLE: 'Bundle check', GITHUB_STEP_SUMMARY: summary },
      encoding: 'utf8',
    });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(readFileSync(summary, 'utf8')).toContain('## ✅ Bundle check');
  });

  it.each(ACTIONS)('%s: action.yml runs the bundle on node24', (dir) => {
    const action = load(readFileSync(`${dir}/action.yml`, 'utf8')) as { runs: { using: string; main: string } };
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });
});
