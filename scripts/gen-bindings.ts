/**
 * npm run gen:bindings — writes workflows-src/lib/bindings/actions.ts from each action.yml
 * (workflows-src/lib/bindings/generate.ts); `-- --check` writes nothing and exits 1 when the file differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { formattedBindings } from '../workflows-src/lib/bindings/format.js';
import { BINDINGS_FILE } from '../workflows-src/lib/bindings/generate.js';
import { parseCommandLine } from './lib/cli.js';

const { check } = parseCommandLine(process.argv.slice(2), {
  usage: 'npm run gen:bindings [-- --check]',
  about: `Writes ${BINDINGS_FILE}: a typed step maker per pinned and local action, from its action.yml.`,
  options: { check: { default: false, description: 'write nothing; exit 1 when the file differs' } },
  env: { ACT_ACTION_STORE: 'where the pinned actions are (default ../shared/actions; else GitHub)' },
});
const text = await formattedBindings();
if (check) {
  if (readFileSync(BINDINGS_FILE, 'utf8') !== text) {
    console.error(`gen:bindings: ${BINDINGS_FILE} is stale: run npm run gen:bindings`);
    process.exit(1);
  }
  console.log(`${BINDINGS_FILE} is up to date`);
} else {
  writeFileSync(BINDINGS_FILE, text);
  console.log(`wrote ${BINDINGS_FILE}`);
}
