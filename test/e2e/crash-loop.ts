/**
 * The crash-looping pod that the troubleshooting rows of docs/aiops.md look at. Its restarts take
 * over a minute to reach a steady CrashLoopBackOff, so the cluster suites' global setup starts it
 * first and it gets there while the other suites run.
 */
import { startProbe } from './probes.js';
import { kubectl, namespace, until } from './release.js';

export const CRASHING = 'aiops-crashloop';
export const CRASH_MESSAGE = 'aiops-crashloop: DATABASE_URL is not set';

/**
 * Starts, unless it already runs, a pod of the API's image that logs an error and exits 1: kubelet
 * restarts it with a growing delay. It stays on the control plane, which the nodes suite never
 * drains (a pod without a controller would stop the drain).
 */
export function startCrashLoop(): void {
  startProbe(
    CRASHING,
    namespace,
    { 'app.kubernetes.io/name': CRASHING },
    `console.error('${CRASH_MESSAGE}'); process.exit(1)`,
    {
      ready: false,
      nodeSelector: { 'node-role.kubernetes.io/control-plane': '' },
    },
  );
}

/**
 * Waits until it has restarted 3 times: it then waits 40 s and more between starts, so its status
 * stays CrashLoopBackOff while the rows look at it, not Error for the moment of a restart.
 */
export async function crashLoopReady(): Promise<void> {
  await until(`${CRASHING} in CrashLoopBackOff after 3 restarts`, 240_000, () => {
    const [reason, restarts] = kubectl(
      'get',
      'pod',
      CRASHING,
      '-o',
      'jsonpath={.status.containerStatuses[0].state.waiting.reason} {.status.containerStatuses[0].restartCount}',
    ).split(' ');
    return reason === 'CrashLoopBackOff' && Number(restarts) >= 3 ? true : undefined;
  });
}

export const stopCrashLoop = () => kubectl('delete', 'pod', CRASHING, '--ignore-not-found', '--wait=true');
