import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMAGES, imageRef } from '../../scripts/images/images.js';
import { docker, dockerOut } from '../../scripts/lib/docker.js';
import { TOOLCHAIN } from '../../project/toolchain.js';
import { nativeTool } from '../lib/native-tool.js';
import { bundledPackage } from '../../scripts/lib/licenses.js';

// The API is one esbuild bundle: an image scanner sees its npm packages only through the
// package.json files kept under /app/bundled (backend/scripts/bundle.ts). This holds it so.
const backend = imageRef(IMAGES.find((image) => image.name === 'todo-backend')!);
const trivy = nativeTool(
  'trivy',
  process.env.TRIVY,
  `install trivy ${TOOLCHAIN.TRIVY_VERSION} (the stack job does, with setup-trivy)`,
);

/** The folder of every package the image keeps under /app/bundled/node_modules, copied out. */
function bundledFolders(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'bundled-'));
  const container = dockerOut(['create', backend]);
  try {
    expect(spawnSync(docker, ['cp', `${container}:/app/bundled`, dir]).status).toBe(0);
  } finally {
    spawnSync(docker, ['rm', container]);
  }
  const root = join(dir, 'bundled', 'node_modules');
  const folders = readdirSync(root).flatMap((name) =>
    name.startsWith('@') ? readdirSync(join(root, name)).map((inner) => `${name}/${inner}`) : [name],
  );
  return folders.map((folder) => join(root, folder));
}

/** name@version of every package.json the image keeps under /app/bundled/node_modules. */
const bundledPackages = () =>
  bundledFolders().map((folder) => {
    const pkg = bundledPackage(folder);
    return `${pkg.name}@${pkg.version}`;
  });

describe(`the npm packages bundled into ${backend}`, () => {
  it('keep the licence files each ships', () => {
    // Where npm installed each name@version here (package-lock.json's folders).
    const installed = new Map<string, string>();
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
      packages: Record<string, { version?: string }>;
    };
    for (const [path, entry] of Object.entries(lock.packages)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(path)?.[1];
      if (name && entry.version) installed.set(`${name}@${entry.version}`, path);
    }
    let withNotices = 0;
    for (const folder of bundledFolders()) {
      const kept = bundledPackage(folder);
      const source = installed.get(`${kept.name}@${kept.version}`);
      expect(source, `${kept.name}@${kept.version} is not in package-lock.json`).toBeDefined();
      const shipped = bundledPackage(source!).files;
      expect(kept.files, `${kept.name}@${kept.version}`).toEqual(shipped);
      if (shipped.length) withNotices++;
    }
    expect(withNotices).toBeGreaterThan(50);
  });
});

describe.skipIf(!trivy)(`an SBOM of ${backend} made offline by Trivy`, () => {
  it('lists every npm package bundled into the API, with its version', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sbom-')), 'sbom.json');
    const result = spawnSync(trivy!, ['image', '--quiet', '--format', 'cyclonedx', '--output', out, backend], {
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    const components = (JSON.parse(readFileSync(out, 'utf8')) as { components?: { purl?: string }[] }).components ?? [];
    const listed = new Set(
      components
        .map((c) => c.purl ?? '')
        .filter((purl) => purl.startsWith('pkg:npm/'))
        .map((purl) => decodeURIComponent(purl.slice('pkg:npm/'.length).replace(/\?.*$/, ''))),
    );
    const bundled = bundledPackages();
    // The API's own dependencies (fastify, better-auth, pg, zod…) with theirs: far more than a few.
    expect(bundled.length).toBeGreaterThan(60);
    for (const pkg of ['fastify', 'better-auth', 'pg', 'zod'])
      expect(
        bundled.some((b) => b.startsWith(`${pkg}@`)),
        pkg,
      ).toBe(true);
    expect(bundled.filter((pkg) => !listed.has(pkg))).toEqual([]);
  });
});
