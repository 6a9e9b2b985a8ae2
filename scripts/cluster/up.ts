/** cluster:up's plan: kind from kind-config.yaml (on the offline node image when none can be pulled), or Minikube. */
import { spawnSync } from 'node:child_process';
import { CLUSTER, OFFLINE_NODE_IMAGE_NAME } from '../../project/names.js';
import { TOOLCHAIN } from '../../project/toolchain.js';
import { docker } from '../lib/docker.js';
import type { Options } from './options.js';
import type { Step } from './plan.js';

const OFFLINE_NODE_BUILD = 'docker/offline/kind-node/build.sh';
export const OFFLINE_NODE_IMAGE = `${OFFLINE_NODE_IMAGE_NAME}:${TOOLCHAIN.OFFLINE_KUBERNETES_VERSION}`;

/** Whether the node image of kind-config.yaml is missing and cannot be pulled (a pull is tried). */
function upstreamNodeUnavailable(o: Options): boolean {
  if (o.offline) return true;
  const image = TOOLCHAIN.KIND_NODE_IMAGE;
  if (o.minikube || o['dry-run'] || spawnSync(docker, ['image', 'inspect', image], { stdio: 'ignore' }).status === 0) {
    return false;
  }
  console.log(`pulling ${image}`);
  if (spawnSync(docker, ['pull', '--quiet', image], { stdio: 'inherit' }).status === 0) return false;
  console.log(`${image} cannot be pulled: building and using ${OFFLINE_NODE_IMAGE} (docs/offline.md)`);
  return true;
}

export function upPlan(o: Options, kubectl: string): Step[] {
  if (o.minikube) {
    return [
      {
        title: 'start Minikube (4 GB, 2 CPUs) with the ingress and metrics-server addons',
        command: [
          'minikube',
          'start',
          '--profile',
          CLUSTER,
          '--memory',
          '4096',
          '--cpus',
          '2',
          '--addons',
          'ingress',
          '--addons',
          'metrics-server',
        ],
      },
    ];
  }
  const create = ['kind', 'create', 'cluster', '--config', 'kind-config.yaml', '--wait', '180s'];
  // kind's --wait covers the control plane; the worker joins on its own time.
  const nodesReady: Step = {
    title: 'wait until every node is Ready',
    command: [kubectl, 'wait', 'node', '--all', '--for=condition=Ready', '--timeout=180s'],
  };
  if (!upstreamNodeUnavailable(o)) {
    return [{ title: `create the kind cluster ${CLUSTER} from kind-config.yaml`, command: create }, nodesReady];
  }
  return [
    {
      title: `build the node image ${OFFLINE_NODE_IMAGE} from Debian packages and Go modules (cached)`,
      command: ['bash', OFFLINE_NODE_BUILD],
    },
    {
      title: `create the kind cluster ${CLUSTER} from kind-config.yaml, on ${OFFLINE_NODE_IMAGE}`,
      command: [...create, '--image', OFFLINE_NODE_IMAGE],
    },
    nodesReady,
  ];
}
