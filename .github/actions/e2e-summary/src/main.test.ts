import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const core = vi.hoisted(() => {
  const summary = { addRaw: vi.fn(), write: vi.fn() };
  summary.addRaw.mockReturnValue(summary);
  return { getInput: vi.fn(), setOutput: vi.fn(), setFailed: vi.fn(), error: vi.fn(), summary };
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
