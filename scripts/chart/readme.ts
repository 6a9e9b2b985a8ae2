/**
 * npm run chart:readme [-- --check] — writes helm/todo-chatbot/README.md with helm-docs, from the
 * chart's README.md.gotmpl and the `# --` comment above each key of values.yaml, in the file's order.
 * A key without a comment gets a row with no description, which the chart suite refuses. --check
 * writes nothing and exits 1 when the README differs.
 * Needs helm-docs (HELM_DOCS, or on PATH).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CHART_DIR } from '../../project/names.js';
import { repoRoot } from '../../project/root.js';
import { TOOLCHAIN } from '../../project/toolchain.js';
import { parseCommandLine } from '../lib/cli.js';
import { isMain } from '../lib/main.js';

export const README_PATH = join(repoRoot, CHART_DIR, 'README.md');
export const HELM_DOCS_INSTALL = `go install github.com/norwoodj/helm-docs/cmd/helm-docs@${TOOLCHAIN.HELM_DOCS_VERSION}`;

/** The README helm-docs renders for the chart in `chartDir`; throws with helm-docs' words when it refuses. */
export function renderReadme(chartDir = join(repoRoot, CHART_DIR), helmDocs = process.env.HELM_DOCS ?? 'helm-docs') {
  const result = spawnSync(
    helmDocs,
    [
      '--chart-search-root',
      '.',
      '--chart-to-generate',
      basename(chartDir),
      '--sort-values-order',
      'file',
      '--skip-version-footer',
      '--log-level',
      'warning',
      '--dry-run',
    ],
    { encoding: 'utf8', cwd: dirname(chartDir) },
  );
  if (result.error) throw new Error(`${helmDocs} is missing: ${HELM_DOCS_INSTALL}`);
  // helm-docs skips a chart it cannot read with a warning, and still exits 0.
  if (result.status !== 0 || !result.stdout.trim()) {
    throw new Error(`helm-docs rendered no README: ${result.stderr.trim().split('\n')[0]}`);
  }
  return result.stdout;
}

if (isMain(import.meta.url)) {
  const { check } = parseCommandLine(process.argv.slice(2), {
    usage: 'npm run chart:readme [-- --check]',
    about: `Writes ${CHART_DIR}/README.md with helm-docs, from README.md.gotmpl and the "# --" comments of values.yaml.`,
    options: { check: { default: false, description: 'write nothing; exit 1 when the README differs' } },
    env: { HELM_DOCS: 'the helm-docs binary (default: on PATH)' },
  });
  try {
    const expected = renderReadme();
    if (check && readFileSync(README_PATH, 'utf8') !== expected) {
      throw new Error(`${CHART_DIR}/README.md is stale: run npm run chart:readme`);
    }
    if (!check) {
      writeFileSync(README_PATH, expected);
      console.log(`wrote ${CHART_DIR}/README.md`);
    }
  } catch (error) {
    console.error(`chart:readme: ${(error as Error).message}`);
    process.exit(1);
  }
}
