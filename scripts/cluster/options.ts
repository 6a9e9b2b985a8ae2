/** The command line of the cluster scripts (cluster.ts), and the options each plan reads. */
import { CHART_DIR, CHART_NAME, NAMESPACE } from '../../project/names.js';
import type { Parsed } from '../lib/cli.js';

export const CLI = {
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
export type Options = Omit<Parsed<typeof CLI.options>, 'args'>;
