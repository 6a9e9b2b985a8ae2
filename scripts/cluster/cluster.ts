/**
 * npm run cluster:up [-- --minikube | --offline] [--dry-run]
 * npm run cluster:deploy [-- --minikube | --offline] [--skip-build] [--namespace todo] [--dry-run]
 * npm run cluster:down [-- --minikube] [--delete-cluster] [--images] [--dry-run]
 * npm run cluster:helm-test [-- --namespace todo] — helm test of the release
 *
 * kind by default, from kind-config.yaml (two nodes), with Traefik and metrics-server (cluster/);
 * Minikube with --minikube (4 GB, 2 CPUs, its ingress and metrics-server addons). When kind's node
 * image cannot be pulled (or with --offline), cluster:up builds one from Debian packages and Go
 * modules (docker/offline/kind-node, docs/offline.md), and cluster:deploy then loads the database's
 * image too. Every command is printed before it runs; --dry-run only prints them.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { IMAGES, imageRef } from '../images/images.js';
import { repoRoot } from '../../project/root.js';
import {
  CHART_DIR,
  CHART_NAME,
  CLUSTER,
  HOST,
  INGRESS,
  NAMESPACE,
  OFFLINE_NODE_IMAGE_NAME,
  PUBLIC_URL,
  RELEASE,
} from '../../project/names.js';
import { TOOLCHAIN } from '../../project/toolchain.js';
import { capture, docker } from '../lib/docker.js';
import { helmBinary, kubectlBinary } from '../lib/tools.js';
import { parseCommandLine, type Parsed } from '../lib/cli.js';
import { isMain } from '../lib/main.js';
import { addonSteps } from './addons.js';
import { execute, missingTools, type Step, type Tool } from './plan.js';

const CONTROL_PLANE = `${CLUSTER}-control-plane`; // kind's name for the node's container
const OFFLINE_NODE_BUILD = 'docker/offline/kind-node/build.sh';
const OFFLINE_NODE_IMAGE = `${OFFLINE_NODE_IMAGE_NAME}:${TOOLCHAIN.OFFLINE_KUBERNETES_VERSION}`;

const TOOLS: Record<string, Tool> = {
  docker: { name: 'docker', binary: docker, install: 'install Docker Engine (Debian: apt-get install docker.io)' },
  kind: {
    name: 'kind',
    binary: 'kind',
    install: `go install sigs.k8s.io/kind@${TOOLCHAIN.KIND_VERSION} (or see kind.sigs.k8s.io)`,
  },
  minikube: { name: 'minikube', binary: 'minikube', install: 'see https://minikube.sigs.k8s.io/docs/start/' },
};

const CLI = {
  usage: 'npm run cluster:up | cluster:deploy | cluster:down | cluster:helm-test -- [options]',
  about:
    'up makes the cluster (kind from kind-config.yaml, or Minikube); deploy builds and loads the images and\n' +
    'installs the chart with Helm; down uninstalls it (and more on request); helm-test runs helm test.\n' +
    'Every command is printed before it runs.',
  options: {
    minikube: {
      default: false,
      description: 'Minikube (4 GB, 2 CPUs, ingress and metrics-server addons) instead of kind',
    },
    offline: { default: false, description: 'kind on a node image built here from Debian and Go modules (up, deploy)' },
    'dry-run': { default: false, description: 'print the commands and run none' },
    'skip-build': { default: false, description: 'deploy the images already built instead of building them' },
    chart: {
      default: '',
      description: `deploy: a published chart (oci://…/${CHART_NAME}) instead of ${CHART_DIR}; its images come from its registry, so nothing is built or loaded`,
    },
    'chart-version': { default: '', description: 'deploy: the version of --chart (its newest when empty)' },
    namespace: { default: NAMESPACE, description: 'the namespace of the release (deploy, test)' },
    'delete-cluster': { default: false, description: 'down: delete the cluster too' },
    images: { default: false, description: 'down: remove the images from Docker too' },
  },
} as const;
type Options = Omit<Parsed<typeof CLI.options>, 'args'>;

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

/** The cluster runs the offline node image: cluster:deploy has no registry to pull the database from. */
function offlineCluster(): boolean {
  const node = capture(docker, ['inspect', '--format', '{{.Config.Image}}', CONTROL_PLANE]);
  return node.status === 0 && node.stdout.trim() === OFFLINE_NODE_IMAGE;
}

function upPlan(o: Options, kubectl: string): Step[] {
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

/** The chart's PostgreSQL image: on an offline cluster it is loaded like the app's own. */
function postgresImage(): string {
  const values = load(readFileSync(`${repoRoot}/${CHART_DIR}/values.yaml`, 'utf8')) as {
    postgresql: { image: { repository: string; tag: string } };
  };
  return `${values.postgresql.image.repository}:${values.postgresql.image.tag}`;
}

function deployPlan(o: Options, helm: string, kubectl: string, offline: boolean): Step[] {
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

// Deleting the cluster takes the release with it, and must work when the cluster no longer answers.
function downPlan(o: Options, helm: string): Step[] {
  const uninstall: Step = {
    title: 'uninstall the release',
    command: [helm, 'uninstall', RELEASE, '--namespace', o.namespace, '--ignore-not-found', '--wait'],
  };
  const deleteCluster: Step = o.minikube
    ? { title: 'delete Minikube', command: ['minikube', 'delete', '--profile', CLUSTER] }
    : { title: 'delete the kind cluster', command: ['kind', 'delete', 'cluster', '--name', CLUSTER] };
  return [
    o['delete-cluster'] ? deleteCluster : uninstall,
    ...(o.images ? [{ title: 'remove the images', command: [docker, 'image', 'rm', ...IMAGES.map(imageRef)] }] : []),
  ];
}

if (isMain(import.meta.url)) {
  const [command, ...args] = process.argv.slice(2);
  try {
    const o: Options = parseCommandLine(args, CLI);
    const provider = o.minikube ? TOOLS.minikube! : TOOLS.kind!;
    const needs =
      (command === 'down' && !o['delete-cluster']) || command === 'helm-test' ? [] : [TOOLS.docker!, provider];
    const missing = missingTools(needs);
    if (missing.length && !o['dry-run']) throw new Error(missing.join('; '));
    for (const line of missing) console.log(`(dry run) ${line}`);
    const helm = o['dry-run'] ? 'helm' : helmBinary();
    const kubectl = o['dry-run'] ? 'kubectl' : kubectlBinary();
    const plans: Record<string, () => Step[]> = {
      up: () => upPlan(o, kubectl),
      deploy: () => deployPlan(o, helm, kubectl, offline),
      down: () => downPlan(o, helm),
      'helm-test': () => [
        {
          title: 'helm test: the API, the UI and its proxy, through the Services',
          command: [helm, 'test', RELEASE, '--namespace', o.namespace, '--logs'],
        },
      ],
    };
    const offline = command === 'deploy' && !o.minikube && (o.offline || (!o['dry-run'] && offlineCluster()));
    const plan = plans[command ?? ''];
    if (!plan) throw new Error('usage: tsx scripts/cluster/cluster.ts up | deploy | down | helm-test [options]');
    execute(plan(), o['dry-run']);
    if (command === 'deploy' && !o['dry-run']) {
      console.log(
        `\nready: ${PUBLIC_URL} (this machine needs "127.0.0.1 ${HOST}" in /etc/hosts: sudo npm run hosts:add)`,
      );
    }
  } catch (error) {
    console.error(`cluster:${command ?? ''}: ${(error as Error).message}`);
    process.exit(1);
  }
}
