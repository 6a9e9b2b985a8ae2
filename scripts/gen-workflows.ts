/**
 * npm run gen:workflows — writes .github/workflows/<name>.yml from workflows-src/*.wac.ts, and
 * toolchain.env's values into the files that carry a copy (project/stamps.ts).
 * With --check it writes nothing, prints what differs, and exits 1 when any of them is stale.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../project/root.js';
import { stampedFiles } from '../project/stamps.js';
import { generate, OUTPUT_DIR } from '../workflows-src/lib/render.js';
import { parseCommandLine } from './lib/cli.js';
import { isMain } from './lib/main.js';

/** Every file gen:workflows writes, by path from the root, as it should be. */
export async function expectedFiles(): Promise<Map<string, string>> {
  const workflows = [...(await generate())].map(([name, yaml]) => [`${OUTPUT_DIR}/${name}`, yaml] as const);
  return new Map([...workflows, ...stampedFiles()]);
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
    about: "Writes .github/workflows/ from workflows-src/, and toolchain.env's values where they are copied.",
    options: { check: { default: false, description: 'write nothing; exit 1 naming each file that differs' } },
  });
  const started = performance.now();
  const files = await expectedFiles();
  let stale = 0;
  for (const [path, content] of files) {
    const absolute = join(repoRoot, path);
    const committed = existsSync(absolute) ? readFileSync(absolute, 'utf8') : undefined;
    if (committed === content) continue;
    if (check) {
      stale += 1;
      console.error(`${path} is stale (${committed === undefined ? 'missing' : firstDifference(content, committed)})`);
    } else {
      writeFileSync(absolute, content);
      console.log(`wrote ${path}`);
    }
  }
  const orphans = readdirSync(join(repoRoot, OUTPUT_DIR)).filter(
    (f) => f.endsWith('.yml') && !files.has(`${OUTPUT_DIR}/${f}`),
  );
  for (const orphan of orphans)
    console.error(`${OUTPUT_DIR}/${orphan} has no source in workflows-src/: delete it or add one`);
  if (stale > 0 || orphans.length > 0) {
    console.error('Run npm run gen:workflows and commit the result.');
    process.exit(1);
  }
  console.log(
    `${files.size} file(s) ${check ? 'up to date' : 'generated'} in ${(performance.now() - started).toFixed(0)} ms`,
  );
}

if (isMain(import.meta.url)) await main();
