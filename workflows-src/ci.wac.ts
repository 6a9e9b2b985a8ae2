import { NormalJob, Step, Workflow } from '@github-actions-workflow-ts/lib';
import { checkout, npmCi, npmRun, setupNode, uploadOnFailure } from './lib/steps.js';

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

// The one required status check: green only when every job it needs succeeded.
const NEEDED = [workflows, test];
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
