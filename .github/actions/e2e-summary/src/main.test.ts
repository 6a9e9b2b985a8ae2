import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as CoreModule from '@actions/core';
import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';

// The mocks take the toolkit's own signatures: a call or a value they would not accept fails typecheck.
type Core = typeof CoreModule;
type SummaryMock = { addRaw: Mock<(text: string) => SummaryMock>; write: Mock<Core['summary']['write']> };
const core = vi.hoisted(() => {
  const summary: SummaryMock = { addRaw: vi.fn(), write: vi.fn() };
  summary.addRaw.mockReturnValue(summary);
  return {
    getInput: vi.fn<Core['getInput']>(),
    setOutput: vi.fn<Core['setOutput']>(),
    setFailed: vi.fn<Core['setFailed']>(),
    error: vi.fn<Core['error']>(),
    summary,
  };
});
vi.mock('@actions/core', () => core);

const { run } = await import('./main.js');

describe('e2e-summary run()', () => {
  beforeEach(() => vi.clearAllMocks());

  it('writes the summary, annotates failures and sets outputs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'e2e-summary-'));
    const path = join(dir, 'vitest.json');
    writeFileSync(
      path,
      JSON.stringify({
        numPassedTests: 1,
        numFailedTests: 1,
        testResults: [
          {
            name: `${process.cwd()}/x.test.ts`,
            assertionResults: [
              { fullName: 'ok', status: 'passed' },
              { fullName: 'bad', status: 'failed', failureMessages: ['boom'] },
            ],
          },
        ],
      }),
    );
    core.getInput.mockImplementation((name: string) => (name === 'report' ? path : ''));
    await run();
    expect(core.setFailed).not.toHaveBeenCalled();
    expect(core.error).toHaveBeenCalledWith('boom', { title: 'bad', file: 'x.test.ts' });
    expect(core.summary.addRaw.mock.calls[0]![0]).toContain('**1 passed, 1 failed, 0 skipped**');
    expect(core.setOutput).toHaveBeenCalledWith('failed', 1);
  });

  it('fails with one clear line when the report is missing', async () => {
    core.getInput.mockReturnValue('/nonexistent/vitest.json');
    await run();
    expect(core.setFailed).toHaveBeenCalledWith(
      expect.stringMatching(/^cannot read the vitest report \/nonexistent\/vitest.json: /),
    );
  });
});
