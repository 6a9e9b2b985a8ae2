import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { requireSupportedNode } from './scripts/lib/node-version.mjs';

requireSupportedNode();

// Every temporary file of a run, the suites' and those of the tools they start, goes into one
// folder that goes when the run ends: a run used to leave some 24 folders in /tmp.
if (!process.env.TODO_TEST_TMPDIR) {
  const runDir = mkdtempSync(join(tmpdir(), 'todo-tests-'));
  process.env.TODO_TEST_TMPDIR = process.env.TMPDIR = runDir;
  process.on('exit', () => rmSync(runDir, { recursive: true, force: true }));
}

// The backend's integration suites run once per database: embedded PGlite and a real PostgreSQL.
// The PostgreSQL run needs TEST_DATABASE_URL (.ci/postgres.sh starts a server); under CI it is
// mandatory, so a missing server fails the run instead of skipping it.
const postgresAvailable = Boolean(process.env.TEST_DATABASE_URL) || process.env.CI === 'true';
// Vitest evaluates this file more than once; the environment carries "warned" across evaluations.
function warnOnce(message: string) {
  if (process.env.TODO_CONFIG_WARNED?.includes(message)) return;
  process.env.TODO_CONFIG_WARNED = `${process.env.TODO_CONFIG_WARNED ?? ''}${message}\n`;
  console.warn(message);
}
if (!postgresAvailable) {
  warnOnce('backend:postgres suites not run: set TEST_DATABASE_URL to a PostgreSQL admin URL to run them.');
}

// Browser suites need Debian's Chromium; under CI a missing browser fails the run.
const chromiumAvailable = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') || process.env.CI === 'true';
if (!chromiumAvailable) warnOnce('browser suites not run: install chromium (apt-get install chromium) to run them.');

const integration = (database: 'pglite' | 'postgres'): TestProjectInlineConfiguration => ({
  extends: true,
  test: {
    name: `backend:${database}`,
    root: 'backend',
    include: ['test/integration/**/*.test.ts', 'test/security/**/*.test.ts'],
    env: { TEST_DB: database },
  },
});

/**
 * Loads a package's files without their sourcemap comments: the package ships maps whose sources it
 * does not ship, and Vite warns once a file (67 lines of every run) when it is inlined.
 */
function withoutSourcemaps(pathPart: string): Plugin {
  return {
    name: 'without-sourcemaps',
    load(id) {
      if (!id.includes(pathPart)) return null;
      const code = readFileSync(id.replace(/\?.*$/, ''), 'utf8');
      return { code: code.replace(/^\/\/# sourceMappingURL=.*$/m, ''), map: null };
    },
  };
}

// TEST_REPORT=name adds a JSON report, test-results/<name>.json: the workflow jobs summarise it and
// .ci/run counts it.
const report = process.env.TEST_REPORT;

export default defineConfig({
  test: {
    ...(report && { reporters: ['default', ['json', { outputFile: `test-results/${report}.json` }]] }),
    // One worker per core: the suites spend much of their time waiting on child processes, PostgreSQL
    // and the browser, and vitest's default (cores - 1) runs one file at a time on two cores.
    maxWorkers: availableParallelism(),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        plugins: [withoutSourcemaps('/node_modules/@actions/workflow-parser/')],
        test: {
          name: 'workflows',
          include: ['test/workflows/**/*.test.ts'],
          // GitHub's parser imports its JSON schema without an import attribute: let Vite load it.
          server: { deps: { inline: ['@actions/workflow-parser'] } },
        },
      },
      {
        extends: true,
        test: {
          name: 'actions',
          include: ['.github/actions/*/src/**/*.test.ts', 'scripts/act/stand-ins/src/**/*.test.ts'],
        },
      },
      { extends: true, test: { name: 'images', include: ['test/images/rules.test.ts'] } },
      { extends: true, test: { name: 'chart', include: ['test/chart/**/*.test.ts'] } },
      { extends: true, test: { name: 'cluster', include: ['test/cluster/**/*.test.ts'] } },
      { extends: true, test: { name: 'toolchain', include: ['test/toolchain/**/*.test.ts'] } },
      { extends: true, test: { name: 'backend:unit', root: 'backend', include: ['test/unit/**/*.test.ts'] } },
      integration('pglite'),
      ...(postgresAvailable ? [integration('postgres')] : []),
      {
        plugins: [react()],
        test: {
          name: 'frontend:components',
          root: 'frontend',
          include: ['src/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['src/test/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e:api',
          include: ['test/e2e/api.test.ts', 'test/e2e/openapi-client.test.ts'],
          globalSetup: ['test/browser/global-setup.ts'],
        },
      },
      // Against a deployed release, one file at a time: only through npm run test:cluster. The policies,
      // nodes and autoscaling suites need this checkout's chart; CLUSTER_TESTS=faults runs the faults
      // alone (the release workflow's upgrade from the previous published chart).
      ...(process.env.CLUSTER_TESTS
        ? [
            {
              extends: true,
              test: {
                name: 'cluster-live',
                include:
                  process.env.CLUSTER_TESTS === 'faults'
                    ? ['test/e2e/cluster-faults.test.ts']
                    : ['test/e2e/cluster-*.test.ts'],
                ...(process.env.CLUSTER_TESTS !== 'faults' && { globalSetup: ['test/e2e/cluster-global-setup.ts'] }),
                fileParallelism: false,
              },
            },
          ]
        : []),
      // kubectl-ai's tool loop against the deployed release; only through npm run test:kubectl-ai (GitHub).
      ...(process.env.KUBECTL_AI_TESTS === '1'
        ? [{ extends: true, test: { name: 'kubectl-ai', include: ['test/e2e/kubectl-ai.test.ts'] } }]
        : []),
      // Faults against the running compose stack; only through npm run test:stack.
      ...(process.env.STACK_TESTS === '1'
        ? [
            {
              extends: true,
              test: {
                name: 'stack',
                include: ['test/e2e/stack.test.ts', 'test/images/containers.test.ts', 'test/images/sbom.test.ts'],
                fileParallelism: false,
              },
            },
          ]
        : []),
      ...(chromiumAvailable
        ? [
            {
              extends: true,
              test: {
                name: 'browser',
                include: ['test/browser/**/*.test.ts'],
                globalSetup: ['test/browser/global-setup.ts'],
                fileParallelism: false,
                // A page waits on the API behind the Ingress, on a loaded machine: 1 s (the default) is too short.
                expect: { poll: { timeout: 10_000 } },
              },
            },
          ]
        : []),
    ],
  },
});
