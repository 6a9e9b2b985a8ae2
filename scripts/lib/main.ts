import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * True in the module node (or tsx) was started with. `import.meta.main` does this from Node 22.18
 * on, and is undefined before: a script guarded by it would do nothing and exit 0 there.
 */
export function isMain(moduleUrl: string): boolean {
  const started = process.argv[1];
  return started !== undefined && realpathSync(started) === realpathSync(fileURLToPath(moduleUrl));
}
