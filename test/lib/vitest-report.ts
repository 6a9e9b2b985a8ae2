/**
 * Real vitest JSON reports, made by running the fixture suites of test/fixtures/vitest-reports
 * with the project's vitest: for the code that counts and summarises reports.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export type Fixture = 'passes' | 'one-fails' | 'import-fails' | 'before-all-throws';
const DIR = resolve('test/fixtures/vitest-reports');

/** Runs the fixture suites given and returns the path of their JSON report. */
export function vitestReport(...fixtures: Fixture[]): string {
  const output = join(mkdtempSync(join(tmpdir(), 'vitest-report-')), 'report.json');
  const { TEST_REPORT: _, ...env } = process.env;
  const result = spawnSync(
    process.execPath,
    [
      resolve('node_modules/vitest/vitest.mjs'),
      'run',
      '--config',
      join(DIR, 'vitest.config.ts'),
      '--reporter=json',
      `--outputFile.json=${output}`,
      ...fixtures.map((f) => `${f}.fixture.ts`),
    ],
    { cwd: DIR, env: { ...env, CI: 'true' }, encoding: 'utf8' },
  );
  try {
    readFileSync(output);
  } catch {
    throw new Error(`vitest wrote no report (exit ${result.status}): ${result.stderr}`);
  }
  return output;
}
