/**
 * npm run gen:bindings — refreshes the lock of the pinned actions' facts
 * (workflows-src/lib/bindings/actions.lock.json) and writes the typed bindings from it
 * (workflows-src/lib/bindings/actions.ts); `-- --check` writes nothing and exits 1 when either differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import {
  collectLock,
  gitHubSource,
  LOCK_FILE,
  lockSource,
  metadataFile,
  metadataSource,
  readLock,
  type FactSource,
} from '../workflows-src/lib/bindings/facts.js';
import { formattedBindings } from '../workflows-src/lib/bindings/format.js';
import { BINDINGS_FILE } from '../workflows-src/lib/bindings/generate.js';
import { parseCommandLine } from './lib/cli.js';

const { check } = parseCommandLine(process.argv.slice(2), {
  usage: 'npm run gen:bindings [-- --check]',
  about: `Writes ${LOCK_FILE} (each pinned action's inputs, defaults, outputs and calls) and ${BINDINGS_FILE} from it.`,
  options: { check: { default: false, description: 'write nothing; exit 1 when a file differs' } },
  env: {
    ACTION_METADATA: `facts about the pinned actions (default ${metadataFile()}; else the lock, and GitHub for a pin it lacks)`,
  },
});

// The metadata file where there is one; else the committed lock, as a lockfile is kept; GitHub only
// for a commit the lock does not hold yet (a pin just bumped).
const metadata = metadataSource();
const sources: FactSource[] = [...(metadata ? [metadata] : []), lockSource(LOCK_FILE, readLock()), gitHubSource()];
let collected;
try {
  collected = await collectLock(sources);
} catch (error) {
  console.error(`gen:bindings: ${(error as Error).message}`);
  process.exit(1);
}
const { lock, used } = collected;
console.log(`facts from ${[...used].join(', ')}`);
const lockText = await format(JSON.stringify(lock), { ...(await resolveConfig(LOCK_FILE)), filepath: LOCK_FILE });
const files = [
  [LOCK_FILE, lockText],
  [BINDINGS_FILE, await formattedBindings(lock)],
] as const;
if (check) {
  const stale = files.filter(([file, text]) => readFileSync(file, 'utf8') !== text).map(([file]) => file);
  if (stale.length) {
    console.error(
      `gen:bindings: ${stale.join(' and ')} ${stale.length > 1 ? 'are' : 'is'} stale: run npm run gen:bindings`,
    );
    process.exit(1);
  }
  console.log(`${LOCK_FILE} and ${BINDINGS_FILE} are up to date`);
} else {
  for (const [file, text] of files) writeFileSync(file, text);
  console.log(`wrote ${LOCK_FILE} and ${BINDINGS_FILE}`);
}
