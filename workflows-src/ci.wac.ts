import { Step, Workflow } from '@github-actions-workflow-ts/lib';
import { CLUSTER, INGRESS, PUBLIC_URL } from '../project/names.js';
import { TOOLCHAIN } from '../project/toolchain.js';
import {
  buildCacheEnv,
  checkout,
  clusterDiagnostics,
  exposeCacheRuntime,
  goInstall,
  pipInstall,
  hostsAdd,
  IMAGE_MATRIX,
  installKubectlAi,
  keepResultsUnderAct,
  loadImages,
  NOT_UNDER_ACT_JOB,
  NOT_UNDER_ACT_STEP,
  npmRun,
  saveImages,
  setupBuildx,
  uploadOnFailure,
} from './lib/steps.js';
import * as action from './lib/bindings/actions.js';
import { job } from './lib/job.js';
import { scanReport, setupTrivy, trivyImageScan, trivyRun } from './lib/trivy.js';

/** The job summary of one vitest JSON report (written by a script's run with TEST_REPORT=name). */
const summary = (report: string, title: string) =>
  action.e2eSummary({
    id: `summary-${report}`,
    name: `Summarise ${title}`,
    if: 'always()',
    'timeout-minutes': 2,
    with: { report: `test-results/${report}.json`, title },
  });

// 1. The committed YAML is what workflows-src generates.
const workflows = job('workflows', {
  name: 'Workflows are generated and valid',
  minutes: 15,
  node: true,
}).addSteps([
  npmRun('gen:workflows -- --check'),
  npmRun('gen:stamps -- --check'),
  npmRun('gen:bindings -- --check'),
  ...pipInstall('zizmor'),
  new Step({
    id: 'zizmor',
    name: 'zizmor: the workflows hold no known weakness (.github/zizmor.yml)',
    'timeout-minutes': 5,
    run: 'zizmor --offline .github/workflows',
  }),
]);

