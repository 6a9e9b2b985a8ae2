import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { readLock } from '../../workflows-src/lib/bindings/facts.js';
import { generate } from '../../workflows-src/lib/render.js';
import { STAND_INS_DIR } from '../../scripts/act/stand-ins/stand-ins.js';
import {
  skippedUnderAct,
  standInProblems,
  underActProblems,
  workflowProblems,
  type Workflow,
} from './action-interface.js';

// The workflows against the real actions' interfaces at their pinned commits (actions.lock.json,
// from the actions' action.yml files), and the act stand-ins against both.

const lock = readLock();
const SEED = 'scripts/act/seed-trivy.yml';
const generated = async () => {
  const workflows = new Map([...(await generate())].map(([name, text]) => [name, load(text) as Workflow]));
  workflows.set(SEED, load(readFileSync(SEED, 'utf8')) as Workflow);
  return workflows;
};
const workflows = await generated();
/** What .ci/run runs through act: ci.yml and the seeding workflow. */
const underAct = (all: Map<string, Workflow>) =>
  ['ci.yml', SEED].flatMap((file) => {
    const workflow = all.get(file)!;
    const skipped = new Set(skippedUnderAct(file, workflow));
    return Object.entries(workflow.jobs)
      .filter(([id]) => !skipped.has(`${file}/${id}`))
      .flatMap(([id, job]) => underActProblems(`${file}/${id}`, job.steps, skipped, lock));
  });

describe('the workflows against the real actions', () => {
  it('pass only inputs each action has, every input it requires, and read only its outputs', () => {
    expect(workflowProblems(workflows, lock)).toEqual([]);
  });

  it('fail on any misspelt input, a missing required input or a misread output', async () => {
    let checked = 0;
    for (const [file, workflow] of workflows)
      for (const [jobId, job] of Object.entries(workflow.jobs))
        job.steps.forEach((step, index) => {
          for (const key of Object.keys(step.with ?? {})) {
            if (!step.uses || step.uses.startsWith('./')) continue;
            const copy = structuredClone(workflow);
            const target = copy.jobs[jobId]!.steps[index]!;
            const value = target.with![key];
            delete target.with![key];
            target.with![`${key.slice(0, -1)}_`] = value;
            const problems = workflowProblems(new Map([[file, copy]]), lock);
            expect(problems.join('\n'), `${file}/${jobId}: ${key}`).toContain(`has no input "${key.slice(0, -1)}_"`);
            checked++;
          }
        });
    expect(checked).toBeGreaterThan(20);

    const ci = structuredClone(workflows.get('ci.yml')!);
    const cacheStep = ci.jobs.test!.steps.find((s) => s.id === 'cache-actionlint')!;
    delete cacheStep.with!.key;
    expect(workflowProblems(new Map([['ci.yml', ci]]), lock)).toContain(
      'ci.yml/test/cache-actionlint: actions/cache@v5.0.5 requires the input "key"',
    );
    const install = ci.jobs.test!.steps.find((s) => s.id === 'install-actionlint')!;
    install.env = { CACHE_HIT: '${{ steps.cache-actionlint.outputs.cache-hits }}' };
    expect(workflowProblems(new Map([['ci.yml', ci]]), lock)).toContain(
      'ci.yml/test/cache-actionlint: actions/cache@v5.0.5 has no output "cache-hits"',
    );
  });
});

