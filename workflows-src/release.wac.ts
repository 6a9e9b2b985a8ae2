import { Step, Workflow } from '@github-actions-workflow-ts/lib';
import * as action from './lib/bindings/actions.js';
import { job } from './lib/job.js';
import { CHART_NAME, CLUSTER, IMAGE_NAMES, INGRESS } from '../project/names.js';
import {
  checkout,
  checkoutWithTags,
  clusterDiagnostics,
  hostsAdd,
  npmCi,
  npmRun,
  RUNNER,
  setupBuildx,
  setupHelm,
  setupNodeUncached,
} from './lib/steps.js';

const REGISTRY = 'ghcr.io/${{ github.repository_owner }}';
const IMAGES = Object.values(IMAGE_NAMES);

const ghcrLogin = action.login({
  id: 'login',
  name: 'Log in to GHCR',
  'timeout-minutes': 2,
  with: { registry: 'ghcr.io', username: '${{ github.actor }}', password: '${{ secrets.GITHUB_TOKEN }}' },
});

// OCI names are lowercase; the owner's name may not be.
const registryName = new Step({
  id: 'registry',
  name: 'Name the registry in lowercase',
  'timeout-minutes': 1,
  run: 'echo "name=ghcr.io/${GITHUB_REPOSITORY_OWNER,,}" >> "$GITHUB_OUTPUT"',
});
const LOWER_REGISTRY = '${{ steps.registry.outputs.name }}';

const installCosign = action.cosignInstaller({ id: 'cosign', name: 'Install cosign', 'timeout-minutes': 5 });

/** Keyless signature (cosign, Sigstore's public log) and SLSA provenance (GitHub's) of each digest, then both verified. */
const signAttestVerify = (subjects: { name: string; digest: string }[], label: string) => [
  installCosign,
  new Step({
    id: `sign-${label}`,
    name: `Sign the ${label} by digest`,
    'timeout-minutes': 5,
    env: { REFS: subjects.map((s) => `${s.name}@${s.digest}`).join(' ') },
    run: 'for ref in $REFS; do cosign sign --yes "$ref"; done',
  }),
  ...subjects.map((subject, i) =>
    action.attestProvenance({
      id: `attest-${label}-${i + 1}`,
      name: `Attest the provenance of ${subject.name.split('/').at(-1)}`,
      'timeout-minutes': 5,
      with: { 'subject-name': subject.name, 'subject-digest': subject.digest, 'push-to-registry': true },
    }),
  ),
  new Step({
    id: `verify-${label}`,
    name: `Verify the ${label}' signatures and provenance`,
    'timeout-minutes': 5,
    env: { REFS: subjects.map((s) => `${s.name}@${s.digest}`).join(' '), GH_TOKEN: '${{ github.token }}' },
    run: '# shellcheck disable=SC2086 # one ref a word\nscripts/release/verify.sh "$GITHUB_REPOSITORY" $REFS',
  }),
];

// 1. Only a commit whose "CI success" passed is released (waits while CI still runs on it).
const gate = job('gate', {
  name: 'CI passed for this commit',
  minutes: 35,
  permissions: { contents: 'read', checks: 'read' },
}).addSteps([
  checkout,
  setupNodeUncached,
  new Step({
    id: 'ci-passed',
    name: 'Wait for the commit’s CI success',
    'timeout-minutes': 32,
    env: { GITHUB_TOKEN: '${{ github.token }}' },
    run: 'node scripts/release/ci-passed.ts',
  }),
]);

// 2. Each platform built natively on its own runner (no emulation), pushed as <tag>-<arch>.
const images = job('images', {
  name: 'Build the images for ${{ matrix.arch }}',
  'runs-on': '${{ matrix.runner }}',
  minutes: 30,
  // BuildKit attaches the SBOM and its own provenance to each pushed manifest.
  permissions: { contents: 'read', packages: 'write' },
  strategy: {
    'fail-fast': true,
    matrix: {
      include: [
        { arch: 'amd64', runner: RUNNER },
        { arch: 'arm64', runner: 'ubuntu-24.04-arm' },
      ],
    },
  },
  needs: [gate],
}).addSteps([
  checkout,
  setupNodeUncached,
  npmCi,
  setupBuildx,
  ghcrLogin,
  new Step({
    id: 'images-build',
    name: 'npm run images:build, pushed',
    'timeout-minutes': 25,
    env: {
      IMAGE_REGISTRY: REGISTRY,
      IMAGE_PUSH: 'true',
      IMAGE_PLATFORM: 'linux/${{ matrix.arch }}',
      ARCH: '${{ matrix.arch }}',
    },
    // The version label is the tag's (v1.4.0 → 1.4.0), not package.json's.
    run: 'IMAGE_VERSION="${GITHUB_REF_NAME#v}" IMAGE_TAG="$GITHUB_REF_NAME-$ARCH" npm run images:build',
  }),
]);

