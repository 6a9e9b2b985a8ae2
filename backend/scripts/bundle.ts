/**
 * Bundles the API for its container image into bundle/: server.js (one ESM file), the SQL
 * migrations, the packages that must stay files (PGlite loads its wasm from beside itself), and
 * bundled/node_modules/<name>/ for every package inlined into server.js: its package.json, so image
 * scanners still see each dependency's name and version, and the licence files it ships.
 */
import { build } from 'esbuild';
import { copyFile, cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const backendDir = resolve(import.meta.dirname, '..');
const outDir = join(backendDir, 'bundle');
const externalPackages = ['@electric-sql/pglite'];
/** The files a package ships its licence and notices in. */
const NOTICE_FILE = /^(licen[cs]e|copying|notice)([.-].*)?$/i;

function packageDir(name: string): string {
  for (let dir = backendDir; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
  }
  throw new Error(`bundle: package ${name} is not installed (run npm ci)`);
}

/** The package folders (…/node_modules/<name>) that the bundle's inputs came from. */
function inlinedPackageDirs(inputs: string[]): Set<string> {
  const dirs = new Set<string>();
  for (const input of inputs) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match?.[1]) dirs.add(match[1]);
  }
  return dirs;
}

async function writeManifest(dirs: Set<string>) {
  for (const dir of dirs) {
    const { name, version, license } = JSON.parse(await readFile(join(backendDir, dir, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      license?: string;
    };
    const target = join(outDir, 'bundled', 'node_modules', name);
    await mkdir(target, { recursive: true });
    await writeFile(join(target, 'package.json'), `${JSON.stringify({ name, version, license })}\n`);
    for (const entry of await readdir(join(backendDir, dir), { withFileTypes: true }))
      if (entry.isFile() && NOTICE_FILE.test(entry.name))
        await copyFile(join(backendDir, dir, entry.name), join(target, entry.name));
  }
}

await rm(outDir, { recursive: true, force: true });
const { metafile } = await build({
  absWorkingDir: backendDir,
  entryPoints: ['src/server.ts'],
  outfile: join(outDir, 'server.js'),
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  external: externalPackages,
  metafile: true,
  legalComments: 'none',
  // Whitespace and syntax only: identifiers keep their names, so stack traces stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  // Some CommonJS dependencies call require(); an ESM bundle has to define it.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});
await writeManifest(inlinedPackageDirs(Object.keys(metafile.inputs)));
// What the external packages run on: their ESM files, wasm and data; not their CommonJS builds,
// types, source maps, or PGlite's extension archives and extras (12 MB the image does not need).
const RUNTIME_FILE = /\.(js|wasm|data)$|\/(package\.json|LICENSE)$/;
const UNUSED_DIR = /\/dist\/(contrib|live|worker|node-postgres)$/;
const runtimeOnly = (path: string) => (statSync(path).isDirectory() ? !UNUSED_DIR.test(path) : RUNTIME_FILE.test(path));
for (const name of externalPackages) {
  await cp(packageDir(name), join(outDir, 'node_modules', name), { recursive: true, filter: runtimeOnly });
}
await cp(join(backendDir, 'drizzle'), join(outDir, 'drizzle'), { recursive: true });
console.log(`bundle: ${outDir}/server.js with ${Object.keys(metafile.inputs).length} inputs`);
