/**
 * cluster:deploy's plan: the images built and loaded (with the database's on the offline cluster),
 * the restricted namespace, Traefik and metrics-server on kind, then the release with Helm.
 */
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { CHART_DIR, CLUSTER, INGRESS, NAMESPACE, RELEASE } from '../../project/names.js';
import { repoRoot } from '../../project/root.js';
import { IMAGES, imageRef } from '../images/images.js';
import { capture, docker } from '../lib/docker.js';
import { addonSteps } from './addons.js';
import type { Options } from './options.js';
import type { Step } from './plan.js';
import { OFFLINE_NODE_IMAGE } from './up.js';

const CONTROL_PLANE = `${CLUSTER}-control-plane`; // kind's name for the node's container

/** The cluster runs the offline node image: cluster:deploy has no registry to pull the database from. */
export function offlineCluster(): boolean {
  const node = capture(docker, ['inspect', '--format', '{{.Config.Image}}', CONTROL_PLANE]);
  return node.status === 0 && node.stdout.trim() === OFFLINE_NODE_IMAGE;
}

/** The chart's PostgreSQL image: on an offline cluster it is loaded like the app's own. */
function postgresImage(): string {
  const values = load(readFileSync(`${repoRoot}/${CHART_DIR}/values.yaml`, 'utf8')) as {
    postgresql: { image: { repository: string; tag: string } };
  };
  return `${values.postgresql.image.repository}:${values.postgresql.image.tag}`;
}

export function deployPlan(o: Options, helm: string, kubectl: string, offline: boolean): Step[] {
  const images = [...IMAGES.map(imageRef), ...(offline ? [postgresImage()] : [])];
  const namespace = o.namespace;
  if (o.chart && offline) throw new Error('--chart needs a registry for its images: not on the offline cluster');
  if (!o.minikube && namespace !== NAMESPACE) {
    throw new Error(
      `--namespace ${namespace}: the cluster's Traefik serves the namespace ${NAMESPACE} only (cluster/traefik.yaml)`,
    );
  }
  const published = o.chart ? [o.chart, ...(o['chart-version'] ? ['--version', o['chart-version']] : [])] : undefined;
  // A published chart pulls its images from its registry: nothing to build or load.
  const localImages: Step[] = published
    ? []
    : [
        ...(o['skip-build'] ? [] : [{ title: 'build the images', command: ['npm', 'run', '-s', 'images:build'] }]),
        o.minikube
          ? {
              title: 'load the images into Minikube',
              command: ['minikube', 'image', 'load', '--profile', CLUSTER, ...images],
            }
          : {
              title: 'load the images into kind',
              command: ['kind', 'load', 'docker-image', '--name', CLUSTER, ...images],
            },
      ];
  const ingress = o.minikube ? INGRESS.minikube : INGRESS.kind;
  return [
    ...localImages,
    {
      title: `namespace ${namespace}, enforcing Pod Security "restricted"`,
      command: [
        'sh',
        '-c',
        `"$KUBECTL" create namespace "$NS" --dry-run=client -o yaml | "$KUBECTL" apply -f - && "$KUBECTL" label namespace "$NS" pod-security.kubernetes.io/enforce=restricted --overwrite`,
      ],
      env: { KUBECTL: kubectl, NS: namespace },
    },
    // After the namespace: Traefik's Role is in it.
    ...(o.minikube ? [] : addonSteps(kubectl)),
    {
      // No --atomic: a failed first install would be deleted before the diagnostics read it.
      title: 'install or upgrade the release, and wait until it is ready',
      command: [
        helm,
        'upgrade',
        '--install',
        RELEASE,
        ...(published ?? [CHART_DIR]),
        '--namespace',
        namespace,
        // The images built and loaded here; a published chart pulls its own by digest.
        ...(published ? [] : ['--values', `${CHART_DIR}/ci/kind-values.yaml`]),
        // Said even where they are the chart's defaults: a published chart may have others.
        '--set',
        `ingress.className=${ingress.className}`,
        '--set-json',
        `networkPolicy.ingressNamespaceSelector=${JSON.stringify({ matchLabels: { 'kubernetes.io/metadata.name': ingress.namespace } })}`,
        '--wait',
        '--timeout',
        '6m',
      ],
    },
    { title: 'show the pods', command: [kubectl, 'get', 'pods', '--namespace', namespace, '-o', 'wide'] },
  ];
}
