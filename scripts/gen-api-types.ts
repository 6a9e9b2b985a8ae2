/**
 * npm run gen:api-types — writes frontend/src/shared/api-schema.ts, the API's types, from the
 * OpenAPI document the backend serves; `-- --check` writes nothing and exits 1 when it differs.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { repoRoot } from '../project/root.js';
import { API_TYPES_FILE, apiTypes } from './lib/api-types.js';
import { parseCommandLine } from './lib/cli.js';

const { check } = parseCommandLine(process.argv.slice(2), {
  usage: 'npm run gen:api-types [-- --check]',
  about: `Writes ${API_TYPES_FILE} from the OpenAPI document of the API (built in memory) with openapi-typescript.`,
  options: { check: { default: false, description: 'write nothing; exit 1 when the file differs' } },
});

const document = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/openapi-document.ts'], {
  cwd: `${repoRoot}/backend`,
  encoding: 'utf8',
  maxBuffer: 16 * 1024 * 1024,
});
const text = await apiTypes(JSON.parse(document) as object);
if (check) {
  if (readFileSync(API_TYPES_FILE, 'utf8') !== text) {
    console.error(`gen:api-types: ${API_TYPES_FILE} is stale: run npm run gen:api-types`);
    process.exit(1);
  }
  console.log(`${API_TYPES_FILE} is up to date`);
} else {
  writeFileSync(API_TYPES_FILE, text);
  console.log(`wrote ${API_TYPES_FILE}`);
}
