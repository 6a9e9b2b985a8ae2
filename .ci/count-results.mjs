// Prints "<passed> <failed>" summed over vitest JSON reports; a missing report counts as one failure.
// Each failed test (report, file, name and the first line of its message) goes to stderr first, so
// the end of the log says what failed without scrolling back through the jobs.
import { existsSync, readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';

let passed = 0;
let failed = 0;
const failures = [];
for (const file of process.argv.slice(2)) {
  const report = basename(file, '.json');
  if (!existsSync(file)) {
    failed += 1;
    failures.push(`${report}: no report (the job stopped before its tests ran)`);
    continue;
  }
  const results = JSON.parse(readFileSync(file, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
  for (const suite of results.testResults ?? []) {
    const where = relative(process.cwd(), suite.name);
    const failedTests = (suite.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of failedTests) {
      const message = (test.failureMessages?.[0] ?? '').split('\n')[0].slice(0, 200);
      failures.push(`${report}: ${where} > ${test.fullName}: ${message}`);
    }
    if (failedTests.length === 0 && suite.status === 'failed') {
      failures.push(`${report}: ${where}: ${(suite.message ?? '').split('\n')[0].slice(0, 200)}`);
    }
  }
}
if (failures.length > 0) console.error(`failed tests:\n${failures.map((line) => `  ${line}`).join('\n')}`);
console.log(`${passed} ${failed}`);
