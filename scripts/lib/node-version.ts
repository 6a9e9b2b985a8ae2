import { readFileSync } from 'node:fs';

const ENGINES = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    engines: { node: string };
  }
).engines.node;

const parts = (version: string) =>
  version
    .replace(/^[^\d]*/, '')
    .split('.')
    .map(Number);

/**
 * The one line that says what to do when `version` is older than package.json's `engines` allows
 * (a ">=x.y.z" range), else undefined.
 */
export function nodeVersionProblem(version: string, range = ENGINES): string | undefined {
  if (!/^>=\d+\.\d+\.\d+$/.test(range)) throw new Error(`engines.node must be ">=x.y.z", not "${range}"`);
  const [have, want] = [parts(version), parts(range)];
  const first = want.findIndex((n, i) => n !== have[i]);
  if (first === -1 || (have[first] ?? 0) > want[first]!) return undefined;
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
