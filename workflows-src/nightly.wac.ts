import { Step, Workflow } from '@github-actions-workflow-ts/lib';
import { CLUSTER, INGRESS, PUBLIC_URL } from '../project/names.js';
import { checkoutWithTags, clusterDiagnostics, hostsAdd, IMAGE_MATRIX, npmRun, setupHelm } from './lib/steps.js';
import * as action from './lib/bindings/actions.js';
import { job } from './lib/job.js';
import { trivyImageScan } from './lib/trivy.js';

// The newest release's images and chart: still signed by the release workflow, with provenance.
const HAS_RELEASE = "steps.tag.outputs.tag != ''";
const verify = job('verify-release', {
  name: 'Verify the signatures and provenance of the latest release',
  minutes: 15,
  permissions: { contents: 'read', packages: 'read', attestations: 'read' },
}).addSteps([
  checkoutWithTags,
  new Step({
    id: 'tag',
    name: 'Find the latest release',
    'timeout-minutes': 1,
    run: [
      'tag=$(bash scripts/release/latest-tag.sh)',
      'if [ -n "$tag" ]; then',
      '  echo "tag=$tag" >> "$GITHUB_OUTPUT"',
      'else',
      '  echo "::notice::no release tag yet: nothing to verify"',
      'fi',
    ].join('\n'),
  }),
  action.login({
    id: 'login',
    name: 'Log in to GHCR',
    if: HAS_RELEASE,
    'timeout-minutes': 2,
    with: { registry: 'ghcr.io', username: '${{ github.actor }}', password: '${{ secrets.GITHUB_TOKEN }}' },
  }),
  action.cosignInstaller({ id: 'cosign', name: 'Install cosign', if: HAS_RELEASE, 'timeout-minutes': 5 }),
  setupHelm(HAS_RELEASE),
  new Step({
    id: 'verify',
    name: 'cosign verify and gh attestation verify, by digest',
    if: HAS_RELEASE,
    'timeout-minutes': 5,
    env: {
      TAG: '${{ steps.tag.outputs.tag }}',
      TOKEN: '${{ secrets.GITHUB_TOKEN }}',
      GH_TOKEN: '${{ github.token }}',
      ACTOR: '${{ github.actor }}',
    },
    run: [
      'printf \'%s\' "$TOKEN" | helm registry login ghcr.io --username "$ACTOR" --password-stdin',
      // A failure to resolve stops the step here (a process substitution would hide it).
      'refs=$(scripts/release/released-refs.sh "ghcr.io/$GITHUB_REPOSITORY_OWNER" "$TAG")',
      '# shellcheck disable=SC2086 # one ref a line',
      'scripts/release/verify.sh "$GITHUB_REPOSITORY" $refs',
    ].join('\n'),
  }),
]);

// The newest released images, scanned again against today's vulnerability database.
const rescan = job('rescan', {
  name: 'Rescan ${{ matrix.image }} of the latest release',
  minutes: 20,
  permissions: { contents: 'read', actions: 'read', packages: 'read', 'security-events': 'write' },
  strategy: { 'fail-fast': false, matrix: IMAGE_MATRIX },
}).addSteps([
  checkoutWithTags,
  new Step({
    id: 'latest',
    name: 'Find the latest release',
    'timeout-minutes': 1,
    run: [
      'tag=$(bash scripts/release/latest-tag.sh)',
      'if [ -z "$tag" ]; then',
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
const minikube = job('minikube', {
  name: 'Deploy to Minikube and test end to end',
  minutes: 45,
  browser: true,
  node: true,
}).addSteps([
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
    run: `echo "ip=$(minikube ip --profile ${CLUSTER})" >> "$GITHUB_OUTPUT"`,
  }),
  hostsAdd('${{ steps.ip.outputs.ip }}'),
  npmRun('test:e2e', { env: { E2E_BASE_URL: PUBLIC_URL }, minutes: 15 }),
  npmRun('cluster:helm-test'),
  ...clusterDiagnostics({ 'ingress-namespace': INGRESS.minikube.namespace }),
]);

export const nightly = new Workflow('nightly', {
  name: 'Nightly',
  on: { schedule: [{ cron: '17 3 * * *' }], workflow_dispatch: {} },
  permissions: {},
  concurrency: { group: 'nightly', 'cancel-in-progress': false },
  defaults: { run: { shell: 'bash' } },
}).addJobs([rescan, verify, minikube]);
