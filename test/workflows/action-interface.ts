/**
 * Checks of the workflows against the real actions' interfaces (the lock of their facts at each
 * pinned commit), and of the act stand-ins against both. Each returns the problems it finds, one
 * line each, naming the workflow, job and step.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { isRequired } from '../../workflows-src/lib/bindings/generate.js';
import { factsOf, type Lock } from '../../workflows-src/lib/bindings/facts.js';
import { rootRepo, standInFolder } from '../../scripts/act/stand-ins/stand-ins.js';

export type Step = {
  id?: string;
  name?: string;
  uses?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
};
export type Job = { if?: string; steps: Step[] };
export type Workflow = { jobs: Record<string, Job> };
type ActionYml = {
  inputs?: Record<string, { required?: boolean | string; default?: unknown } | null>;
  outputs?: Record<string, unknown>;
  runs: { using: string; steps?: Step[] };
};

const isRemote = (uses: string | undefined): uses is string =>
  Boolean(uses) && !uses!.startsWith('./') && !uses!.startsWith('docker://');
/** Step ids and the output names later steps of the same job (or composite) read from them. */
function outputsRead(steps: Step[]): Map<string, Set<string>> {
  const read = new Map<string, Set<string>>();
  for (const m of JSON.stringify(steps).matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
    if (!read.has(m[1]!)) read.set(m[1]!, new Set());
    read.get(m[1]!)!.add(m[2]!);
  }
  return read;
}
const label = (step: Step) => step.id ?? step.name ?? step.uses;
/** Actions whose outputs are whatever the script they run sets, beside the declared ones. */
const SCRIPTED_OUTPUTS = new Set(['actions/github-script']);

/** A list of steps (a job's, or a composite action's) against the real interface of each action it uses. */
export function stepProblems(where: string, steps: Step[], lock: Lock): string[] {
  const problems: string[] = [];
  const read = outputsRead(steps);
  for (const step of steps) {
    if (!isRemote(step.uses)) continue;
    const at = `${where}/${label(step)}`;
    const facts = factsOf(lock, step.uses);
    if (!facts) {
      problems.push(`${at}: ${step.uses} is not in the lock (npm run gen:bindings)`);
      continue;
    }
    const given = Object.keys(step.with ?? {});
    for (const key of given)
      if (!(key in facts.inputs)) problems.push(`${at}: ${facts.repo}@${facts.tag} has no input "${key}"`);
    for (const [name, input] of Object.entries(facts.inputs))
      if (isRequired(input) && !given.includes(name))
        problems.push(`${at}: ${facts.repo}@${facts.tag} requires the input "${name}"`);
    for (const output of read.get(step.id ?? '') ?? [])
      if (!facts.outputs.includes(output) && !SCRIPTED_OUTPUTS.has(facts.repo))
        problems.push(`${at}: ${facts.repo}@${facts.tag} has no output "${output}"`);
  }
  return problems;
}

/** Every job of every workflow against the real interfaces. */
export const workflowProblems = (workflows: Map<string, Workflow>, lock: Lock) =>
  [...workflows].flatMap(([file, workflow]) =>
    Object.entries(workflow.jobs).flatMap(([id, job]) => stepProblems(`${file}/${id}`, job.steps, lock)),
  );

/** The action.yml of a stand-in for `owner/repo[/path]`, or undefined where the project has none. */
export function standInYml(repo: string, root?: string): ActionYml | undefined {
  const folder = standInFolder(repo, root);
  if (!folder) return undefined;
  const sub = repo.split('/').slice(2);
  const file = join(folder, ...sub, 'action.yml');
  return existsSync(file) ? (load(readFileSync(file, 'utf8')) as ActionYml) : undefined;
}

/**
 * What act runs: every step not skipped under act, and through composite stand-ins the steps
 * they run. Each needs a stand-in that takes every input given and has every output read; act
 * itself skips the checkout of the repository.
 */
export function underActProblems(
  where: string,
  steps: Step[],
  skipped: Set<string>,
  lock: Lock,
  root?: string,
): string[] {
  const problems: string[] = [];
  const read = outputsRead(steps);
  for (const step of steps) {
    const at = `${where}/${label(step)}`;
    if (!isRemote(step.uses) || skipped.has(at)) continue;
    if (rootRepo(step.uses) === 'actions/checkout' && !step.with?.repository) continue;
    const repo = step.uses.split('@')[0]!;
    const yml = standInYml(repo, root);
    if (!yml) {
      problems.push(`${at}: ${step.uses} runs under act, but has no stand-in and is not listed as GitHub-only`);
      continue;
    }
    for (const key of Object.keys(step.with ?? {}))
      if (!(key in (yml.inputs ?? {}))) problems.push(`${at}: the stand-in for ${repo} takes no input "${key}"`);
    for (const output of read.get(step.id ?? '') ?? [])
      if (!(output in (yml.outputs ?? {}))) problems.push(`${at}: the stand-in for ${repo} has no output "${output}"`);
    if (yml.runs.steps) {
      problems.push(...stepProblems(`${at} → stand-in`, yml.runs.steps, lock));
      problems.push(...underActProblems(`${at} → stand-in`, yml.runs.steps, new Set(), lock, root));
    }
  }
  return problems;
}

/** Each stand-in against the real action at every commit it stands in for. */
export function standInProblems(lock: Lock, root?: string): string[] {
  const problems: string[] = [];
  for (const real of lock.actions) {
    const yml = standInYml(real.repo, root);
    if (!yml) continue;
    const at = `stand-in for ${real.repo}@${real.tag}`;
    for (const [name, input] of Object.entries(yml.inputs ?? {})) {
      const facts = real.inputs[name];
      if (!facts) problems.push(`${at}: takes "${name}", which the real action does not`);
      else if (isRequired(facts) && !isRequired(input))
        problems.push(`${at}: "${name}" is required by the real action`);
    }
    for (const output of Object.keys(yml.outputs ?? {}))
      if (!real.outputs.includes(output))
        problems.push(`${at}: has the output "${output}", which the real action does not`);
    for (const step of yml.runs.steps ?? [])
      if (isRemote(step.uses) && !real.calls.includes(step.uses))
        problems.push(`${at}: calls ${step.uses}, which the real action does not call`);
  }
  return problems;
}

/** Where act skips: jobs on the event's act flag, steps on env.ACT (`job` or `workflow/job/step`). */
export function skippedUnderAct(file: string, workflow: Workflow): string[] {
  return Object.entries(workflow.jobs).flatMap(([id, job]) =>
    job.if?.includes('!github.event.act')
      ? [`${file}/${id}`]
      : job.steps.filter((step) => /!env\.ACT\b/.test(step.if ?? '')).map((step) => `${file}/${id}/${label(step)}`),
  );
}