// 3. One multi-platform image per name at the tag, signed and attested by its digest.
const publish = job('publish', {
  name: 'Publish, sign and attest the images',
  minutes: 15,
  permissions: { contents: 'read', packages: 'write', 'id-token': 'write', attestations: 'write' },
  outputs: {
    'backend-digest': `\${{ steps.manifest.outputs.${IMAGE_NAMES.backend} }}`,
    'frontend-digest': `\${{ steps.manifest.outputs.${IMAGE_NAMES.frontend} }}`,
  },
  needs: [images],
}).addSteps([
  checkout,
  setupBuildx,
  ghcrLogin,
  new Step({
    id: 'manifest',
    name: 'Join the platforms into one image each',
    'timeout-minutes': 5,
    env: { REGISTRY },
    run: 'scripts/release/manifest.sh "$REGISTRY" "$GITHUB_REF_NAME" >> "$GITHUB_OUTPUT"',
  }),
  registryName,
  ...signAttestVerify(
    IMAGES.map((image) => ({
      name: `${LOWER_REGISTRY}/${image}`,
      digest: `\${{ steps.manifest.outputs.${image} }}`,
    })),
    'images',
  ),
]);

// 4. The chart as an OCI artifact, its images pinned to those digests, signed and attested too.
const chart = job('chart', {
  name: 'Publish, sign and attest the chart',
  minutes: 15,
  permissions: { contents: 'read', packages: 'write', 'id-token': 'write', attestations: 'write' },
  needs: [publish],
}).addSteps([
  checkout,
  setupHelm(),
  new Step({
    id: 'publish-chart',
    name: 'Package and push the chart',
    'timeout-minutes': 5,
    env: {
      REGISTRY,
      TOKEN: '${{ secrets.GITHUB_TOKEN }}',
      ACTOR: '${{ github.actor }}',
      BACKEND_DIGEST: '${{ needs.publish.outputs.backend-digest }}',
      FRONTEND_DIGEST: '${{ needs.publish.outputs.frontend-digest }}',
    },
    run: [
      'printf \'%s\' "$TOKEN" | helm registry login ghcr.io --username "$ACTOR" --password-stdin',
      'scripts/chart/publish.sh "${GITHUB_REF_NAME#v}" "$REGISTRY" "$BACKEND_DIGEST" "$FRONTEND_DIGEST" | tee publish.log',
      'tail -n 1 publish.log >> "$GITHUB_OUTPUT"',
    ].join('\n'),
  }),
  action.login({
    id: 'login',
    name: 'Log in to GHCR for cosign',
    'timeout-minutes': 2,
    with: { registry: 'ghcr.io', username: '${{ github.actor }}', password: '${{ secrets.GITHUB_TOKEN }}' },
  }),
  registryName,
  ...signAttestVerify(
    [{ name: `${LOWER_REGISTRY}/charts/${CHART_NAME}`, digest: '${{ steps.publish-chart.outputs.chart-digest }}' }],
    'chart',
  ),
]);

// 5. The upgrade users make: the previous release, installed from its published chart and images,
// upgraded under load to this one (test/e2e/cluster-faults.test.ts): no request fails, every task
// and message is kept. The packages are pulled anonymously, as a public release's are.
const HAS_PREVIOUS = "steps.previous.outputs.tag != ''";
const onlyWithPrevious = (step: Step) => new Step({ ...step.step, if: HAS_PREVIOUS });
const upgrade = job('upgrade', {
  name: 'Upgrade from the previous release under load',
  minutes: 60,
  env: { CHART: `oci://${REGISTRY}/charts/${CHART_NAME}` },
  needs: [chart],
}).addSteps([
  checkoutWithTags,
  new Step({
    id: 'previous',
    name: 'Find the release before this one',
    'timeout-minutes': 1,
    run: [
      'tag=$(bash scripts/release/latest-tag.sh "${GITHUB_REF_NAME}^")',
      'if [ -n "$tag" ]; then',
      '  echo "tag=$tag" >> "$GITHUB_OUTPUT"',
      'else',
      '  echo "::notice::no release before $GITHUB_REF_NAME: nothing to upgrade from"',
      'fi',
    ].join('\n'),
  }),
  ...[setupNodeUncached, npmCi, setupHelm()].map(onlyWithPrevious),
  ...[
    npmRun('cluster:up', { minutes: 15 }),
    npmRun('cluster:deploy -- --chart "${CHART,,}" --chart-version "${PREVIOUS#v}"', {
      env: { PREVIOUS: '${{ steps.previous.outputs.tag }}' },
      minutes: 15,
    }),
    hostsAdd(),
    npmRun('test:cluster', {
      // The faults suite alone: the others would upgrade to this checkout's chart first.
      env: {
        CLUSTER_TESTS: 'faults',
        UPGRADE_CHART: '${{ env.CHART }}',
        UPGRADE_CHART_VERSION: '${{ github.ref_name }}',
      },
      minutes: 20,
    }),
  ].map(onlyWithPrevious),
  ...clusterDiagnostics({ 'ingress-namespace': INGRESS.kind.namespace, 'kind-cluster': CLUSTER }),
]);

export const release = new Workflow('release', {
  name: 'Release',
  on: { push: { tags: ['v*.*.*'] } },
  permissions: {},
  defaults: { run: { shell: 'bash' } },
  concurrency: { group: 'release-${{ github.ref }}', 'cancel-in-progress': false },
}).addJobs([gate, images, publish, chart, upgrade]);
