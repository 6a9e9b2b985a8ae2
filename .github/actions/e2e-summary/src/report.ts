/** Pure helpers: read a vitest JSON report and describe it. No toolkit here, so tests need no mocks. */

type AssertionResult = {
  fullName: string;
  status: string;
  failureMessages?: string[];
  location?: { line: number; column: number };
};
type FileResult = { name: string; assertionResults: AssertionResult[] };
export type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests?: number;
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

export function summarize(report: VitestReport, root: string): Summary {
  const relative = (file: string) => (file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file);
  const files = report.testResults.map((result) => ({
    file: relative(result.name),
    passed: result.assertionResults.filter((t) => t.status === 'passed').length,
    failed: result.assertionResults.filter((t) => t.status === 'failed').length,
    skipped: result.assertionResults.filter((t) => t.status !== 'passed' && t.status !== 'failed').length,
  }));
  const failures = report.testResults.flatMap((result) =>
    result.assertionResults
      .filter((t) => t.status === 'failed')
      .map((t) => ({
        file: relative(result.name),
        test: t.fullName,
        message: firstLine(t.failureMessages?.join('\n') ?? 'failed'),
        ...(t.location && { line: t.location.line }),
      })),
  );
  const total = (key: 'passed' | 'failed' | 'skipped') => files.reduce((sum, f) => sum + f[key], 0);
  return { passed: total('passed'), failed: total('failed'), skipped: total('skipped'), files, failures };
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
