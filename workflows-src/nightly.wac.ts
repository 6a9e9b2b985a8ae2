import { NormalJob, Step, Workflow } from '@github-actions-workflow-ts/lib';
import { checkout, clusterDiagnostics, hostsAdd, npmCi, npmRun, setupNode, trivyImageScan } from './lib/steps.js';
import * as action from './lib/bindings/actions.js';

const RUNNER = 'ubuntu-24.04';

// The newest released images, scanned again against today's vulnerability database.
const rescan = new NormalJob('rescan', {
  name: 'Rescan ${{ matrix.image }} of the latest release',
  'runs-on': RUNNER,
  'timeout-minutes': 20,
  permissions: { contents: 'read', actions: 'read', packages: 'read', 'security-events': 'write' },
  strategy: { 'fail-fast': false, matrix: { image: ['todo-backend', 'todo-frontend'] } },
}).addSteps([
  action.checkout({
    id: 'checkout',
    name: 'Check out with tags',
    'timeout-minutes': 5,
    with: { 'persist-credentials': false, 'fetch-depth': 0 },
  }),
  new Step({
    id: 'latest',
    name: 'Find the latest release',
    'timeout-minutes': 1,
    run: [
      'if ! tag=$(git describe --tags --abbrev=0 --match "v*.*.*" 2>/dev/null); then',
      '  echo "::notice::no release tag yet: nothing to rescan"',
      '  exit 0',
      'fi',
      'echo "ref=ghcr.io/${GITHUB_REPOSITORY_OWNER,,}/${IMAGE}:${tag}" >> "$GITHUB_OUTPUT"',
    ].join('\n'),
    env: { IMAGE: '${{ matrix.image }}' },
  }),
  action.login({
    id: 'login',
    name: 'Log in to GHCR',
    if: "steps.latest.outputs.ref != ''",
    'timeout-minutes': 2,
    with: { registry: 'ghcr.io', username: '${{ github.actor }}', password: '${{ secrets.GITHUB_TOKEN }}' },
  }),
  ...trivyImageScan('${{ steps.latest.outputs.ref }}', 'release-${{ matrix.image }}', {
    comment: false,
    if: "steps.latest.outputs.ref != ''",
  }),
]);

// The deploy job's Minikube variant: the same scripts with --minikube.
const minikube = new NormalJob('minikube', {
  name: 'Deploy to Minikube and test end to end',
  'runs-on': RUNNER,
  'timeout-minutes': 45,
  permissions: { contents: 'read' },
  env: { CHROMIUM_PATH: '/usr/bin/google-chrome' },
}).addSteps([
  checkout,
  setupNode,
  npmCi,
  action.setupMinikube({
    id: 'setup-minikube',
    name: 'Install Minikube',
    'timeout-minutes': 5,
    with: { start: 'false' },
  }),
  npmRun('cluster:up -- --minikube', { minutes: 15 }),
  npmRun('cluster:deploy -- --minikube', { minutes: 20 }),
  new Step({
    id: 'ip',
    name: 'Minikube address',
    'timeout-minutes': 1,
    run: 'echo "ip=$(minikube ip --profile todo-chatbot)" >> "$GITHUB_OUTPUT"',
  }),
  hostsAdd('${{ steps.ip.outputs.ip }}'),
  npmRun('test:e2e', { env: { E2E_BASE_URL: 'http://todo.local' }, minutes: 15 }),
  npmRun('cluster:test'),
  ...clusterDiagnostics({ 'ingress-namespace': 'ingress-nginx' }),
]);

export const nightly = new Workflow('nightly', {
  name: 'Nightly',
  on: { schedule: [{ cron: '17 3 * * *' }], workflow_dispatch: {} },
  permissions: {},
  concurrency: { group: 'nightly', 'cancel-in-progress': false },
  defaults: { run: { shell: 'bash' } },
}).addJobs([rescan, minikube]);
