/**
 * npm run chart:readme [-- --check] — writes helm/todo-chatbot/README.md from the `# --` comments
 * in values.yaml (one per key); --check exits 1 when the committed README differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { repoRoot } from '../../project/root.js';
import { CHART_DIR } from '../../project/names.js';
import { parseCommandLine } from '../lib/cli.js';
import { isMain } from '../lib/main.js';

export type ValueDoc = { key: string; type: string; defaultValue: string; description: string };

function valueAt(values: unknown, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], values);
}

/** Every documented key of values.yaml, in file order, with its default and description. */
export function valueDocs(valuesYaml: string): ValueDoc[] {
  const values = load(valuesYaml);
  const docs: ValueDoc[] = [];
  const path: { indent: number; key: string }[] = [];
  let description: string | undefined;
  for (const line of valuesYaml.split('\n')) {
    const comment = /^\s*# -- (.*)$/.exec(line);
    if (comment) {
      description = comment[1];
      continue;
    }
    const key = /^(\s*)([A-Za-z][\w-]*):/.exec(line);
    if (!key) continue;
    const indent = key[1]!.length;
    while (path.length && path.at(-1)!.indent >= indent) path.pop();
    path.push({ indent, key: key[2]! });
    if (description === undefined) continue;
    const keys = path.map((p) => p.key);
    const value = valueAt(values, keys);
    const type = Array.isArray(value) ? 'list' : value === null ? 'null' : typeof value;
    docs.push({ key: keys.join('.'), type, defaultValue: JSON.stringify(value), description });
    description = undefined;
  }
  return docs;
}

export function readme(valuesYaml: string): string {
  const rows = valueDocs(valuesYaml).map(
    (d) => `| \`${d.key}\` | ${d.type} | \`${d.defaultValue.replaceAll('|', '\\|')}\` | ${d.description} |`,
  );
  return [
    '# todo-chatbot',
    '',
    'The Todo Chatbot on Kubernetes: the API and web UI Deployments, an Ingress, and PostgreSQL in the',
    'chart or outside it. Install, upgrade and operations: [docs/deployment.md](../../docs/deployment.md).',
    '',
    '```sh',
    'helm upgrade --install todo-chatbot helm/todo-chatbot --namespace todo --create-namespace --wait',
    'helm test todo-chatbot --namespace todo',
    '```',
    '',
    '## Values',
    '',
    '<!-- Generated from values.yaml by npm run chart:readme; edit the comments there. -->',
    '',
    '| key | type | default | description |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

export const README_PATH = `${repoRoot}/${CHART_DIR}/README.md`;
export const expectedReadme = () => readme(readFileSync(`${repoRoot}/${CHART_DIR}/values.yaml`, 'utf8'));

if (isMain(import.meta.url)) {
  const { check } = parseCommandLine(process.argv.slice(2), {
    usage: 'npm run chart:readme [-- --check]',
    about: `Writes ${CHART_DIR}/README.md from the "# --" comments of its values.yaml.`,
    options: { check: { default: false, description: 'write nothing; exit 1 when the README differs' } },
  });
  const expected = expectedReadme();
  if (check) {
    const current = readFileSync(README_PATH, 'utf8');
    if (current !== expected) {
      console.error(`chart:readme: ${CHART_DIR}/README.md is stale: run npm run chart:readme`);
      process.exit(1);
    }
  } else {
    writeFileSync(README_PATH, expected);
    console.log(`wrote ${CHART_DIR}/README.md`);
  }
}