// 2. Lint, types, and every test suite: unit, integration on PGlite and PostgreSQL, components, browser.
const test = job('test', {
  name: 'Lint, typecheck and tests',
  minutes: 30,
  services: {
    postgres: {
      image: TOOLCHAIN.POSTGRES_IMAGE,
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
  node: true,
}).addSteps([
  // The workflows suite runs native actionlint, zizmor and trivy, and the chart suite helm-docs,
  // which the runner lacks (under CI=true a missing one fails its test).
  ...goInstall('actionlint'),
  ...goInstall('helm-docs'),
  ...pipInstall('zizmor'),
  setupTrivy,
  npmRun('lint'),
  npmRun('typecheck'),
  npmRun('build'),
  npmRun('test:report', { minutes: 20 }),
  summary('vitest', 'Tests'),
  keepResultsUnderAct,
  uploadOnFailure('test-results', 'test-results/'),
]);

// 3. Both images, built with buildx and the GitHub cache, held to their budgets and rules.
const images = job('images', {
  name: 'Build and check the images',
  minutes: 30,
  node: true,
}).addSteps([
  setupBuildx,
  exposeCacheRuntime,
  npmRun('images:build', {
    minutes: 20,
    env: buildCacheEnv,
  }),
  npmRun('images:check'),
  ...saveImages,
]);

// 4. Trivy on each image: every finding to code scanning, and a gate on fixable HIGH/CRITICAL ones.
// GitHub only: the vulnerability database comes from a registry. upload-sarif reads the run
// (actions: read) in private repositories.
const scan = job('scan', {
  name: 'Scan ${{ matrix.image }}',
  if: NOT_UNDER_ACT_JOB,
  minutes: 20,
  permissions: { contents: 'read', actions: 'read', 'security-events': 'write', 'pull-requests': 'write' },
  strategy: { 'fail-fast': false, matrix: IMAGE_MATRIX },
  needs: [images],
}).addSteps([
  checkout,
  ...loadImages,
  ...trivyImageScan('${{ matrix.image }}:dev', '${{ matrix.image }}', { comment: true }),
]);

// 5. The chart: lint, render, schemas, unknown fields, policies; then kubeconform's own schemas.
const chart = job('chart', {
  name: 'Chart lint, render and validation',
  minutes: 15,
  node: true,
}).addSteps([
  ...goInstall('helm-docs'),
  npmRun('chart:check'),
  ...goInstall('kubeconform'),
  // kubeconform fetches the Kubernetes schemas from GitHub.
  new Step({ ...npmRun('chart:kubeconform').step, if: NOT_UNDER_ACT_STEP }),
]);

// Trivy on the Dockerfiles, compose file and chart (rendered with its defaults): trivy-config-scan.yaml holds
// what it scans and skips, and its checks are Trivy's own, so the workflows suite sees the same.
// No database cache: a config scan has none to save.
const configScan = job('config-scan', {
  name: 'Scan the Dockerfiles and the chart',
  minutes: 15,
  permissions: { contents: 'read', 'pull-requests': 'write' },
}).addSteps([
  checkout,
  setupTrivy,
  trivyRun('trivy-config', 'Trivy config scan', {
    cache: 'false',
    'scan-type': 'config',
    'scan-ref': '.',
    'trivy-config': 'trivy-config-scan.yaml',
    format: 'json',
    output: 'trivy-config.json',
  }),
  scanReport('trivy-config.json', 'Trivy: configuration'),
]);

// 6. The chart on a real Kubernetes: kind, the Ingress, the suites, helm test, then faults.
const e2eKind = job('e2e-kind', {
  name: 'Deploy to kind and test end to end',
  minutes: 45,
  browser: true,
  needs: [images, chart],
  node: true,
}).addSteps([
  ...loadImages,
  // kind and kubectl come with the runner (kubectl's minor matches the node's); kind-config.yaml
  // pins the node image. Offline, cluster:up builds its own node image (docs/offline.md).
  npmRun('cluster:up', { minutes: 30 }),
  npmRun('cluster:deploy -- --skip-build', { minutes: 15 }),
  hostsAdd(),
  npmRun('test:e2e', { env: { E2E_BASE_URL: PUBLIC_URL, TEST_REPORT: 'e2e-kind' }, minutes: 15 }),
  npmRun('cluster:helm-test'),
  npmRun('test:cluster', { env: { TEST_REPORT: 'cluster' }, minutes: 15 }),
  // kubectl-ai's releases come from GitHub only: not under act (docs/pipeline.md).
  ...[installKubectlAi, npmRun('test:kubectl-ai', { env: { TEST_REPORT: 'kubectl-ai' }, minutes: 15 })].map(
    (step) => new Step({ ...step.step, if: NOT_UNDER_ACT_STEP }),
  ),
  summary('e2e-kind', 'End to end on kind'),
  summary('cluster', 'Cluster: policies, nodes, autoscaling, AI ops, faults'),
  new Step({
    ...summary('kubectl-ai', 'kubectl-ai with the scripted model').step,
    if: `always() && ${NOT_UNDER_ACT_STEP}`,
  }),
  ...clusterDiagnostics({ 'ingress-namespace': INGRESS.kind.namespace, 'kind-cluster': CLUSTER }),
  keepResultsUnderAct,
  uploadOnFailure('kind-test-results', 'test-results/'),
]);

// 7. The compose stack from those images: browser and API suites, then restarts and an outage.
const stack = job('stack', {
  name: 'End-to-end on the compose stack',
  minutes: 30,
  browser: true,
  needs: [images],
  node: true,
}).addSteps([
  ...loadImages,
  // For the SBOM test of test:stack (an SBOM needs no vulnerability database).
  setupTrivy,
  npmRun('stack:up'),
  npmRun('test:e2e', { env: { TEST_REPORT: 'e2e-stack' }, minutes: 15 }),
  npmRun('test:stack', { env: { TEST_REPORT: 'stack' }, minutes: 15 }),
  summary('e2e-stack', 'End to end on the compose stack'),
  summary('stack', 'Compose stack faults'),
  new Step({
    id: 'stack-logs',
    name: 'Debug on failure: services and logs',
    if: 'failure()',
    'timeout-minutes': 2,
    run: 'npm run stack:logs',
  }),
  keepResultsUnderAct,
  uploadOnFailure('stack-test-results', 'test-results/'),
]);

// 8. On a pull request: no dependency it adds or changes has a known vulnerability of high
// severity or above (GitHub's advisory database, through its dependency graph).
const dependencyReview = job('dependency-review', {
  name: 'Dependency review',
  if: "github.event_name == 'pull_request' && !github.event.act",
  minutes: 10,
}).addSteps([
  checkout,
  action.dependencyReview({
    id: 'dependency-review',
    name: 'Review the dependencies this pull request changes',
    'timeout-minutes': 5,
    with: { 'fail-on-severity': 'high', 'comment-summary-in-pr': 'never' },
  }),
]);

// The one required status check: green only when every job it needs succeeded. Under act the
// GitHub-only jobs are skipped, so it is too: .ci/run reads each job's own result.
const NEEDED = [workflows, test, images, scan, configScan, chart, stack, e2eKind];
const ciSuccess = job('ci-success', {
  name: 'CI success',
  minutes: 5,
  permissions: {},
  if: 'always() && !github.event.act',
  needs: [...NEEDED, dependencyReview],
}).addStep(
  new Step({
    id: 'verdict',
    name: 'Fail unless every needed job succeeded',
    'timeout-minutes': 1,
    env: {
      RESULTS: NEEDED.map((job) => `\${{ needs.${job.name}.result }}`).join(' '),
      // Dependency review runs on pull requests only: elsewhere it is skipped, and that is fine.
      REVIEW: `\${{ needs.${dependencyReview.name}.result }}`,
      EVENT: '${{ github.event_name }}',
    },
    run: [
      'echo "results: $RESULTS; dependency review: $REVIEW"',
      'for result in $RESULTS; do',
      '  [ "$result" = success ] || exit 1',
      'done',
      '[ "$REVIEW" = success ] || { [ "$REVIEW" = skipped ] && [ "$EVENT" != pull_request ]; }',
    ].join('\n'),
  }),
);

export const ci = new Workflow('ci', {
  name: 'CI',
  on: { push: { branches: ['main'] }, pull_request: {}, merge_group: {} },
  permissions: {},
  // GitHub's bash runs with -e -o pipefail: a failing command inside a pipe fails its step.
  defaults: { run: { shell: 'bash' } },
  concurrency: {
    group: `\${{ github.workflow }}-\${{ github.event.pull_request.number || github.ref }}`,
    'cancel-in-progress': `\${{ github.event_name == 'pull_request' }}`,
  },
}).addJobs([...NEEDED, dependencyReview, ciSuccess]);
