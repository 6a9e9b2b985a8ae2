// Prints "<passed> <failed>" summed over vitest JSON reports (given, or those a workflow writes). A
// missing or unreadable report counts as one failure, and so does a file that failed with no failed
// test of its own (it did not import, or a beforeAll threw and its tests were skipped); a report that
// says it did not succeed is never counted as 0 failed. Each failure (report, file, name and the
// first line of its message) goes to stderr first, so the end of the log says what failed without
// scrolling back through the jobs.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { load } from 'js-yaml';
import { runsUnderAct } from './act-jobs.mjs';

const firstLine = (text) => (text ?? '').split('\n')[0].slice(0, 200);

/** The passed and failed counts of one report, and a line for each failure. */
function countReport(report, results) {
  if (typeof results?.numPassedTests !== 'number' || !Array.isArray(results.testResults))
    return { passed: 0, failed: 1, failures: [`${report}: not a vitest JSON report`] };
  const failures = [];
  let failed = 0;
  for (const suite of results.testResults) {
    const where = relative(process.cwd(), suite.name);
    const failedTests = (suite.assertionResults ?? []).filter((test) => test.status === 'failed');
    failed += failedTests.length;
    for (const test of failedTests)
      failures.push(`${report}: ${where} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    if (failedTests.length === 0 && suite.status === 'failed') {
      failed += 1;
      failures.push(`${report}: ${where}: ${firstLine(suite.message) || 'the file failed'}`);
    }
  }
  if (results.success === false && failed === 0) {
    failed = 1;
    failures.push(`${report}: vitest reports no success`);
  }
  return { passed: results.numPassedTests, failed, failures };
}

/** The file names of the vitest reports a workflow's jobs write under act: each e2e-summary step's `report`. */
export function reportsUnderAct(workflowText) {
  return Object.values(load(workflowText).jobs)
    .filter(runsUnderAct)
    .flatMap((job) => job.steps ?? [])
    .filter((step) => step.uses === './.github/actions/e2e-summary' && runsUnderAct(step))
    .map((step) => basename(step.with.report));
}

if (import.meta.main) {
  // Report files, or --workflow FILE DIR: the reports that workflow's jobs write under act, in DIR.
  const [first, workflow, dir] = process.argv.slice(2);
  const files =
    first === '--workflow'
      ? reportsUnderAct(readFileSync(workflow, 'utf8')).map((report) => join(dir, report))
      : process.argv.slice(2);
  let passed = 0;
  let failed = 0;
  const failures = [];
  for (const file of files) {
    const report = basename(file, '.json');
    let counted;
    if (!existsSync(file))
      counted = { passed: 0, failed: 1, failures: [`${report}: no report (the job stopped before its tests ran)`] };
    else {
      let results;
      try {
        results = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        results = undefined;
      }
      counted = countReport(report, results);
    }
    passed += counted.passed;
    failed += counted.failed;
    failures.push(...counted.failures);
  }
  if (failures.length > 0) console.error(`failed tests:\n${failures.map((line) => `  ${line}`).join('\n')}`);
  console.log(`${passed} ${failed}`);
}
