/**
 * Bundles one custom action (src/index.ts and its dependencies) into a single ESM file, the
 * committed dist/index.js that `runs.main` names. The toolkit 3.x is ESM-only, and some of its
 * dependencies still call require(), so the bundle defines one.
 */
import { build } from 'esbuild';
import { resolve } from 'node:path';
import { isMain } from './lib/main.js';

export async function buildAction(actionDir: string, outfile = `${actionDir}/dist/index.js`): Promise<void> {
  await build({
    // Paths in the bundle's comments are relative to this: the same output from any folder.
    absWorkingDir: resolve(actionDir),
    entryPoints: ['src/index.ts'],
    outfile: resolve(outfile),
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    legalComments: 'none',
    logLevel: 'warning',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
}

if (isMain(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: tsx scripts/build-action.ts <action folder>');
    process.exit(1);
  }
  await buildAction(dir);
}