describe('the act stand-ins (scripts/act/stand-ins)', () => {
  it('stand in for every action that runs under act, taking every input given and giving every output read', () => {
    expect(underAct(workflows)).toEqual([]);
  });

  it('fail the check when a step that runs under act has no stand-in, or a stand-in lacks an input', () => {
    const all = structuredClone(workflows);
    const upload = all.get('ci.yml')!.jobs.test!.steps.find((s) => s.id === 'upload-test-results')!;
    upload.if = 'failure()';
    const setupNode = all.get('ci.yml')!.jobs.chart!.steps.find((s) => s.id === 'setup-node')!;
    setupNode.with = { ...setupNode.with, 'check-latest': true };
    const problems = underAct(all);
    expect(problems).toContain(
      'ci.yml/test/upload-test-results: actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f runs under act, but has no stand-in and is not listed as GitHub-only',
    );
    expect(problems).toContain(
      'ci.yml/chart/setup-node: the stand-in for actions/setup-node takes no input "check-latest"',
    );
  });

  it('take only inputs the real action has, require what it requires, and call only what it calls', () => {
    expect(standInProblems(lock)).toEqual([]);
    const root = mkdtempSync(join(tmpdir(), 'stand-ins-'));
    mkdirSync(join(root, 'actions/cache/save'), { recursive: true });
    writeFileSync(
      join(root, 'actions/cache/save/action.yml'),
      'inputs:\n  path: {required: true}\n  key: {}\n  paths: {}\noutputs:\n  saved: {}\nruns:\n  using: composite\n  steps:\n    - uses: actions/cache@0000000000000000000000000000000000000000\n',
    );
    const problems = standInProblems(lock, root);
    expect(problems).toContain('stand-in for actions/cache/save@v5.0.1: takes "paths", which the real action does not');
    expect(problems).toContain('stand-in for actions/cache/save@v5.0.1: "key" is required by the real action');
    expect(problems).toContain(
      'stand-in for actions/cache/save@v5.0.1: has the output "saved", which the real action does not',
    );
    expect(problems).toContain(
      'stand-in for actions/cache/save@v5.0.1: calls actions/cache@0000000000000000000000000000000000000000, which the real action does not call',
    );
  });
});

