/**
 * The AI-ops commands of docs/aiops.md against the deployed release: the profiles' kubeconfigs, and
 * what the cluster must show after each row, whoever ran its commands (the cluster suite itself, or
 * kubectl-ai on GitHub).
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { expect } from 'vitest';
import { RELEASE } from '../../project/names.js';
import { repoRoot } from '../../project/root.js';
import type { Profile } from '../../scripts/aiops/translations.js';
import { CRASH_MESSAGE, CRASHING } from './crash-loop.js';
import { kubectl, name, namespace, podsOf } from './release.js';

/** A kubeconfig per profile (scripts/aiops/kubeconfig.sh); `remove` deletes the files. */
export function profiles(): Record<Profile, string> & { remove: () => void } {
  const write = (profile: Profile) =>
    execFileSync('bash', ['scripts/aiops/kubeconfig.sh', profile], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, NAMESPACE: namespace, RELEASE },
    }).trim();
  const files = { reader: write('reader'), operator: write('operator') };
  return { ...files, remove: () => Object.values(files).forEach((file) => rmSync(file, { force: true })) };
}

const replicas = (workload: string) => kubectl('get', workload, '-o', 'jsonpath={.spec.replicas}');

/**
 * What each row must leave, given the text its commands printed (stdout and stderr): the state of
 * the cluster, and the facts the text must hold. Keyed by the row's ask, as docs/aiops.md writes it.
 */
export const EXPECTED: Record<string, (printed: string) => Promise<void> | void> = {
  'show all pods in the todo namespace': (printed) => {
    for (const pod of podsOf('backend')) expect(printed).toContain(pod.name);
  },
  'get the backend logs': (printed) => {
    expect(printed).toMatch(/"level"|listening|GET|POST/);
  },
  'scale the backend to 3 replicas': async () => {
    expect(replicas(`deployment/${name('backend')}`)).toBe('3');
    kubectl('rollout', 'status', `deployment/${name('backend')}`, '--timeout=300s');
    kubectl('scale', `deployment/${name('backend')}`, '--replicas=2');
    kubectl('rollout', 'status', `deployment/${name('backend')}`, '--timeout=300s');
  },
  'why is pod {pod} failing': (printed) => {
    expect(printed).toMatch(/CrashLoopBackOff|Back-off restarting/);
    expect(printed).toContain(CRASH_MESSAGE);
  },
  'find pods in CrashLoopBackOff': (printed) => {
    expect(printed).toMatch(new RegExp(`${CRASHING}\\s.*CrashLoopBackOff`));
  },
  'delete the backend pods': (printed) => {
    expect(printed).toContain('Forbidden');
    expect(podsOf('backend')).toHaveLength(2);
  },
  'scale the database to 0 replicas': (printed) => {
    expect(printed).toContain('Forbidden');
    expect(replicas(`statefulset/${name('postgresql')}`)).toBe('1');
  },
  'show the session secret': (printed) => {
    expect(printed).toContain('Forbidden');
    expect(printed).not.toMatch(/^data:/m);
  },
};
