/**
 * The Node.js version gate, in plain JavaScript so that it runs where nothing else can yet: on an
 * older Node.js, and before `npm ci`. `node scripts/lib/node-version.mjs` checks both, one line
 * and exit code 1 when something is missing; npm test, dev and preview run it first.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../../', import.meta.url);
const ENGINES = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).engines.node;

/** @param {string} version */
const parts = (version) =>
  version
    .replace(/^[^\d]*/, '')
    .split('.')
    .map(Number);

/**
 * The one line that says what to do when `version` is older than package.json's `engines` allows
 * (a ">=x.y.z" range), else undefined.
 * @param {string} version
 * @param {string} [range]
 * @returns {string | undefined}
 */
export function nodeVersionProblem(version, range = ENGINES) {
  if (!/^>=\d+\.\d+\.\d+$/.test(range)) throw new Error(`engines.node must be ">=x.y.z", not "${range}"`);
  const [have, want] = [parts(version), parts(range)];
  const first = want.findIndex((n, i) => n !== have[i]);
  if (first === -1 || (have[first] ?? 0) > want[first]) return undefined;
  return (
    `Node.js ${version} is too old for this project (it needs ${range}): run "nvm install" here (it reads .nvmrc), ` +
    'or see "Node.js without nvm" in README.md.'
  );
}

/** Stops the process with that line when this Node.js is too old. */
export function requireSupportedNode() {
  const problem = nodeVersionProblem(process.versions.node);
  if (problem === undefined) return;
  console.error(problem);
  process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  requireSupportedNode();
  // npm writes this file on every install.
  if (!existsSync(new URL('node_modules/.package-lock.json', root))) {
    console.error('The dependencies are not installed: run "npm ci" here first.');
    process.exit(1);
  }
}