describe('the JavaScript stand-ins as act runs them', () => {
  const bundle = (folder: string, name: string) => resolve(STAND_INS_DIR, folder, 'dist', `${name}.js`);
  const run = (file: string, env: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'stand-in-run-'));
    const files = {
      GITHUB_OUTPUT: join(dir, 'output'),
      GITHUB_PATH: join(dir, 'path'),
      GITHUB_STATE: join(dir, 'state'),
    };
    for (const f of Object.values(files)) writeFileSync(f, '');
    const result = spawnSync(process.execPath, [file], {
      env: { PATH: process.env.PATH, HOME: dir, ...files, ...env },
      cwd: env.CWD ?? process.cwd(),
      encoding: 'utf8',
    });
    return { ...result, read: (name: keyof typeof files) => readFileSync(files[name], 'utf8') };
  };

  it('github-script runs the script with core and context and sets its result', () => {
    const result = run(bundle('actions/github-script', 'main'), {
      INPUT_SCRIPT: "core.setOutput('seen', context.eventName); return { sum: 1 + 2 };",
      'INPUT_RESULT-ENCODING': 'json',
      GITHUB_EVENT_NAME: 'pull_request',
    });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.read('GITHUB_OUTPUT')).toMatch(/^seen<<(\S+)\npull_request\n\1$/m);
    expect(result.read('GITHUB_OUTPUT')).toMatch(/^result<<(\S+)\n\{"sum":3\}\n\1$/m);
  });

  it('github-script fails the step, naming the cause, when the script throws or needs a token it lacks', () => {
    const thrown = run(bundle('actions/github-script', 'main'), { INPUT_SCRIPT: "throw new Error('no luck')" });
    expect(thrown.status).toBe(1);
    expect(thrown.stdout).toContain('::error::no luck');
    const tokenless = run(bundle('actions/github-script', 'main'), { INPUT_SCRIPT: 'await github.rest.repos.get()' });
    expect(tokenless.status).toBe(1);
    expect(tokenless.stdout).toContain('no github-token was given');
  });

  it("setup-node puts the tool cache's Node.js named by the version file on PATH", () => {
    const cacheRoot = mkdtempSync(join(tmpdir(), 'tool-cache-'));
    const version = process.versions.node;
    const bin = join(cacheRoot, 'node', version, process.arch, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'node'), `#!/bin/sh\necho v${version}\n`);
    chmodSync(join(bin, 'node'), 0o755);
    writeFileSync(`${join(cacheRoot, 'node', version, process.arch)}.complete`, '');
    const workspace = mkdtempSync(join(tmpdir(), 'workspace-'));
    writeFileSync(join(workspace, '.nvmrc'), `v${version.split('.')[0]}\n`);
    const found = run(bundle('actions/setup-node', 'main'), {
      RUNNER_TOOL_CACHE: cacheRoot,
      'INPUT_NODE-VERSION-FILE': '.nvmrc',
      CWD: workspace,
    });
    expect(found.status, found.stdout + found.stderr).toBe(0);
    expect(found.read('GITHUB_PATH').trim()).toBe(bin);
    expect(found.read('GITHUB_OUTPUT')).toContain(`v${version}`);

    writeFileSync(join(workspace, '.nvmrc'), '99.1.0\n');
    const missing = run(bundle('actions/setup-node', 'main'), {
      RUNNER_TOOL_CACHE: cacheRoot,
      'INPUT_NODE-VERSION-FILE': '.nvmrc',
      CWD: workspace,
    });
    expect(missing.status).toBe(1);
    expect(missing.stdout).toContain("Node.js 99.1.0 (x64) is not in the runner's tool cache");
  });

  it('trivy-action passes only the inputs that differ from their defaults, as Trivy variables', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trivy-'));
    // A trivy that prints what it was called with.
    writeFileSync(join(dir, 'trivy'), '#!/bin/sh\necho "args: $*"\nenv | grep "^TRIVY_" | sort\n');
    chmodSync(join(dir, 'trivy'), 0o755);
    writeFileSync(join(dir, 'ignore.yaml'), 'vulnerabilities: []\n');
    const scan = (env: Record<string, string>) =>
      spawnSync('bash', [join(STAND_INS_DIR, 'aquasecurity/trivy-action/scan.sh')], {
        env: {
          PATH: `${dir}:${process.env.PATH}`,
          INPUT_SEVERITY: 'UNKNOWN,LOW,MEDIUM,HIGH,CRITICAL',
          INPUT_FORMAT: 'table',
          ...env,
        },
        encoding: 'utf8',
      });
    const config = scan({
      INPUT_SCAN_TYPE: 'config',
      INPUT_SCAN_REF: '.',
      INPUT_TRIVY_CONFIG: 'c.yaml',
      INPUT_FORMAT: 'json',
    });
    expect(config.status, config.stderr).toBe(0);
    expect(config.stdout).toContain('args: config .');
    expect(config.stdout).toContain('TRIVY_CONFIG=c.yaml');
    expect(config.stdout).toContain('TRIVY_FORMAT=json');
    expect(config.stdout).not.toContain('TRIVY_SEVERITY');
    const sarif = scan({ INPUT_IMAGE_REF: 'app:dev', INPUT_FORMAT: 'sarif', INPUT_SEVERITY: 'HIGH' });
    expect(sarif.stdout).toContain('args: image app:dev');
    expect(sarif.stdout).not.toContain('TRIVY_SEVERITY');
    const limited = scan({
      INPUT_IMAGE_REF: 'app:dev',
      INPUT_FORMAT: 'sarif',
      INPUT_SEVERITY: 'HIGH',
      INPUT_LIMIT_SEVERITIES_FOR_SARIF: 'true',
      INPUT_TRIVYIGNORES: join(dir, 'ignore.yaml'),
    });
    expect(limited.stdout).toContain('TRIVY_SEVERITY=HIGH');
    expect(limited.stdout).toContain(`TRIVY_IGNOREFILE=${join(dir, 'ignore.yaml')}`);
    const absent = scan({ INPUT_TRIVYIGNORES: join(dir, 'absent') });
    expect(absent.status).toBe(1);
    expect(absent.stdout).toContain('does not exist');
  });
});
