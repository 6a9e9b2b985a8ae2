import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as CoreModule from '@actions/core';
import type * as ExecModule from '@actions/exec';
import { describe, expect, it, vi, type Mock } from 'vitest';

// The mocks take the toolkit's own signatures: a call or a value they would not accept fails typecheck.
type Core = typeof CoreModule;
type SummaryMock = { addRaw: Mock<(text: string) => SummaryMock>; write: Mock<Core['summary']['write']> };
type Exec = typeof ExecModule;
const core = vi.hoisted(() => {
  const summary: SummaryMock = { addRaw: vi.fn(), write: vi.fn() };
  summary.addRaw.mockReturnValue(summary);
  return {
    getInput: vi.fn<Core['getInput']>(),
    setOutput: vi.fn<Core['setOutput']>(),
    setFailed: vi.fn<Core['setFailed']>(),
    warning: vi.fn<Core['warning']>(),
    info: vi.fn<Core['info']>(),
    startGroup: vi.fn<Core['startGroup']>(),
    endGroup: vi.fn<Core['endGroup']>(),
    summary,
  };
});
const exec = vi.hoisted(() => ({ getExecOutput: vi.fn<Exec['getExecOutput']>() }));
vi.mock('@actions/core', () => core);
vi.mock('@actions/exec', () => exec);
const { run } = await import('./main.js');

const PODS = {
  items: [
    {
      metadata: { name: 'todo-backend-1' },
      status: {
        phase: 'Running',
        containerStatuses: [{ ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } }],
      },
    },
    {
      metadata: { name: 'todo-frontend-1' },
      status: { phase: 'Running', containerStatuses: [{ ready: true, restartCount: 0, state: { running: {} } }] },
    },
  ],
};

describe('cluster-diagnostics run()', () => {
  it('saves every command’s output and summarises the unhealthy pods', async () => {
    const output = join(mkdtempSync(join(tmpdir(), 'diag-')), 'out');
    core.getInput.mockImplementation((name: string) => ({ namespace: 'todo', release: 'todo', output })[name] ?? '');
    exec.getExecOutput.mockImplementation(async (tool: string, args: string[] = []) => {
      if (args.includes('json')) return { exitCode: 0, stdout: JSON.stringify(PODS), stderr: '' };
      if (args.includes('--previous'))
        return { exitCode: 1, stdout: '', stderr: 'previous terminated container not found' };
      if (args.includes('type=Warning'))
        return { exitCode: 0, stdout: 'LAST SEEN TYPE\n1m Warning BackOff pod/todo-backend-1\n', stderr: '' };
      return { exitCode: 0, stdout: `${tool} ${args.join(' ')}\n`, stderr: '' };
    });
    await run();
    expect(core.setFailed).not.toHaveBeenCalled();
    const files = readdirSync(output).sort();
    expect(files).toContain('logs-todo-backend-1.txt');
    expect(files).toContain('helm-history.txt');
    expect(readFileSync(join(output, 'logs-todo-backend-1-previous.txt'), 'utf8')).toContain('(exit code 1)');
    const markdown = core.summary.addRaw.mock.calls[0]![0] as string;
    expect(markdown).toContain('1 of 2 pods are not healthy.');
    expect(markdown).toContain('| todo-backend-1 | Running | 0/1 | 4 | CrashLoopBackOff |');
    expect(markdown).toContain('1m Warning BackOff pod/todo-backend-1');
    expect(core.setOutput).toHaveBeenCalledWith('path', output);
  });
});
