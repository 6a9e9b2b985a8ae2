/**
 * The licence notices a bundle owes the npm packages inlined into it: for each package, its name,
 * version and declared licence, then the text of every licence file it ships (LICENSE, LICENCE,
 * COPYING, NOTICE, with any extension).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type BundledPackage = {
  name: string;
  version: string;
  license: string;
  files: { name: string; text: string }[];
};

const NOTICE_FILE = /^(licen[cs]e|copying|notice)([.-].*)?$/i;

/** The package folders (…/node_modules/<name>) that a bundle's inputs, relative to baseDir, came from. */
function packageDirs(baseDir: string, inputs: string[]): string[] {
  const dirs = new Set<string>();
  for (const input of inputs) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match?.[1]) dirs.add(resolve(baseDir, match[1]));
  }
  return [...dirs];
}

export function bundledPackage(dir: string): BundledPackage {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    license?: string | { type?: string };
  };
  const license = typeof manifest.license === 'string' ? manifest.license : (manifest.license?.type ?? 'not declared');
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && NOTICE_FILE.test(entry.name))
    .map((entry) => ({ name: entry.name, text: readFileSync(join(dir, entry.name), 'utf8').trim() }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { name: manifest.name, version: manifest.version, license, files };
}

/** The notices file's text, one section per package, sorted by name and version. */
export function licenseNotices(baseDir: string, inputs: string[]): string {
  // One section per name and version, however many copies of it npm installed.
  const byId = new Map(
    packageDirs(baseDir, inputs)
      .map((dir) => bundledPackage(dir))
      .map((p) => [`${p.name}@${p.version}`, p]),
  );
  const packages = [...byId].sort(([a], [b]) => a.localeCompare(b)).map(([, p]) => p);
  const sections = packages.map((pkg) => {
    const head = `${pkg.name}@${pkg.version} (${pkg.license})`;
    const body = pkg.files.length
      ? pkg.files.map((file) => `${file.name}:\n\n${file.text}`).join('\n\n')
      : 'The package ships no licence file; its package.json declares the licence above.';
    return `${head}\n${'-'.repeat(head.length)}\n${body}\n`;
  });
  return [
    'Third-party software inlined into the bundle beside this file, with the notices each package ships.',
    '',
    ...sections,
  ].join('\n');
}
