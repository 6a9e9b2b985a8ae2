import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_DIR, RELEASE } from '../../project/names.js';
import { healthIs, StackClient, uniqueEmail } from './client.js';
import {
  baseURL,
  helm,
  helmAsync,
  kubectl,
  kubectlAsync,
  load as loadOf,
  name,
  namespace,
  selector,
} from './release.js';

// Faults against the release that npm run cluster:deploy installed (npm run test:cluster):
// an upgrade under load, pods deleted, scaling, a rollback. Reached through the Ingress.
// What the upgrade goes to: this checkout's chart, or UPGRADE_CHART (at UPGRADE_CHART_VERSION) over
// an older release, as the release workflow does with the previous release and the new one.
const upgradeTo = process.env.UPGRADE_CHART
  ? [process.env.UPGRADE_CHART.toLowerCase(), '--version', (process.env.UPGRADE_CHART_VERSION ?? '').replace(/^v/, '')]
  : [CHART_DIR];

const user = new StackClient(baseURL);
let conversationId: string;

const snapshot = () => user.snapshot(conversationId);
const healthy = () => healthIs(baseURL, 200);

const load = () => loadOf(user);

describe(`release ${RELEASE} in namespace ${namespace} at ${baseURL}`, { timeout: 600_000 }, () => {
  let before: Awaited<ReturnType<typeof snapshot>>;
  let revision: number;

  beforeAll(async () => {
    await healthy();
    await user.authenticate('sign-up', uniqueEmail('cluster'), 'correct-horse-battery');
    await user.post('/api/tasks', { title: 'Survive the upgrade' });
    conversationId = (
      (await user.post('/api/chat', { message: 'add label the boxes' })).body as { conversationId: string }
    ).conversationId;
    before = await snapshot();
    revision = Number(JSON.parse(helm('status', RELEASE, '--output', 'json')).version);
  });

  afterAll(() => {
    kubectl('scale', `deployment/${name('backend')}`, '--replicas=2');
  });

  it('upgrades (a configuration change rolls every API pod) under load with zero failed requests', async () => {
    const apiPods = async () =>
      (
        JSON.parse(await kubectlAsync('get', 'pods', '-l', selector('backend'), '-o', 'json')) as {
          items: { metadata: { name: string } }[];
        }
      ).items.map((pod) => pod.metadata.name);
    const podsBefore = await apiPods();
    const traffic = load();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await helmAsync(
      'upgrade',
      RELEASE,
      ...upgradeTo,
      '--reuse-values',
      '--set',
      'logLevel=debug',
      '--wait',
      '--timeout',
      '8m',
    );
    // The load goes on until every old API pod has drained and is gone, not only until the new ones are ready.
    for (let waited = 0; (await apiPods()).some((pod) => podsBefore.includes(pod)); waited += 500) {
      if (waited > 120_000) throw new Error(`old API pods still present: ${podsBefore.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await traffic.stop();
    console.warn(`upgrade under load: ${traffic.counts.ok} requests served, ${traffic.counts.failed.length} failed`);
    expect(traffic.counts.failed).toEqual([]);
    expect(traffic.counts.ok).toBeGreaterThan(0);
    // The release name contains the chart's, so the ConfigMap's name is the release name.
    expect(kubectl('get', 'configmap', RELEASE, '-o', 'jsonpath={.data.LOG_LEVEL}')).toBe('debug');
    expect(await snapshot()).toEqual(before);
  });

  it('keeps every task and message when the API and database pods are deleted', async () => {
    kubectl('delete', 'pod', '--selector', selector('backend'), '--wait=true');
    kubectl('delete', 'pod', '--selector', selector('postgresql'), '--wait=true');
    kubectl('rollout', 'status', `statefulset/${name('postgresql')}`, '--timeout=300s');
    kubectl('rollout', 'status', `deployment/${name('backend')}`, '--timeout=300s');
    await healthy();
    expect(await snapshot()).toEqual(before);
  });

  it('scales the API to 3 replicas and back to 2', () => {
    kubectl('scale', `deployment/${name('backend')}`, '--replicas=3');
    kubectl('rollout', 'status', `deployment/${name('backend')}`, '--timeout=300s');
    expect(kubectl('get', `deployment/${name('backend')}`, '-o', 'jsonpath={.status.readyReplicas}')).toBe('3');
    kubectl('scale', `deployment/${name('backend')}`, '--replicas=2');
    kubectl('rollout', 'status', `deployment/${name('backend')}`, '--timeout=300s');
    expect(kubectl('get', `deployment/${name('backend')}`, '-o', 'jsonpath={.status.replicas}')).toBe('2');
  });

  it('rolls back to the revision before the upgrade, data intact', async () => {
    helm('rollback', RELEASE, String(revision), '--wait', '--timeout', '8m');
    const history = JSON.parse(helm('history', RELEASE, '--output', 'json')) as { description: string }[];
    expect(history.at(-1)?.description).toBe(`Rollback to ${revision}`);
    await healthy();
    expect(await snapshot()).toEqual(before);
  });
});
