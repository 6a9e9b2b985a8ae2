import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_DIR, RELEASE } from '../../project/names.js';
import { startProbe, TEST_LABELS } from './probes.js';
import { helm, kubectl, name, namespace, until } from './release.js';

// The chart's HorizontalPodAutoscaler on metrics-server's numbers: CPU load from inside the cluster
// scales the API out, and it comes back to its minimum once the load stops.
const LOADER = 'autoscaling-load';
const MIN = 2;
// Health checks as fast as 16 connections go: each costs the API a little CPU, and /health is not rate-limited.
const LOAD = [
  "const http = require('node:http');",
  'const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });',
  `const hit = () => http.get({ host: '${name('backend')}', port: 8000, path: '/health', agent }, (res) => { res.resume(); res.on('end', hit); }).on('error', () => setTimeout(hit, 100));`,
  'for (let i = 0; i < 16; i++) hit();',
].join('\n');

type Hpa = { status: { currentReplicas?: number; desiredReplicas?: number; currentMetrics?: unknown[] } };
const hpa = () => JSON.parse(kubectl('get', `hpa/${name('backend')}`, '-o', 'json')) as Hpa;
const setAutoscaling = (...values: string[]) =>
  helm(
    'upgrade',
    RELEASE,
    CHART_DIR,
    '--reuse-values',
    ...values.flatMap((v) => ['--set', v]),
    '--wait',
    '--timeout',
    '5m',
  );

describe(`the API's autoscaler in release ${RELEASE}`, { timeout: 600_000 }, () => {
  beforeAll(() => {
    setAutoscaling(
      'autoscaling.enabled=true',
      `autoscaling.minReplicas=${MIN}`,
      'autoscaling.scaleDownStabilizationSeconds=15',
    );
  });

  afterAll(() => {
    kubectl('delete', 'pod', LOADER, '--ignore-not-found', '--wait=false');
    setAutoscaling('autoscaling.enabled=false');
  });

  it('reads the API pods’ CPU from metrics-server', async () => {
    await until('the autoscaler has a CPU reading', 180_000, () =>
      hpa().status.currentMetrics?.length ? true : undefined,
    );
  });

  it('scales out under CPU load, and back to its minimum after it', async () => {
    startProbe(LOADER, namespace, TEST_LABELS, LOAD);
    const peak = await until('more API replicas than the minimum', 240_000, () => {
      const desired = hpa().status.desiredReplicas ?? 0;
      return desired > MIN ? desired : undefined;
    });
    expect(peak).toBeGreaterThan(MIN);
    kubectl('delete', 'pod', LOADER, '--wait=true');
    await until('the API back to its minimum', 240_000, () => {
      const { currentReplicas, desiredReplicas } = hpa().status;
      return currentReplicas === MIN && desiredReplicas === MIN ? true : undefined;
    });
  });
});
