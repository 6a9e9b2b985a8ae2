/**
 * npm run gen:stamps — writes toolchain.env's versions, project/names.ts's names and the API's Node
 * flags (project/api-runtime.ts) into the files other tools read on their own (project/stamps.ts
 * lists each line). With --check it writes nothing, prints what differs, and exits 1 when a copy
 * is stale.
 */
import { stampedFiles } from '../project/stamps.js';
import { parseCommandLine } from './lib/cli.js';
import { writeOrCheck } from './lib/generated-files.js';

const { check } = parseCommandLine(process.argv.slice(2), {
  usage: 'npm run gen:stamps [-- --check]',
  about:
    "Writes toolchain.env's versions, project/names.ts's names and the API's Node flags where other tools read a copy.",
  options: { check: { default: false, description: 'write nothing; exit 1 naming each file that differs' } },
});
const files = stampedFiles();
if (writeOrCheck(files, check) > 0) {
  console.error('Run npm run gen:stamps and commit the result.');
  process.exit(1);
}
console.log(`${files.size} file(s) ${check ? 'up to date' : 'written'}`);
