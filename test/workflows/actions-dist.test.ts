import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { buildAction, buildBundles, LICENSES_FILE } from '../../scripts/build-action.js';
import { BUNDLES, STAND_INS_DIR } from '../../scripts/act/stand-ins/stand-ins.js';

const ACTIONS = readdirSync('.github/actions').map((name) => `.github/actions/${name}`);
/** Every committed dist/ folder and how to build it afresh into another folder. */
const DISTS: [string, (outdir: string) => Promise<void>][] = [
  ...ACTIONS.map((dir): [string, (outdir: string) => Promise<void>] => [`${dir}/dist`, (out) => buildAction(dir, out)]),
  ...Object.entries(BUNDLES).map(([folder, entries]): [string, (outdir: string) => Promise<void>] => [
    `${STAND_INS_DIR}/${folder}/dist`,
    (out) => buildBundles(STAND_INS_DIR, entries, out),
  ]),
];

/** A file as git holds it (the index: what is committed, or staged to be). */
function committed(path: string): string {
  const result = spawnSync('git', ['show', `:${path}`], { encoding: 'utf8', maxBuffer: 1 << 28 });
  expect(result.status, `${path} is not in git: ${result.stderr}`).toBe(0);
  return result.stdout;
}

describe('bundled actions', () => {
  it.each(DISTS)(
    '%s in git is what its source builds to',
    async (dist, buildInto) => {
      const fresh = mkdtempSync(join(tmpdir(), 'action-'));
      await buildInto(fresh);
      // `npm run build` rewrites the working tree's dist/ before the tests run, so the files to
      // compare are the ones git holds.
      const tracked = spawnSync('git', ['ls-files', dist], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
      expect(tracked.map((file) => file.slice(dist.length + 1)).sort()).toEqual(readdirSync(fresh).sort());
      for (const file of readdirSync(fresh))
        expect(
          committed(`${dist}/${file}`) === readFileSync(join(fresh, file), 'utf8'),
          `${dist}/${file} in git is stale: run npm run build and commit it`,
        ).toBe(true);
    },
    60_000,
  );

  it.each(DISTS.map(([dist]) => dist))('%s keeps the licence of every package it inlines', (dist) => {
    const notices = committed(`${dist}/${LICENSES_FILE}`);
    const bundles = readdirSync(dist).filter((file) => file.endsWith('.js'));
    // esbuild heads each inlined module with a comment naming its file.
    const inlined = new Set(
      bundles.flatMap((file) =>
        [...committed(`${dist}/${file}`).matchAll(/^\/\/ .*node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)].map((m) => m[1]!),
      ),
    );
    expect(inlined.size, dist).toBeGreaterThan(0);
    for (const name of inlined)
      expect(notices, `${dist}: ${name}`).toMatch(
        new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}@\\S+ \\(`, 'm'),
      );
  });

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
