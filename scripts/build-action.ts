/**
 * Bundles a JavaScript action into the committed ESM files that `runs.main` (and `runs.post`)
 * name: a custom action's dist/index.js, or an act stand-in's bundles (one per stage, sharing a
 * chunk). The toolkit 3.x is ESM-only, and some of its dependencies still call require(), so each
 * file defines one. Beside the bundles goes dist/licenses.txt: the licence of every npm package
 * inlined into them.
 */
import { build } from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { licenseNotices } from './lib/licenses.js';
import { isMain } from './lib/main.js';

export const LICENSES_FILE = 'licenses.txt';

/** Bundles `entries` (output name → source, relative to dir) into outdir, which it empties first. */
export async function buildBundles(dir: string, entries: Record<string, string>, outdir: string): Promise<void> {
  await rm(resolve(outdir), { recursive: true, force: true });
  await mkdir(resolve(outdir), { recursive: true });
  const { metafile } = await build({
    // Paths in the bundle's comments are relative to this: the same output from any folder.
    absWorkingDir: resolve(dir),
    entryPoints: Object.entries(entries).map(([out, source]) => ({ out, in: source })),
    outdir: resolve(outdir),
    chunkNames: 'shared-[hash]',
    splitting: Object.keys(entries).length > 1,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    metafile: true,
    // The notices of what is inlined go to licenses.txt; the bundles stay code.
    legalComments: 'none',
    logLevel: 'warning',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  await writeFile(join(resolve(outdir), LICENSES_FILE), licenseNotices(resolve(dir), Object.keys(metafile.inputs)));
}

/** A custom action: src/index.ts to dist/index.js. */
export const buildAction = (actionDir: string, outdir = `${actionDir}/dist`) =>
  buildBundles(actionDir, { index: 'src/index.ts' }, outdir);

if (isMain(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: tsx scripts/build-action.ts <action folder>');
    process.exit(1);
  }
  await buildAction(dir);
}
