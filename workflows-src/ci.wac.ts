import { NormalJob, Step, Workflow } from '@github-actions-workflow-ts/lib';
import { TRIVY, uses } from './lib/pins.js';
import {
  checkout,
  clusterDiagnostics,
  hostsAdd,
  exposeCacheRuntime,
  loadImages,
  npmCi,
  npmRun,
  saveImages,
  setupBuildx,
  setupNode,
  trivyImageScan,
  uploadOnFailure,
} from './lib/steps.js';

const RUNNER = 'ubuntu-24.04';

// 1. The committed YAML is what workflows-src generates.
const workflows = new NormalJob('workflows', {
  name: 'Workflows are generated and valid',
  'runs-on': RUNNER,
  'timeout-minutes': 10,
  permissions: { contents: 'read' },
}).addSteps([checkout, setupNode, npmCi, npmRun('gen:workflows -- --check')]);

// 2. Lint, types, and every test suite: unit, integration on PGlite and PostgreSQL, components, browser.
const test = new NormalJob('test', {
  name: 'Lint, typecheck and tests',
  'runs-on': RUNNER,
  'timeout-minutes': 30,
  permissions: { contents: 'read' },
  services: {
    postgres: {
      image: 'postgres:17',
      env: { POSTGRES_PASSWORD: 'postgres' },
      ports: ['5432:5432'],
      options: '--health-cmd "pg_isready -U postgres" --health-interval 5s --health-timeout 5s --health-retries 10',
    },
  },
  env: {
    TEST_DATABASE_URL: 'postgres://postgres:postgres@127.0.0.1:5432/postgres',
    // GitHub's Ubuntu runners ship Google Chrome rather than Debian's Chromium.
    CHROMIUM_PATH: '/usr/bin/google-chrome',
  },
}).addSteps([
  checkout,
  setupNode,
  npmCi,
  npmRun('lint'),
  npmRun('typecheck'),
  npmRun('build'),
  npmRun('test:report'),
  new Step({
    id: 'test-summary',
    name: 'Summarise test results',
    if: 'always()',
    uses: './.github/actions/e2e-summary',
    with: { report: 'test-results/vitest.json', title: 'Tests' },
  }),
  uploadOnFailure('test-results', 'test-results/'),
]);

// 3. Both images, built with buildx and the GitHub cache, held to their budgets and rules.
const images = new NormalJob('images', {
  name: 'Build and check the images',
  'runs-on': RUNNER,
  'timeout-minutes': 30,
  permissions: { contents: 'read' },
}).addSteps([
  checkout,
  setupNode,
  npmCi,
  setupBuildx,
  exposeCacheRuntime,
  npmRun('images:build', {
    IMAGE_CACHE_FROM: 'type=gha,scope={name}',
    IMAGE_CACHE_TO: 'type=gha,mode=max,scope={name}',
  }),
  npmRun('images:check'),
  ...saveImages,
]);

// Under act (npm run act), artifacts cannot pass between jobs: the jobs that take the images skip.
const NOT_UNDER_ACT = '${{ !github.event.act }}';

// 4. Trivy on each image: every finding to code scanning, and a gate on fixable HIGH/CRITICAL ones.
const scan = new NormalJob('scan', {
  name: 'Scan ${{ matrix.image }}',
  if: NOT_UNDER_ACT,
  'runs-on': RUNNER,
  'timeout-minutes': 20,
  permissions: { contents: 'read', 'security-events': 'write', 'pull-requests': 'write' },
  strategy: { 'fail-fast': false, matrix: { image: ['todo-backend', 'todo-frontend'] } },
})
  .needs([images])
  .addSteps([
    checkout,
    ...loadImages,
    ...trivyImageScan('${{ matrix.image }}:dev', '${{ matrix.image }}', { comment: true }),
  ]);

// 5. The chart: lint, render, schemas, unknown fields, policies; then kubeconform's own schemas.
const chart = new NormalJob('chart', {
  name: 'Chart lint, render and validation',
  'runs-on': RUNNER,
  'timeout-minutes': 15,
  permissions: { contents: 'read' },
}).addSteps([
  checkout,
  setupNode,
  npmCi,
  npmRun('chart:check'),
  new Step({
    id: 'kubeconform',
    name: 'Install kubeconform v0.7.0',
    run: 'go install github.com/yannh/kubeconform/cmd/kubeconform@v0.7.0\necho "$(go env GOPATH)/bin" >> "$GITHUB_PATH"',
  }),
  npmRun('chart:kubeconform'),
]);

