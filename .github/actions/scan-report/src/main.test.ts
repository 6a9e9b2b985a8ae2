import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as CoreModule from '@actions/core';
import type * as GitHubModule from '@actions/github';
import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';

// The mocks take the toolkit's own signatures: a call or a value they would not accept fails typecheck.
type Core = typeof CoreModule;
type SummaryMock = { addRaw: Mock<(text: string) => SummaryMock>; write: Mock<Core['summary']['write']> };
type GitHub = typeof GitHubModule;
const core = vi.hoisted(() => {
  const summary: SummaryMock = { addRaw: vi.fn(), write: vi.fn() };
  summary.addRaw.mockReturnValue(summary);
  return {
    getInput: vi.fn<Core['getInput']>(),
    getBooleanInput: vi.fn<Core['getBooleanInput']>(),
    setOutput: vi.fn<Core['setOutput']>(),
    setFailed: vi.fn<Core['setFailed']>(),
    error: vi.fn<Core['error']>(),
    info: vi.fn<Core['info']>(),
    warning: vi.fn<Core['warning']>(),
    summary,
  };
});
const github = vi.hoisted(() => ({
  context: { payload: {} as Record<string, unknown>, repo: { owner: 'acme', repo: 'todo' } },
  getOctokit: vi.fn<GitHub['getOctokit']>(),
}));
const comment = vi.hoisted(() => ({ upsertComment: vi.fn() }));
vi.mock('@actions/core', () => core);
vi.mock('@actions/github', () => github);
vi.mock('./comment.js', () => comment);
const { run } = await import('./main.js');

function reportFile(severity: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'scan-')), 'trivy.json');
  writeFileSync(
    path,
    JSON.stringify({
      SchemaVersion: 2,
      Results: [
        {
          Target: 'img',
          Vulnerabilities: [{ VulnerabilityID: 'CVE-1', PkgName: 'p', InstalledVersion: '1', Severity: severity }],
        },
      ],
    }),
  );
  return path;
}

function inputs(values: Record<string, string>) {
  core.getInput.mockImplementation((name: string) => values[name] ?? '');
  core.getBooleanInput.mockImplementation((name: string) => values[name] === 'true');
}

describe('scan-report run()', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    github.context.payload = {};
    delete process.env.ACT;
  });

  it('fails at the threshold, annotates, and comments on a pull request', async () => {
    inputs({
      report: reportFile('CRITICAL'),
      title: 'Backend',
      'severity-threshold': 'HIGH',
      comment: 'true',
      'github-token': 't',
    });
    github.context.payload = { pull_request: { number: 7 } };
    comment.upsertComment.mockResolvedValue('created');
    await run();
    expect(core.error).toHaveBeenCalledWith('img: p 1', { title: 'CVE-1 (CRITICAL)' });
    expect(core.setOutput).toHaveBeenCalledWith('findings', 1);
    expect(comment.upsertComment).toHaveBeenCalledWith(
      undefined,
      { owner: 'acme', repo: 'todo', number: 7 },
      'Backend',
      expect.stringContaining('CVE-1'),
    );
    expect(core.setFailed).toHaveBeenCalledWith('Backend: 1 finding(s) at or above HIGH');
  });

  it('passes below the threshold and posts no comment outside pull requests or under act', async () => {
    inputs({ report: reportFile('LOW'), 'severity-threshold': 'HIGH', comment: 'true', 'github-token': 't' });
    await run();
    process.env.ACT = 'true';
    github.context.payload = { pull_request: { number: 7 } };
    await run();
    expect(core.setFailed).not.toHaveBeenCalled();
    expect(comment.upsertComment).not.toHaveBeenCalled();
  });

  it('passes with a warning when the pull-request comment is refused (a read-only token)', async () => {
    inputs({ report: reportFile('LOW'), 'severity-threshold': 'HIGH', comment: 'true', 'github-token': 't' });
    github.context.payload = { pull_request: { number: 7 } };
    comment.upsertComment.mockRejectedValue(
      Object.assign(new Error('Resource not accessible by integration'), { status: 403 }),
    );
    await run();
    expect(core.warning).toHaveBeenCalledWith(expect.stringContaining('Resource not accessible by integration'));
    expect(core.setFailed).not.toHaveBeenCalled();
  });

  it('does not try to comment on a pull request from a fork', async () => {
    inputs({ report: reportFile('LOW'), 'severity-threshold': 'HIGH', comment: 'true', 'github-token': 't' });
    github.context.payload = {
      pull_request: {
        number: 7,
        head: { repo: { full_name: 'someone/todo' } },
        base: { repo: { full_name: 'acme/todo' } },
      },
    };
    await run();
    expect(comment.upsertComment).not.toHaveBeenCalled();
    expect(core.setFailed).not.toHaveBeenCalled();
  });

  it('fails with one line on an unknown threshold', async () => {
    inputs({ report: reportFile('LOW'), 'severity-threshold': 'SEVERE' });
    await run();
    expect(core.setFailed).toHaveBeenCalledWith(expect.stringMatching(/^severity-threshold must be one of/));
  });
});
