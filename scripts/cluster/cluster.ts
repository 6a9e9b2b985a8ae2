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
import { HOST, PUBLIC_URL, RELEASE } from '../../project/names.js';
import { TOOLCHAIN } from '../../project/toolchain.js';
import { docker } from '../lib/docker.js';
import { helmBinary, kubectlBinary } from '../lib/tools.js';
import { parseCommandLine } from '../lib/cli.js';
import { isMain } from '../lib/main.js';
import { deployPlan, offlineCluster } from './deploy.js';
import { downPlan } from './down.js';
import { CLI, type Options } from './options.js';
import { execute, missingTools, type Step, type Tool } from './plan.js';
import { upPlan } from './up.js';

const TOOLS: Record<string, Tool> = {
  docker: { name: 'docker', binary: docker, install: 'install Docker Engine (Debian: apt-get install docker.io)' },
  kind: {
    name: 'kind',
    binary: 'kind',
    install: `go install sigs.k8s.io/kind@${TOOLCHAIN.KIND_VERSION} (or see kind.sigs.k8s.io)`,
  },
  minikube: { name: 'minikube', binary: 'minikube', install: 'see https://minikube.sigs.k8s.io/docs/start/' },
};

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
