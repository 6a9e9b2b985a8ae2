// Prints "<passed> <failed>" from a vitest JSON report; a missing report counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file || !existsSync(file)) {
  console.log('0 1');
} else {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  console.log(`${report.numPassedTests} ${report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0)}`);
}
