import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarize, type VitestReport } from '../../.github/actions/e2e-summary/src/report.js';
import { vitestReport, type Fixture } from '../lib/vitest-report.js';

// What .ci/run prints at its end and the e2e-summary action writes on GitHub, on real vitest reports
// of suites that pass, fail a test, fail to import, and fail in beforeAll.
const reports = Object.fromEntries(
  (['passes', 'one-fails', 'import-fails', 'before-all-throws'] as Fixture[]).map((f) => [f, vitestReport(f)]),
) as Record<Fixture, string>;

const count = (...files: string[]) => {
  const result = spawnSync(process.execPath, ['.ci/count-results.mjs', ...files], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return { counts: result.stdout.trim(), failures: result.stderr };
};

describe('.ci/count-results.mjs', () => {
  it('counts the tests of a passing report', () => {
    expect(count(reports.passes)).toEqual({ counts: '2 0', failures: '' });
  });

  it('counts a failed test, naming it', () => {
    const { counts, failures } = count(reports['one-fails']);
    expect(counts).toBe('1 1');
    expect(failures).toContain('one-fails.fixture.ts > fails: AssertionError');
  });

  it('counts a file that did not import, or whose beforeAll threw, as a failure', () => {
    expect(count(reports['import-fails'])).toMatchObject({ counts: '0 1' });
    expect(count(reports['import-fails']).failures).toContain("Cannot find module './no-such-module.js'");
    expect(count(reports['before-all-throws'])).toMatchObject({ counts: '0 1' });
    expect(count(reports['before-all-throws']).failures).toContain('the fixture could not start');
  });

  it('sums reports, and counts a missing or unreadable one as a failure', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reports-'));
    writeFileSync(join(dir, 'garbled.json'), '{"results": []}');
    const { counts, failures } = count(...Object.values(reports), join(dir, 'absent.json'), join(dir, 'garbled.json'));
    expect(counts).toBe('3 5');
    expect(failures).toContain('absent: no report');
    expect(failures).toContain('garbled: not a vitest JSON report');
  });

  it('counts the reports a workflow writes under act, from its summary steps, and none that act skips', () => {
    const dir = mkdtempSync(join(tmpdir(), 'workflow-reports-'));
    const summary = (report: string, condition = 'always()') =>
      `{uses: ./.github/actions/e2e-summary, if: "${condition}", with: {report: test-results/${report}.json}}`;
    writeFileSync(
      join(dir, 'ci.yml'),
      [
        'jobs:',
        `  unit: {steps: [{run: npm test}, ${summary('passes')}, ${summary('github-only', 'always() && !env.ACT')}]}`,
        `  e2e: {steps: [${summary('one-fails')}, {uses: ./.github/actions/scan-report, with: {report: trivy.json}}]}`,
        `  deploy: {if: "\${{ !github.event.act }}", steps: [${summary('deployed')}]}`,
        `  late: {steps: [${summary('never-written')}]}`,
      ].join('\n'),
    );
    const results = join(dir, 'results');
    mkdirSync(results);
    copyFileSync(reports.passes, join(results, 'passes.json'));
    copyFileSync(reports['one-fails'], join(results, 'one-fails.json'));
    const { counts, failures } = count('--workflow', join(dir, 'ci.yml'), results);
    expect(counts).toBe('3 2');
    expect(failures).toContain('never-written: no report');
    expect(failures).not.toMatch(/github-only|deployed|trivy/);
  });
});

describe('.ci/act-jobs.mjs', () => {
  it('counts a job of the workflow that act never finished as failed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'act-log-'));
    writeFileSync(
      join(dir, 'ci.yml'),
      'jobs:\n  a: {name: Job A}\n  b: {name: Job B}\n  c: {name: Job C}\n  d: {name: Job D}\n  gh: {name: Only on GitHub, if: "${{ !github.event.act }}"}\n',
    );
    writeFileSync(
      join(dir, 'act.log'),
      [
        '[CI/Job A] ⭐ Run Main Step one',
        '[CI/Job A]   ✅  Success - Main Step one [2.5s]',
        '[CI/Job A] 🏁  Job succeeded',
        '[CI/Job B]   ❌  Failure - Main Step two [1m3s]',
        '[CI/Job B] 🏁  Job failed',
        '[CI/Job C]   ✅  Success - Main Step three [500ms]',
      ].join('\n'),
    );
    const result = spawnSync(process.execPath, ['.ci/act-jobs.mjs', join(dir, 'act.log'), join(dir, 'ci.yml')], {
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('1 3');
    const line = (job: string) =>
      lines
        .find((l) => l.endsWith(`  ${job}`))
        ?.trim()
        .split(/\s{2,}/);
    expect(line('Job A')).toEqual(['succeeded', '3 s', 'Job A']);
    expect(line('Job B')).toEqual(['failed', '63 s', 'Job B']);
    expect(line('Job C')).toEqual(['unfinished', '1 s', 'Job C']);
    expect(line('Job D')).toEqual(['never started', '0 s', 'Job D']);
    expect(result.stdout).not.toContain('Only on GitHub');
  });
});

describe('the e2e-summary action on real reports', () => {
  const summary = (fixture: Fixture) =>
    summarize(JSON.parse(readFileSync(reports[fixture], 'utf8')) as VitestReport, 'test/fixtures/vitest-reports');

  it('counts a file that did not import, or whose beforeAll threw, as one failure with its message', () => {
    for (const [fixture, message] of [
      ['import-fails', "Cannot find module './no-such-module.js'"],
      ['before-all-throws', 'the fixture could not start'],
    ] as const) {
      const result = summary(fixture);
      expect(result.failed, fixture).toBe(1);
      expect(result.failures[0]?.message, fixture).toContain(message);
    }
  });

  it('counts a passing report as passed and a failed test as failed', () => {
    expect(summary('passes')).toMatchObject({ passed: 2, failed: 0, failures: [] });
    expect(summary('one-fails')).toMatchObject({ passed: 1, failed: 1 });
  });

  it('refuses what is not a vitest report', () => {
    expect(() => summarize({} as VitestReport, '.')).toThrow('not a vitest JSON report');
  });
});
