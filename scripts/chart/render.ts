/** Lints and renders the chart with helm, for the checks and the scripts. */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { loadAll } from 'js-yaml';
import { CHART_DIR, NAMESPACE, RELEASE } from '../../project/names.js';
import { repoRoot } from '../../project/root.js';
import { helmBinary } from '../lib/tools.js';

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
};

/** The default values plus each ci/*-values.yaml scenario, by name. */
export function scenarios(): { name: string; values: string[] }[] {
  const files = readdirSync(`${repoRoot}/${CHART_DIR}/ci`).filter((file) => file.endsWith('-values.yaml'));
  return [
    { name: 'defaults', values: [] },
    ...files.sort().map((file) => ({ name: file.replace(/-values\.yaml$/, ''), values: [`${CHART_DIR}/ci/${file}`] })),
  ];
}

export function helm(args: string[]): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(helmBinary(), args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status ?? 1, stdout: result.stdout ?? '', stderr: result.stderr ?? String(result.error) };
}

const valueArgs = (values: string[], set: string[]) => [
  ...values.flatMap((file) => ['--values', file]),
  ...set.flatMap((pair) => ['--set', pair]),
];

export function lint(values: string[] = []) {
  return helm(['lint', '--strict', CHART_DIR, ...valueArgs(values, [])]);
}

type RenderOptions = { values?: string[]; set?: string[]; release?: string; namespace?: string };

/** `helm template` of the chart (with its tests) as YAML; throws with helm's message when it fails. */
export function renderYaml(options: RenderOptions = {}): string {
  const { values = [], set = [], release = RELEASE, namespace = NAMESPACE } = options;
  const result = helm(['template', release, CHART_DIR, '--namespace', namespace, ...valueArgs(values, set)]);
  if (result.status !== 0) throw new Error(result.stderr.trim());
  return result.stdout;
}

/** The rendered chart, parsed into objects. */
export function render(options: RenderOptions = {}): K8sObject[] {
  return (loadAll(renderYaml(options)) as (K8sObject | null)[]).filter((doc): doc is K8sObject => doc !== null);
}
