/**
 * npm run gen:workflows — writes .github/workflows/<name>.yml from workflows-src/*.wac.ts.
 * With --check it writes nothing, prints what differs, and exits 1 when a workflow is stale or has
 * no source.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../project/root.js';
import { generate, OUTPUT_DIR } from '../workflows-src/lib/render.js';
import { parseCommandLine } from './lib/cli.js';
import { writeOrCheck } from './lib/generated-files.js';

const { check } = parseCommandLine(process.argv.slice(2), {
  usage: 'npm run gen:workflows [-- --check]',
  about: 'Writes .github/workflows/ from workflows-src/.',
  options: { check: { default: false, description: 'write nothing; exit 1 naming each file that differs' } },
});
const started = performance.now();
const files = new Map([...(await generate())].map(([name, yaml]) => [`${OUTPUT_DIR}/${name}`, yaml] as const));
const stale = writeOrCheck(files, check);
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
  `${files.size} workflow(s) ${check ? 'up to date' : 'generated'} in ${(performance.now() - started).toFixed(0)} ms`,
);
