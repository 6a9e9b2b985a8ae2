/**
 * node scripts/release/ci-passed.ts — exits 0 once the commit GITHUB_SHA has a completed
 * "CI success" check run that succeeded, 1 when it failed or none comes within the wait. The
 * release runs only for a commit CI passed. Runs on plain Node (no dependencies) before npm ci.
 *
 * Reads GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_SHA and GITHUB_TOKEN (checks: read);
 * RELEASE_GATE_WAIT_S (default 1800) bounds the wait for a check still running, polled every
 * RELEASE_GATE_POLL_S (default 30).
 */
const CHECK = 'CI success';

type CheckRun = { name: string; status: string; conclusion: string | null; html_url?: string };

function env(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`ci-passed: ${name} is not set (GitHub Actions sets it)`);
    process.exit(1);
  }
  return value;
}

async function checkRuns(api: string, repo: string, sha: string, token: string): Promise<CheckRun[]> {
  const url = `${api}/repos/${repo}/commits/${sha}/check-runs?check_name=${encodeURIComponent(CHECK)}&filter=latest`;
  const response = await fetch(url, {
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${token}`,
      'x-github-api-version': '2022-11-28',
    },
  });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return ((await response.json()) as { check_runs: CheckRun[] }).check_runs.filter((run) => run.name === CHECK);
}

const [api, repo, sha, token] = [
  env('GITHUB_API_URL'),
  env('GITHUB_REPOSITORY'),
  env('GITHUB_SHA'),
  env('GITHUB_TOKEN'),
];
const deadline = Date.now() + Number(process.env.RELEASE_GATE_WAIT_S ?? 1800) * 1000;
const pollMs = Number(process.env.RELEASE_GATE_POLL_S ?? 30) * 1000;
for (;;) {
  const runs = await checkRuns(api, repo, sha, token);
  if (runs.some((run) => run.status === 'completed' && run.conclusion === 'success')) {
    console.log(`ci-passed: "${CHECK}" succeeded for ${sha}`);
    process.exit(0);
  }
  const finished = runs.filter((run) => run.status === 'completed');
  if (runs.length > 0 && finished.length === runs.length) {
    console.error(
      `ci-passed: "${CHECK}" ended ${finished.map((run) => run.conclusion).join(', ')} for ${sha}: no release`,
    );
    process.exit(1);
  }
  if (Date.now() + pollMs > deadline) {
    const state = runs.length ? runs.map((run) => run.status).join(', ') : 'no such check';
    console.error(`ci-passed: "${CHECK}" has not succeeded for ${sha} (${state}): push the tag on a commit CI passed`);
    process.exit(1);
  }
  console.log(
    `ci-passed: "${CHECK}" is ${runs.length ? runs.map((run) => run.status).join(', ') : 'not there yet'}; waiting`,
  );
  await new Promise((resolve) => setTimeout(resolve, pollMs));
}
