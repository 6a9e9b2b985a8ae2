import { Step } from '@github-actions-workflow-ts/lib';
import { devImage, HOST, IMAGE_NAMES, NAMESPACE, RELEASE } from '../../project/names.js';
import { TOOLCHAIN } from '../../project/toolchain.js';
import { GO_TOOLS, PYPI_TOOLS } from './pins.js';
import * as action from './bindings/actions.js';

/** Shared steps, one named constant each. Expressions reach shell only through `env:`. */

/** The runner every job runs on (scripts/act/runner-tools.txt lists what it carries). */
export const RUNNER = 'ubuntu-24.04';

/** A step only GitHub runs (act sets ACT=true); docs/pipeline.md lists each such step. */
export const NOT_UNDER_ACT_STEP = '!env.ACT';
/**
 * A job only GitHub runs: npm run act sends an event with "act": true (a job's `if:` cannot read
 * env). docs/pipeline.md lists each such job and why.
 */
export const NOT_UNDER_ACT_JOB = '${{ !github.event.act }}';

/** Both images, by their names in a matrix. */
export const IMAGE_MATRIX = { image: [IMAGE_NAMES.backend, IMAGE_NAMES.frontend] as [string, string] };

export const checkout = action.checkout({
  id: 'checkout',
  name: 'Check out',
  'timeout-minutes': 5,
  with: { 'persist-credentials': false },
});

/** With the whole history and its tags, to find a release. */
export const checkoutWithTags = action.checkout({
  id: 'checkout',
  name: 'Check out with tags',
  'timeout-minutes': 5,
  with: { 'persist-credentials': false, 'fetch-depth': 0 },
});

export const setupNode = action.setupNode({
  id: 'setup-node',
  name: 'Set up Node.js from .nvmrc',
  'timeout-minutes': 5,
  with: { 'node-version-file': '.nvmrc', cache: 'npm' },
});

/** For what is published: no npm cache, which a pull request's run could have poisoned. */
export const setupNodeUncached = action.setupNode({
  id: 'setup-node',
  name: 'Set up Node.js from .nvmrc, no cache',
  'timeout-minutes': 5,
  with: { 'node-version-file': '.nvmrc', 'package-manager-cache': false },
});

/** Helm at the toolchain's version (the runner carries one; this pins it). */
export const setupHelm = (condition?: string) =>
  action.setupHelm({
    id: 'setup-helm',
    name: 'Set up Helm',
    ...(condition ? { if: condition } : {}),
    'timeout-minutes': 5,
    with: { version: TOOLCHAIN.HELM_VERSION },
  });

export const npmCi = new Step({ id: 'npm-ci', name: 'Install dependencies', 'timeout-minutes': 10, run: 'npm ci' });

/**
 * A step that runs one npm script: the stages are npm scripts, so workflows only orchestrate.
 * Its own timeout ends a hang before the job's does, so the `if: failure()` steps still run.
 */
export const npmRun = (script: string, options: { env?: Record<string, string>; minutes?: number } = {}) =>
  new Step({
    id: script.replace(/[^a-z0-9]+/gi, '-'),
    name: `npm run ${script}`,
    'timeout-minutes': options.minutes ?? 10,
    run: `npm run ${script}`,
    ...(options.env && { env: options.env }),
  });

/**
 * A tool the runner lacks, at its pinned version: made once into ~/<dir>, then kept in the
 * Actions cache by version, and <dir>/<bin> on PATH for the steps after it.
 */
const cachedInstall = (tool: string, version: string, kind: string, bin: string, make: string) => {
  const dir = `.local/${kind}/${tool}-${version}`;
  const cache = action.cache({
    id: `cache-${tool}`,
    name: `Cache ${tool} ${version}`,
    'timeout-minutes': 5,
    with: { path: `~/${dir}`, key: `${kind}-${tool}-${version}-\${{ runner.os }}-\${{ runner.arch }}` },
  });
  const install = new Step({
    id: `install-${tool}`,
    name: `Install ${tool} ${version}`,
    'timeout-minutes': 10,
    env: { CACHE_HIT: action.cache.output(cache, 'cache-hit') },
    run: [
      `dir="$HOME/${dir}"`,
      `if [ "$CACHE_HIT" != true ]; then ${make}; fi`,
      `echo "$dir${bin}" >> "$GITHUB_PATH"`,
    ].join('\n'),
  });
  return [cache, install];
};

/** A Go tool, built with `go install` (Go is on GitHub's runner). */
export const goInstall = (tool: keyof typeof GO_TOOLS) => {
  const { module, version } = GO_TOOLS[tool];
  return cachedInstall(tool, version, 'go-tools', '', `GOBIN="$dir" go install ${module}@${version}`);
};

/** A Python tool from PyPI, in a virtual environment of its own (python3 is on GitHub's runner). */
export const pipInstall = (tool: keyof typeof PYPI_TOOLS) => {
  const { version } = PYPI_TOOLS[tool];
  const make = `python3 -m venv "$dir" && "$dir/bin/pip" install --quiet --disable-pip-version-check ${tool}==${version}`;
  return cachedInstall(tool, version, 'pypi-tools', '/bin', make);
};

/**
 * Under act a job's workspace is a copy that goes when the job ends: its reports are copied to
 * ACT_RESULTS_DIR (set by .ci/run), which counts them. Never runs on GitHub.
 */
