/**
 * The release that npm run cluster:deploy installed, as the cluster suites (npm run test:cluster)
 * reach it: kubectl and helm in its namespace, its components, traffic through the Ingress.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { NAMESPACE, PUBLIC_URL, RELEASE } from '../../project/names.js';
import { repoRoot } from '../../project/root.js';
import { helmBinary, kubectlBinary } from '../../scripts/lib/tools.js';
import type { StackClient } from './client.js';

export const baseURL = (process.env.E2E_BASE_URL ?? PUBLIC_URL).replace(/\/$/, '');
export const namespace = process.env.NAMESPACE ?? NAMESPACE;

const run = (binary: string, args: string[], input?: string) =>
  execFileSync(binary, args, {
    cwd: repoRoot,
    encoding: 'utf8',
    input,
    stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
// While a load runs: a synchronous child process would stop the load's event loop with it.
const runAsync = async (binary: string, args: string[]) =>
  (await promisify(execFile)(binary, args, { cwd: repoRoot, encoding: 'utf8' })).stdout;

/** kubectl in the release's namespace (a later --namespace wins). */
export const kubectl = (...args: string[]) => run(kubectlBinary(), ['--namespace', namespace, ...args]);
/** kubectl apply of one object. */
export const apply = (manifest: object) => run(kubectlBinary(), ['apply', '-f', '-'], JSON.stringify(manifest));
export const helm = (...args: string[]) => run(helmBinary(), [...args, '--namespace', namespace]);
export const kubectlAsync = (...args: string[]) => runAsync(kubectlBinary(), ['--namespace', namespace, ...args]);
export const helmAsync = (...args: string[]) => runAsync(helmBinary(), [...args, '--namespace', namespace]);

export type Component = 'backend' | 'frontend' | 'postgresql';
export const name = (component: Component) => `${RELEASE}-${component}`;
export const selector = (component: Component) =>
  `app.kubernetes.io/instance=${RELEASE},app.kubernetes.io/component=${component}`;

export type Pod = { name: string; node: string; ip: string };

/** The running pods of a component, with their node and address. */
export function podsOf(component: Component): Pod[] {
  const list = JSON.parse(kubectl('get', 'pods', '-l', selector(component), '-o', 'json')) as {
    items: {
      metadata: { name: string; deletionTimestamp?: string };
      spec: { nodeName: string };
      status: { phase: string; podIP: string };
    }[];
  };
  return list.items
    .filter((pod) => pod.status.phase === 'Running' && !pod.metadata.deletionTimestamp)
    .map((pod) => ({ name: pod.metadata.name, node: pod.spec.nodeName, ip: pod.status.podIP }));
}

/** Polls `check` every half second until it returns a value; throws `what` with the last error at the deadline. */
export async function until<T>(what: string, timeoutMs: number, check: () => T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not after ${timeoutMs / 1000} s${last ? ` (${(last as Error).message})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Requests the task list from several clients until stopped, never retrying; counts what failed.
 * Paced to 8 requests a second in all: the API allows 600 a minute per client address.
 */
export function load(user: StackClient, workers = 2, perWorkerEveryMs = 250) {
  let running = true;
  const counts = { ok: 0, failed: [] as string[] };
  const loops = Array.from({ length: workers }, async () => {
    while (running) {
      const paced = new Promise((resolve) => setTimeout(resolve, perWorkerEveryMs));
      const outcome = await user.requestOnce('GET', '/api/tasks').then(
        (reply) => (reply.status === 200 ? undefined : `HTTP ${reply.status}`),
        (error: Error) => error.message,
      );
      if (outcome) counts.failed.push(outcome);
      else counts.ok += 1;
      await paced;
    }
  });
  return {
    counts,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}
