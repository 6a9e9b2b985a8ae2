import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';

type Run = { name: string; status: string; conclusion: string | null };
const servers: ReturnType<typeof createServer>[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** GitHub's check-runs endpoint, answering each request with the next of `answers` (the last repeats). */
async function fakeGitHub(answers: Run[][]) {
  const requests: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    requests.push(request);
    const runs = answers[Math.min(requests.length - 1, answers.length - 1)]!;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ check_runs: runs }));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, requests };
}

function gate(api: string, waitSeconds = 5) {
  return new Promise<{ code: number; out: string }>((resolve) => {
    execFile(
      process.execPath,
      ['scripts/release/ci-passed.ts'],
      {
        env: {
          PATH: process.env.PATH,
          GITHUB_API_URL: api,
          GITHUB_REPOSITORY: 'acme/todo',
          GITHUB_SHA: 'abc123',
          GITHUB_TOKEN: 'token-1',
          RELEASE_GATE_WAIT_S: String(waitSeconds),
          RELEASE_GATE_POLL_S: '0.05',
        },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, out: stdout + stderr }),
    );
  });
}

const ci = (status: string, conclusion: string | null = null): Run => ({ name: 'CI success', status, conclusion });

describe('the release gate (scripts/release/ci-passed.ts)', () => {
  it('passes a commit whose CI success check succeeded, asking GitHub for that check with the token', async () => {
    const github = await fakeGitHub([[ci('completed', 'success')]]);
    const { code, out } = await gate(github.url);
    expect(code, out).toBe(0);
    const [request] = github.requests;
    expect(request!.url).toBe('/repos/acme/todo/commits/abc123/check-runs?check_name=CI%20success&filter=latest');
    expect(request!.headers.authorization).toBe('Bearer token-1');
  });

  it('waits while the check runs, then passes', async () => {
    const github = await fakeGitHub([[], [ci('queued')], [ci('in_progress')], [ci('completed', 'success')]]);
    const { code, out } = await gate(github.url);
    expect(code, out).toBe(0);
    expect(github.requests.length).toBe(4);
  });

  it.each(['failure', 'cancelled', 'skipped'])('stops a release whose CI ended %s', async (conclusion) => {
    const { code, out } = await gate((await fakeGitHub([[ci('completed', conclusion)]])).url);
    expect(code).toBe(1);
    expect(out).toContain(`ended ${conclusion}`);
  });

  it('stops at the deadline when CI never ran for the commit, saying what to do', async () => {
    const { code, out } = await gate((await fakeGitHub([[{ ...ci('completed', 'success'), name: 'lint' }]])).url, 0);
    expect(code).toBe(1);
    expect(out).toContain('no such check');
    expect(out).toContain('push the tag on a commit CI passed');
  });
});