export const keepResultsUnderAct = new Step({
  id: 'keep-results',
  name: 'Under act: keep test-results/ for .ci/run',
  if: "always() && env.ACT && env.ACT_RESULTS_DIR != ''",
  'timeout-minutes': 2,
  run: [
    'if [ -d test-results ]; then',
    '  mkdir -p "$ACT_RESULTS_DIR" && cp -r test-results/. "$ACT_RESULTS_DIR/"',
    'else',
    '  echo "no test-results/ to keep"',
    'fi',
  ].join('\n'),
});

/** Artifacts need GitHub's artifact service, which act does not provide: skipped under act. */
const upload = (name: string, path: string, when: string, ifNoFiles: 'ignore' | 'error') =>
  action.uploadArtifact({
    id: `upload-${name}`,
    name: `Upload ${name}`,
    if: `${when} && ${NOT_UNDER_ACT_STEP}`,
    'timeout-minutes': 5,
    with: { name, path, 'retention-days': 7, 'if-no-files-found': ifNoFiles },
  });

export const uploadOnFailure = (name: string, path: string) => upload(name, path, 'failure()', 'ignore');

/**
 * Debug on failure: the cluster's state (and, when named, the ingress controller's and kind's node
 * logs) into the summary and an artifact.
 */
export const clusterDiagnostics = (extra: { 'ingress-namespace'?: string; 'kind-cluster'?: string } = {}) => [
  action.clusterDiagnostics({
    id: 'diagnostics',
    name: 'Debug on failure: collect the cluster state',
    if: 'failure()',
    'timeout-minutes': 5,
    with: { namespace: NAMESPACE, release: RELEASE, output: 'cluster-diagnostics', ...extra },
  }),
  uploadOnFailure('cluster-diagnostics', 'cluster-diagnostics/'),
];

/** /etc/hosts is root's: npm runs under sudo with this job's PATH (node from setup-node). */
export const hostsAdd = (ip = '127.0.0.1') =>
  new Step({
    id: 'hosts',
    name: `Point ${HOST} at the cluster`,
    'timeout-minutes': 2,
    env: { CLUSTER_IP: ip },
    run: 'sudo env "PATH=$PATH" npm run hosts:add -- --ip "$CLUSTER_IP"',
  });

// A docker-container builder needs the moby/buildkit image; under act the engine's own builder
// builds, without the GitHub cache.
export const setupBuildx = action.setupBuildx({
  id: 'setup-buildx',
  name: 'Set up Docker Buildx',
  if: NOT_UNDER_ACT_STEP,
  'timeout-minutes': 5,
});

/**
 * BuildKit's GitHub cache backend reads these; GitHub hands them to actions, not to run: steps.
 * They become this step's outputs (masked), so only the build step that names them sees them,
 * not every later step as GITHUB_ENV would.
 */
const CACHE_RUNTIME = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL', 'ACTIONS_CACHE_URL', 'ACTIONS_CACHE_SERVICE_V2'];
export const exposeCacheRuntime = action.githubScript({
  id: 'cache-runtime',
  name: 'Hand the Actions cache service to the build step',
  if: NOT_UNDER_ACT_STEP,
  'timeout-minutes': 2,
  with: {
    script: [
      `for (const name of ${JSON.stringify(CACHE_RUNTIME)}) {`,
      "  const value = process.env[name] ?? '';",
      '  if (value) core.setSecret(value);',
      '  core.setOutput(name, value);',
      '}',
    ].join('\n'),
  },
});
/** The environment of the build step: BuildKit's GitHub cache, one scope per image (none under act). */
export const buildCacheEnv = {
  IMAGE_CACHE_FROM: "${{ !env.ACT && 'type=gha,scope={name}' || '' }}",
  IMAGE_CACHE_TO: "${{ !env.ACT && 'type=gha,mode=max,scope={name}' || '' }}",
  ...Object.fromEntries(
    CACHE_RUNTIME.map((name) => [name, `\${{ steps.${exposeCacheRuntime.step.id}.outputs.${name} }}`]),
  ),
};

const IMAGES_ARTIFACT = 'images';
const IMAGES_ARCHIVE = 'images.tar.gz';

export const saveImages = [
  new Step({
    id: 'save-images',
    name: 'Save both images for the jobs after this one',
    if: NOT_UNDER_ACT_STEP,
    'timeout-minutes': 10,
    run: `docker save ${Object.values(IMAGE_NAMES).map(devImage).join(' ')} | gzip -1 > ${IMAGES_ARCHIVE}`,
  }),
  upload(IMAGES_ARTIFACT, IMAGES_ARCHIVE, 'success()', 'error'),
];

/**
 * The images the images job built, loaded into this job's Docker engine. Under act every job
 * shares the one engine that already holds them: no artifact hop.
 */
export const loadImages = [
  action.downloadArtifact({
    id: 'download-images',
    name: 'Download the images',
    if: NOT_UNDER_ACT_STEP,
    'timeout-minutes': 5,
    with: { name: IMAGES_ARTIFACT },
  }),
  new Step({
    id: 'load-images',
    name: 'Load the images',
    if: NOT_UNDER_ACT_STEP,
    'timeout-minutes': 10,
    run: `gunzip -c ${IMAGES_ARCHIVE} | docker load`,
  }),
];

/** kubectl-ai at toolchain.env's version, its archive checked against the release's checksums; on PATH after. */
export const installKubectlAi = new Step({
  id: 'install-kubectl-ai',
  name: `Install kubectl-ai ${TOOLCHAIN.KUBECTL_AI_VERSION} (checksum checked)`,
  'timeout-minutes': 5,
  run: 'scripts/aiops/install-kubectl-ai.sh "$HOME/.local/bin"\necho "$HOME/.local/bin" >> "$GITHUB_PATH"',
});
