/**
 * What a kind cluster gets before the release, on GitHub and offline alike (cluster/): Traefik as
 * the ingress controller and metrics-server for the autoscaler. GitHub's kind pulls their images;
 * the offline node image carries stand-ins under the same names.
 */
import { INGRESS } from '../../project/names.js';
import type { Step } from './plan.js';

const METRICS_API = 'apiservice/v1beta1.metrics.k8s.io';

export const addonSteps = (kubectl: string): Step[] => [
  {
    title: `the ingress controller: Traefik, class ${INGRESS.kind.className} (cluster/traefik.yaml)`,
    command: [kubectl, 'apply', '-f', 'cluster/traefik.yaml'],
  },
  {
    title: 'metrics-server, for the autoscaler (cluster/metrics-server.yaml)',
    command: [kubectl, 'apply', '-f', 'cluster/metrics-server.yaml'],
  },
  {
    // rollout status, not `wait pod`: right after the apply the pods may not exist yet.
    title: 'wait for Traefik',
    command: [kubectl, '-n', INGRESS.kind.namespace, 'rollout', 'status', 'deployment/traefik', '--timeout=180s'],
  },
  {
    title: 'wait for metrics-server',
    command: [kubectl, '-n', 'kube-system', 'rollout', 'status', 'deployment/metrics-server', '--timeout=180s'],
  },
  {
    // Only now: see cluster/metrics-api.yaml.
    title: 'register the metrics API, served by metrics-server, and wait until it answers',
    command: [
      'sh',
      '-c',
      '"$KUBECTL" apply -f cluster/metrics-api.yaml && "$KUBECTL" wait "$API" --for=condition=Available --timeout=120s',
    ],
    env: { KUBECTL: kubectl, API: METRICS_API },
  },
];
