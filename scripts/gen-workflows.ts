/**
 * npm run gen:workflows — writes .github/workflows/<name>.yml from workflows-src/*.wac.ts.
 * With --check it writes nothing, prints what differs, and exits 1 when the YAML is stale.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Workflow } from '@github-actions-workflow-ts/lib';
import { renderWorkflow } from '../workflows-src/lib/render.js';
import { parseCommandLine } from './lib/cli.js';
import { isMain } from './lib/main.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const sourceDir = `${root}workflows-src`;
const outputDir = `${root}.github/workflows`;

export async function generate(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const source of readdirSync(sourceDir)
    .filter((f) => f.endsWith('.wac.ts'))
    .sort()) {
    const module = (await import(pathToFileURL(`${sourceDir}/${source}`).href)) as Record<string, unknown>;
    for (const value of Object.values(module)) {
      if (value instanceof Workflow)
        files.set(`${value.filename}.yml`, renderWorkflow(value, `workflows-src/${source}`));
    }
  }
  return files;
}

function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  const line = left.findIndex((text, i) => text !== right[i]);
  const at = line === -1 ? left.length : line;
  return `line ${at + 1}:\n  committed: ${right[at] ?? '(missing)'}\n  generated: ${left[at] ?? '(missing)'}`;
}

async function main() {
  const { check } = parseCommandLine(process.argv.slice(2), {
    usage: 'npm run gen:workflows [-- --check]',
    about: 'Writes .github/workflows/ from workflows-src/.',
    options: { check: { default: false, description: 'write nothing; exit 1 naming each workflow that differs' } },
  });
  const started = performance.now();
  const files = await generate();
  const stale: string[] = [];
  for (const [name, yaml] of files) {
    const path = `${outputDir}/${name}`;
    const committed = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (committed === yaml) continue;
    if (check) {
      stale.push(name);
      console.error(
        `.github/workflows/${name} is stale (${committed === undefined ? 'missing' : firstDifference(yaml, committed)})`,
      );
    } else {
      writeFileSync(path, yaml);
      console.log(`wrote .github/workflows/${name}`);
    }
  }
  const orphans = readdirSync(outputDir).filter((f) => f.endsWith('.yml') && !files.has(f));
  for (const orphan of orphans)
    console.error(`.github/workflows/${orphan} has no source in workflows-src/: delete it or add one`);
  if (stale.length > 0 || orphans.length > 0) {
    console.error('Run npm run gen:workflows and commit the result.');
    process.exit(1);
  }
  console.log(
    `${files.size} workflow(s) ${check ? 'up to date' : 'generated'} in ${(performance.now() - started).toFixed(0)} ms`,
  );
}

if (isMain(import.meta.url)) await main();