// Trivy on the Dockerfiles, compose file and chart (rendered with its defaults).
const configScan = new NormalJob('config-scan', {
  name: 'Scan the Dockerfiles and the chart',
  'runs-on': RUNNER,
  'timeout-minutes': 10,
  permissions: { contents: 'read', 'pull-requests': 'write' },
}).addSteps([
  checkout,
  new Step({
    id: 'trivy-config',
    name: 'Trivy config scan',
    uses: uses('trivy'),
    with: {
      ...TRIVY,
      'scan-type': 'config',
      'scan-ref': '.',
      format: 'json',
      output: 'trivy-config.json',
      'skip-dirs': 'node_modules',
    },
  }),
  new Step({
    id: 'gate',
    name: 'Report, and fail on HIGH or CRITICAL',
    uses: './.github/actions/scan-report',
    with: { report: 'trivy-config.json', title: 'Trivy: configuration', 'severity-threshold': 'HIGH' },
  }),
]);

// 6. The chart on a real Kubernetes: kind, the Ingress, the suites, helm test, then faults.
const e2eKind = new NormalJob('e2e-kind', {
  name: 'Deploy to kind and test end to end',
  if: NOT_UNDER_ACT,
  'runs-on': RUNNER,
  'timeout-minutes': 45,
  permissions: { contents: 'read' },
  env: { CHROMIUM_PATH: '/usr/bin/google-chrome' },
})
  .needs([images, chart])
  .addSteps([
    checkout,
    setupNode,
    npmCi,
    ...loadImages,
    new Step({
      id: 'kind',
      name: 'Create the kind cluster from kind-config.yaml',
      uses: uses('kind'),
      with: { version: 'v0.32.0', config: 'kind-config.yaml', cluster_name: 'todo-chatbot' },
    }),
    npmRun('cluster:deploy -- --skip-build'),
    hostsAdd(),
    npmRun('test:e2e', { E2E_BASE_URL: 'http://todo.local' }),
    npmRun('cluster:test'),
    npmRun('test:cluster'),
    ...clusterDiagnostics,
    uploadOnFailure('kind-test-results', 'test-results/'),
  ]);

// 7. The compose stack from those images: browser and API suites, then restarts and an outage.
const stack = new NormalJob('stack', {
  name: 'End-to-end on the compose stack',
  if: NOT_UNDER_ACT,
  'runs-on': RUNNER,
  'timeout-minutes': 30,
  permissions: { contents: 'read' },
  env: { CHROMIUM_PATH: '/usr/bin/google-chrome' },
})
  .needs([images])
  .addSteps([
    checkout,
    setupNode,
    npmCi,
    ...loadImages,
    npmRun('stack:up'),
    npmRun('test:e2e'),
    npmRun('test:stack'),
    new Step({
      id: 'stack-logs',
      name: 'Debug on failure: services and logs',
      if: 'failure()',
      run: 'npm run stack:logs',
    }),
    uploadOnFailure('stack-test-results', 'test-results/'),
  ]);

// The one required status check: green only when every job it needs succeeded.
const NEEDED = [workflows, test, images, scan, configScan, chart, stack, e2eKind];
const ciSuccess = new NormalJob('ci-success', {
  name: 'CI success',
  'runs-on': RUNNER,
  'timeout-minutes': 5,
  permissions: {},
  if: 'always()',
})
  .needs(NEEDED)
  .addStep(
    new Step({
      id: 'verdict',
      name: 'Fail unless every needed job succeeded',
      env: { RESULTS: `\${{ join(needs.*.result, ' ') }}` },
      run: 'echo "results: $RESULTS"\nfor result in $RESULTS; do\n  [ "$result" = success ] || exit 1\ndone',
    }),
  );

export const ci = new Workflow('ci', {
  name: 'CI',
  on: { push: { branches: ['main'] }, pull_request: {} },
  permissions: {},
  concurrency: {
    group: `\${{ github.workflow }}-\${{ github.event.pull_request.number || github.ref }}`,
    'cancel-in-progress': `\${{ github.event_name == 'pull_request' }}`,
  },
}).addJobs([...NEEDED, ciSuccess]);
