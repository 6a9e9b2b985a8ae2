/**
 * Writes files a generator makes, or with --check writes nothing and names each that differs from
 * what it would write (the first differing line of each), for gen:workflows and gen:stamps.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../project/root.js';

function firstDifference(expected: string, committed: string): string {
  const left = expected.split('\n');
  const right = committed.split('\n');
  const line = left.findIndex((text, i) => text !== right[i]);
  const at = line === -1 ? left.length : line;
  return `line ${at + 1}:\n  committed: ${right[at] ?? '(missing)'}\n  generated: ${left[at] ?? '(missing)'}`;
}

/** Writes (or checks) every file; returns how many were stale. */
export function writeOrCheck(files: Map<string, string>, check: boolean): number {
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
  return stale;
}
