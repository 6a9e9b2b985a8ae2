import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELEASE } from '../../project/names.js';
import { healthIs, StackClient, uniqueEmail } from './client.js';
import { baseURL, kubectl, kubectlAsync, load, name, podsOf, until, type Component } from './release.js';

// Two nodes: the API and the UI spread over both (ci/kind-values.yaml makes the spread strict), and
// draining the worker under load moves them without a failed request.
const SPREAD: Component[] = ['backend', 'frontend'];
const nodes = () => kubectl('get', 'nodes', '-o', 'jsonpath={.items[*].metadata.name}').split(' ');
const worker = () => {
  const names = kubectl('get', 'nodes', '-l', '!node-role.kubernetes.io/control-plane', '-o', 'name');
  return names.trim().replace(/^node\//, '');
};
const nodesOf = (component: Component) => new Set(podsOf(component).map((pod) => pod.node));

/** Restarts the Deployments and waits for them: new pods spread again over the nodes there are. */
function respread() {
  for (const component of SPREAD) kubectl('rollout', 'restart', `deployment/${name(component)}`);
  for (const component of SPREAD) kubectl('rollout', 'status', `deployment/${name(component)}`, '--timeout=300s');
}

describe(`release ${RELEASE} on two nodes`, { timeout: 600_000 }, () => {
  const user = new StackClient(baseURL);

  beforeAll(async () => {
    await healthIs(baseURL, 200);
    await user.authenticate('sign-up', uniqueEmail('nodes'), 'correct-horse-battery');
  });

  afterAll(() => {
    kubectl('uncordon', worker());
    respread();
  });

  it('has two Ready nodes, and one replica of the API and of the UI on each', () => {
    expect(nodes()).toHaveLength(2);
    for (const component of SPREAD) expect(nodesOf(component), component).toEqual(new Set(nodes()));
  });

  it('drains the worker under load: no request fails, and its pods move to the control plane', async () => {
    const drained = worker();
    const traffic = load(user);
    await kubectlAsync('drain', drained, '--ignore-daemonsets', '--delete-emptydir-data', '--timeout=300s');
    for (const component of SPREAD) {
      await until(`${component} ready beside the drained node`, 180_000, () => {
        const ready = kubectl('get', `deployment/${name(component)}`, '-o', 'jsonpath={.status.readyReplicas}');
        return Number(ready) >= 2 || undefined;
      });
      expect(nodesOf(component).has(drained), `${component} left ${drained}`).toBe(false);
    }
    await traffic.stop();
    console.warn(`drain under load: ${traffic.counts.ok} requests served, ${traffic.counts.failed.length} failed`);
    expect(traffic.counts.failed).toEqual([]);
    expect(traffic.counts.ok).toBeGreaterThan(0);
  });
});
