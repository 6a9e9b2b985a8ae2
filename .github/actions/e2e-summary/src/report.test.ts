import { describe, expect, it } from 'vitest';
import { renderMarkdown, summarize, type VitestReport } from './report.js';

const report: VitestReport = {
  numPassedTests: 2,
  numFailedTests: 1,
  testResults: [
    {
      name: '/repo/backend/test/a.test.ts',
      assertionResults: [
        { fullName: 'a works', status: 'passed' },
        {
          fullName: 'a | pipes',
          status: 'failed',
          failureMessages: ['\nAssertionError: expected 1 to be 2\n    at x'],
          location: { line: 12, column: 3 },
        },
      ],
    },
    {
      name: '/repo/frontend/b.test.tsx',
      assertionResults: [
        { fullName: 'b works', status: 'passed' },
        { fullName: 'b later', status: 'skipped' },
      ],
    },
  ],
};

describe('e2e-summary report', () => {
  it('counts per file and lists failures with their first message line', () => {
    const summary = summarize(report, '/repo');
    expect(summary).toMatchObject({ passed: 2, failed: 1, skipped: 1 });
    expect(summary.files).toEqual([
      { file: 'backend/test/a.test.ts', passed: 1, failed: 1, skipped: 0 },
      { file: 'frontend/b.test.tsx', passed: 1, failed: 0, skipped: 1 },
    ]);
    expect(summary.failures).toEqual([
      { file: 'backend/test/a.test.ts', test: 'a | pipes', message: 'AssertionError: expected 1 to be 2', line: 12 },
    ]);
  });

  it('renders a table and escapes cells', () => {
    const markdown = renderMarkdown(summarize(report, '/repo'), 'Tests');
    expect(markdown).toContain('## ❌ Tests');
    expect(markdown).toContain('**2 passed, 1 failed, 1 skipped** in 2 files.');
    expect(markdown).toContain('| backend/test/a.test.ts | 1 | 1 | 0 |');
    expect(markdown).toContain('a \\| pipes');
  });
});
