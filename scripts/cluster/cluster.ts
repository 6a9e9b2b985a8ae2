/**
 * npm run cluster:up [-- --minikube] [--dry-run]
 * npm run cluster:deploy [-- --minikube] [--skip-build] [--namespace todo] [--dry-run]
 * npm run cluster:down [-- --minikube] [--delete-cluster] [--images] [--dry-run]
 * npm run cluster:test [-- --namespace todo] — helm test of the release
 *
 * kind by default, from kind-config.yaml; Minikube with --minikube (4 GB, 2 CPUs, ingress and
 * metrics-server addons). Every command is printed before it runs; --dry-run only prints them.
 */
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { IMAGES, imageRef } from '../images/images.js';
import { docker, repoRoot } from '../lib/docker.js';
import { helmBinary, kubectlBinary } from '../lib/tools.js';
import { execute, missingTools, parseOptions, type Step, type Tool } from './plan.js';

export const CLUSTER = (load(readFileSync(`${repoRoot}/kind-config.yaml`, 'utf8')) as { name: string }).name;
export const RELEASE = 'todo-chatbot';
const CHART = 'helm/todo-chatbot';
const INGRESS_NGINX =
  'https://raw.githubusercontent.com/kubernetes/ingress-nginx/controller-v1.15.1/deploy/static/provider/kind/deploy.yaml';

const TOOLS: Record<string, Tool> = {
  docker: { name: 'docker', binary: docker, install: 'install Docker Engine (Debian: apt-get install docker.io)' },
  kind: { name: 'kind', binary: 'kind', install: 'go install sigs.k8s.io/kind@v0.32.0 (or see kind.sigs.k8s.io)' },
  minikube: { name: 'minikube', binary: 'minikube', install: 'see https://minikube.sigs.k8s.io/docs/start/' },
};

type Options = {
  minikube: boolean;
  'dry-run': boolean;
  'skip-build': boolean;
  namespace: string;
  'delete-cluster': boolean;
  images: boolean;
};

function upPlan(o: Options): Step[] {
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
  return [
    {
      title: `create the kind cluster ${CLUSTER} from kind-config.yaml`,
      command: ['kind', 'create', 'cluster', '--config', 'kind-config.yaml', '--wait', '120s'],
    },
  ];
}

function deployPlan(o: Options, helm: string, kubectl: string): Step[] {
  const images = IMAGES.map(imageRef);
  const namespace = o.namespace;
  return [
    ...(o['skip-build'] ? [] : [{ title: 'build the images', command: ['npm', 'run', '-s', 'images:build'] }]),
    o.minikube
      ? {
          title: 'load the images into Minikube',
          command: ['minikube', 'image', 'load', '--profile', CLUSTER, ...images],
        }
      : { title: 'load the images into kind', command: ['kind', 'load', 'docker-image', '--name', CLUSTER, ...images] },
    ...(o.minikube
      ? []
      : [
          {
            title: 'install the ingress controller (ingress-nginx, kind flavour)',
            command: [kubectl, 'apply', '-f', INGRESS_NGINX],
          },
          {
            // rollout status, not `wait pod`: right after the apply the pods may not exist yet. The
            // controller mounts the webhook certificate the admission job makes: Ready implies both.
            title: 'wait for the ingress controller',
            command: [
              kubectl,
              '-n',
              'ingress-nginx',
              'rollout',
              'status',
              'deployment/ingress-nginx-controller',
              '--timeout=300s',
            ],
          },
        ]),
    {
      title: `namespace ${namespace}, enforcing Pod Security "restricted"`,
      command: [
        'sh',
        '-c',
        `"$KUBECTL" create namespace "$NS" --dry-run=client -o yaml | "$KUBECTL" apply -f - && "$KUBECTL" label namespace "$NS" pod-security.kubernetes.io/enforce=restricted --overwrite`,
      ],
      env: { KUBECTL: kubectl, NS: namespace },
    },
    {
      title: 'install or upgrade the release, rolled back if it does not become ready',
      command: [
        helm,
        'upgrade',
        '--install',
        RELEASE,
        CHART,
        '--namespace',
        namespace,
        '--values',
        `${CHART}/ci/kind-values.yaml`,
        '--wait',
        '--atomic',
        '--timeout',
        '6m',
      ],
    },
    { title: 'show the pods', command: [kubectl, 'get', 'pods', '--namespace', namespace, '-o', 'wide'] },
  ];
}

function downPlan(o: Options, helm: string): Step[] {
  return [
    {
      title: 'uninstall the release',
      command: [helm, 'uninstall', RELEASE, '--namespace', o.namespace, '--ignore-not-found', '--wait'],
    },
    ...(o['delete-cluster']
      ? [
          o.minikube
            ? { title: 'delete Minikube', command: ['minikube', 'delete', '--profile', CLUSTER] }
            : { title: 'delete the kind cluster', command: ['kind', 'delete', 'cluster', '--name', CLUSTER] },
        ]
      : []),
    ...(o.images ? [{ title: 'remove the images', command: [docker, 'image', 'rm', ...IMAGES.map(imageRef)] }] : []),
  ];
}

if (import.meta.main) {
  const [command, ...args] = process.argv.slice(2);
  try {
    const o = parseOptions<Options>(args, {
      minikube: false,
      'dry-run': false,
      'skip-build': false,
      namespace: 'todo',
      'delete-cluster': false,
      images: false,
    });
    const provider = o.minikube ? TOOLS.minikube! : TOOLS.kind!;
    const needs = (command === 'down' && !o['delete-cluster']) || command === 'test' ? [] : [TOOLS.docker!, provider];
    const missing = missingTools(needs);
    if (missing.length && !o['dry-run']) throw new Error(missing.join('; '));
    for (const line of missing) console.log(`(dry run) ${line}`);
    const helm = o['dry-run'] ? 'helm' : helmBinary();
    const kubectl = o['dry-run'] ? 'kubectl' : kubectlBinary();
    const plans: Record<string, () => Step[]> = {
      up: () => upPlan(o),
      deploy: () => deployPlan(o, helm, kubectl),
      down: () => downPlan(o, helm),
      test: () => [
        {
          title: 'helm test: the API, the UI and its proxy, through the Services',
          command: [helm, 'test', RELEASE, '--namespace', o.namespace, '--logs'],
        },
      ],
    };
    const plan = plans[command ?? ''];
    if (!plan) throw new Error('usage: tsx scripts/cluster/cluster.ts up | deploy | down | test [options]');
    execute(plan(), o['dry-run']);
    if (command === 'deploy' && !o['dry-run']) {
      console.log(
        `\nready: http://todo.local (this machine needs "127.0.0.1 todo.local" in /etc/hosts: sudo npm run hosts:add)`,
      );
    }
  } catch (error) {
    console.error(`cluster:${command ?? ''}: ${(error as Error).message}`);
    process.exit(1);
  }
}
