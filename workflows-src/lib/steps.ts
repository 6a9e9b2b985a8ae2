import { Step } from '@github-actions-workflow-ts/lib';
import { TRIVY, uses } from './pins.js';

/** Shared steps, one named constant each. Expressions reach shell only through `env:`. */

export const checkout = new Step({
  id: 'checkout',
  name: 'Check out',
  uses: uses('checkout'),
  with: { 'persist-credentials': false },
});

export const setupNode = new Step({
  id: 'setup-node',
  name: 'Set up Node.js from .nvmrc',
  uses: uses('setupNode'),
  with: { 'node-version-file': '.nvmrc', cache: 'npm' },
});

export const npmCi = new Step({ id: 'npm-ci', name: 'Install dependencies', run: 'npm ci' });

/** A step that runs one npm script: the stages are npm scripts, so workflows only orchestrate. */
export const npmRun = (script: string, env?: Record<string, string>, condition?: string) =>
  new Step({
    id: script.replace(/[^a-z0-9]+/gi, '-'),
    name: `npm run ${script}`,
    ...(condition && { if: condition }),
    run: `npm run ${script}`,
    ...(env && { env }),
  });

/** Artifacts need GitHub's artifact service, which act does not provide: skipped under act. */
const upload = (name: string, path: string, when: string, ifNoFiles: 'ignore' | 'error') =>
  new Step({
    id: `upload-${name}`,
    name: `Upload ${name}`,
    if: `${when} && !env.ACT`,
    uses: uses('uploadArtifact'),
    with: { name, path, 'retention-days': 7, 'if-no-files-found': ifNoFiles },
  });

export const uploadOnFailure = (name: string, path: string) => upload(name, path, 'failure()', 'ignore');

/** Debug on failure: the cluster's state into the summary and an artifact. */
export const clusterDiagnostics = [
  new Step({
    id: 'diagnostics',
    name: 'Debug on failure: collect the cluster state',
    if: 'failure()',
    uses: './.github/actions/cluster-diagnostics',
    with: { namespace: 'todo', release: 'todo-chatbot', output: 'cluster-diagnostics' },
  }),
  uploadOnFailure('cluster-diagnostics', 'cluster-diagnostics/'),
];

/** /etc/hosts is root's: npm runs under sudo with this job's PATH (node from setup-node). */
export const hostsAdd = (ip = '127.0.0.1') =>
  new Step({
    id: 'hosts',
    name: 'Point todo.local at the cluster',
    env: { CLUSTER_IP: ip },
    run: 'sudo env "PATH=$PATH" npm run hosts:add -- --ip "$CLUSTER_IP"',
  });

export const setupBuildx = new Step({ id: 'setup-buildx', name: 'Set up Docker Buildx', uses: uses('setupBuildx') });

// BuildKit's GitHub cache backend reads these; GitHub hands them to actions, not to run: steps.
export const exposeCacheRuntime = new Step({
  id: 'cache-runtime',
  name: 'Expose the Actions cache service to BuildKit',
  uses: uses('githubScript'),
  with: {
    script: [
      "for (const name of ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL', 'ACTIONS_CACHE_URL', 'ACTIONS_CACHE_SERVICE_V2']) {",
      '  if (process.env[name]) core.exportVariable(name, process.env[name]);',
      '}',
    ].join('\n'),
  },
});

const IMAGES_ARTIFACT = 'images';
const IMAGES_ARCHIVE = 'images.tar.gz';

export const saveImages = [
  new Step({
    id: 'save-images',
    name: 'Save both images for the jobs after this one',
    run: `docker save todo-backend:dev todo-frontend:dev | gzip -1 > ${IMAGES_ARCHIVE}`,
  }),
  upload(IMAGES_ARTIFACT, IMAGES_ARCHIVE, 'success()', 'error'),
];

/** The images the images job built, loaded into this job's Docker engine. */
export const loadImages = [
  new Step({
    id: 'download-images',
    name: 'Download the images',
    uses: uses('downloadArtifact'),
    with: { name: IMAGES_ARTIFACT },
  }),
  new Step({ id: 'load-images', name: 'Load the images', run: `gunzip -c ${IMAGES_ARCHIVE} | docker load` }),
];

/**
 * Trivy on one image: every finding at MEDIUM or above to code scanning (SARIF), then the fixable
 * ones as JSON through scan-report, which fails the job on HIGH or CRITICAL.
 */
export const trivyImageScan = (imageRef: string, name: string, options: { comment: boolean; if?: string }) =>
  [
    new Step({
      id: 'trivy-sarif',
      name: 'Trivy scan for code scanning',
      uses: uses('trivy'),
      with: {
        ...TRIVY,
        'image-ref': imageRef,
        format: 'sarif',
        output: 'trivy.sarif',
        'limit-severities-for-sarif': 'true',
        severity: 'CRITICAL,HIGH,MEDIUM',
      },
    }),
    new Step({
      id: 'upload-sarif',
      name: 'Upload to code scanning',
      if: 'always() && !env.ACT',
      uses: uses('uploadSarif'),
      with: { sarif_file: 'trivy.sarif', category: `trivy-${name}` },
    }),
    new Step({
      id: 'trivy-json',
      name: 'Trivy scan, fixable findings only',
      uses: uses('trivy'),
      with: {
        ...TRIVY,
        'image-ref': imageRef,
        format: 'json',
        output: 'trivy.json',
        'ignore-unfixed': 'true',
        'skip-setup-trivy': 'true',
      },
    }),
    new Step({
      id: 'gate',
      name: 'Report, and fail on fixable HIGH or CRITICAL',
      uses: './.github/actions/scan-report',
      with: {
        report: 'trivy.json',
        title: `Trivy: ${name}`,
        'severity-threshold': 'HIGH',
        ...(options.comment ? {} : { comment: 'false' }),
      },
    }),
    // A condition given for the scan applies to each of its steps, before their own.
  ].map((step) =>
    options.if ? new Step({ ...step.step, if: step.step.if ? `${options.if} && ${step.step.if}` : options.if }) : step,
  );
