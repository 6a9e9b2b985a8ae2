/** Pure helpers: read a vitest JSON report and describe it. No toolkit here, so tests need no mocks. */

type AssertionResult = {
  fullName: string;
  status: string;
  failureMessages?: string[];
  location?: { line: number; column: number };
};
/** A file's `status` is "failed" also when none of its tests failed: it did not import, or a hook threw. */
type FileResult = { name: string; status?: string; message?: string; assertionResults: AssertionResult[] };
export type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests?: number;
  success?: boolean;
  testResults: FileResult[];
};

export type Failure = { file: string; test: string; message: string; line?: number };
export type FileSummary = { file: string; passed: number; failed: number; skipped: number };
export type Summary = { passed: number; failed: number; skipped: number; files: FileSummary[]; failures: Failure[] };

const firstLine = (text: string) =>
  text
    .split('\n')
    .find((line) => line.trim())
    ?.trim() ?? '';

/** A file that failed with no failed test of its own counts as one failure: the whole file. */
const failedAsAWhole = (result: FileResult) =>
  result.status === 'failed' && !result.assertionResults.some((t) => t.status === 'failed');

export function summarize(report: VitestReport, root: string): Summary {
  if (!Array.isArray(report?.testResults)) throw new Error('not a vitest JSON report: it has no testResults');
  const relative = (file: string) => (file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file);
  const files = report.testResults.map((result) => ({
    file: relative(result.name),
    passed: result.assertionResults.filter((t) => t.status === 'passed').length,
    failed: result.assertionResults.filter((t) => t.status === 'failed').length + (failedAsAWhole(result) ? 1 : 0),
    skipped: result.assertionResults.filter((t) => t.status !== 'passed' && t.status !== 'failed').length,
  }));
  const failures = report.testResults.flatMap((result) => [
    ...result.assertionResults
      .filter((t) => t.status === 'failed')
      .map((t) => ({
        file: relative(result.name),
        test: t.fullName,
        message: firstLine(t.failureMessages?.join('\n') ?? 'failed'),
        ...(t.location && { line: t.location.line }),
      })),
    ...(failedAsAWhole(result)
      ? [{ file: relative(result.name), test: 'the whole file', message: firstLine(result.message ?? '') || 'failed' }]
      : []),
  ]);
  const total = (key: 'passed' | 'failed' | 'skipped') => files.reduce((sum, f) => sum + f[key], 0);
  // A run vitest calls unsuccessful is never reported as 0 failed.
  const failed = report.success === false ? Math.max(1, total('failed')) : total('failed');
  return { passed: total('passed'), failed, skipped: total('skipped'), files, failures };
}

const escapeCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(summary: Summary, title: string): string {
  const verdict = summary.failed === 0 ? '✅' : '❌';
  const lines = [
    `## ${verdict} ${title}`,
    '',
    `**${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped** in ${summary.files.length} files.`,
    '',
    '| file | passed | failed | skipped |',
    '| --- | ---: | ---: | ---: |',
    ...summary.files.map((f) => `| ${escapeCell(f.file)} | ${f.passed} | ${f.failed} | ${f.skipped} |`),
  ];
  if (summary.failures.length > 0) {
    lines.push(
      '',
      '### Failures',
      '',
      ...summary.failures.map((f) => `- \`${escapeCell(f.file)}\` ${escapeCell(f.test)}: ${escapeCell(f.message)}`),
    );
  }
  return `${lines.join('\n')}\n`;
}
