import { NormalJob, Step, Workflow } from '@github-actions-workflow-ts/lib';
import { checkout, NOT_UNDER_ACT_STEP, npmCi, npmRun, setupBuildx, setupNodeUncached } from './lib/steps.js';
import * as action from './lib/bindings/actions.js';

const RUNNER = 'ubuntu-24.04';
const REGISTRY = 'ghcr.io/${{ github.repository_owner }}';

const ghcrLogin = action.login({
  id: 'login',
  if: NOT_UNDER_ACT_STEP,
  name: 'Log in to GHCR',
  'timeout-minutes': 2,
  with: { registry: 'ghcr.io', username: '${{ github.actor }}', password: '${{ secrets.GITHUB_TOKEN }}' },
});

// Both images, built by the same script as in CI, pushed with an SBOM and provenance.
const images = new NormalJob('images', {
  name: 'Publish the images',
  'runs-on': RUNNER,
  'timeout-minutes': 30,
  // BuildKit attaches the SBOM and provenance to the pushed manifest: packages: write is enough.
  permissions: { contents: 'read', packages: 'write' },
}).addSteps([
  checkout,
  setupNodeUncached,
  npmCi,
  setupBuildx,
  ghcrLogin,
  // Under act nothing is pushed: no registry credentials there.
  new Step({
    ...npmRun('images:build', {
      env: { IMAGE_REGISTRY: REGISTRY, IMAGE_TAG: '${{ github.ref_name }}', IMAGE_PUSH: 'true' },
      minutes: 25,
    }).step,
    if: NOT_UNDER_ACT_STEP,
  }),
]);

// The chart as an OCI artifact, its images pointing at this release's.
const chart = new NormalJob('chart', {
  name: 'Publish the chart',
  'runs-on': RUNNER,
  'timeout-minutes': 10,
  permissions: { contents: 'read', packages: 'write' },
})
  .needs([images])
  .addSteps([
    checkout,
    action.setupHelm({
      id: 'setup-helm',
      name: 'Set up Helm',
      'timeout-minutes': 5,
      with: { version: 'v3.21.4' },
    }),
    new Step({
      id: 'publish',
      name: 'Package and push the chart',
      if: NOT_UNDER_ACT_STEP,
      'timeout-minutes': 5,
      env: {
        TAG: '${{ github.ref_name }}',
        REGISTRY,
        TOKEN: '${{ secrets.GITHUB_TOKEN }}',
        ACTOR: '${{ github.actor }}',
      },
      run: [
        'printf \'%s\' "$TOKEN" | helm registry login ghcr.io --username "$ACTOR" --password-stdin',
        'scripts/chart/publish.sh "${TAG#v}" "$REGISTRY"',
      ].join('\n'),
    }),
  ]);

export const release = new Workflow('release', {
  name: 'Release',
  on: { push: { tags: ['v*.*.*'] } },
  permissions: {},
  defaults: { run: { shell: 'bash' } },
  concurrency: { group: 'release-${{ github.ref }}', 'cancel-in-progress': false },
}).addJobs([images, chart]);
