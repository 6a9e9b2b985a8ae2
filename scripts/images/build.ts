/**
 * npm run images:build [-- backend|frontend] — builds todo-backend and todo-frontend tagged
 * ${IMAGE_TAG:-dev}, with OCI labels from the checkout. IMAGE_CACHE_FROM / IMAGE_CACHE_TO
 * (buildx only; "{name}" becomes the image name) add a build cache such as type=gha.
 * IMAGE_REGISTRY=ghcr.io/<owner> names the images there instead; IMAGE_PUSH=true (buildx only)
 * pushes them with an SBOM and provenance attestation instead of loading them; IMAGE_PLATFORM
 * (linux/amd64 or linux/arm64) builds for that platform (the release builds each on its own runner).
 */
import { readFileSync } from 'node:fs';
import { repoRoot } from '../../project/root.js';
import { buildCaFile, buildCommand, capture, docker, requireDocker, run } from '../lib/docker.js';
import { IMAGES, imageRef, type ImageSpec } from './images.js';
import { parseCommandLine } from '../lib/cli.js';
import { isMain } from '../lib/main.js';

function labelArgs(): string[] {
  const { version } = JSON.parse(readFileSync(`${repoRoot}/package.json`, 'utf8')) as { version: string };
  const revision = process.env.GITHUB_SHA ?? capture('git', ['rev-parse', 'HEAD']).stdout.trim();
  const source =
    process.env.GITHUB_REPOSITORY &&
    `${process.env.GITHUB_SERVER_URL ?? 'https://github.com'}/${process.env.GITHUB_REPOSITORY}`;
  const args = {
    VERSION: process.env.IMAGE_VERSION ?? version,
    REVISION: revision || 'unknown',
    CREATED: new Date().toISOString(),
    ...(source ? { SOURCE: source } : {}),
  };
  return Object.entries(args).flatMap(([key, value]) => ['--build-arg', `${key}=${value}`]);
}

function cacheArgs(image: ImageSpec, usesBuildx: boolean): string[] {
  const from = process.env.IMAGE_CACHE_FROM;
  const to = process.env.IMAGE_CACHE_TO;
  if (!usesBuildx) return [];
  return [
    ...(from ? ['--cache-from', from.replaceAll('{name}', image.name)] : []),
    ...(to ? ['--cache-to', to.replaceAll('{name}', image.name)] : []),
  ];
}

export async function buildImages(names: string[] = [], extraFlags: string[] = []): Promise<void> {
  requireDocker();
  const unknown = names.filter((name) => !IMAGES.some((image) => image.name.endsWith(name)));
  if (unknown.length > 0) throw new Error(`unknown image ${unknown.join(', ')}: choose backend or frontend`);
  const selected = names.length ? IMAGES.filter((image) => names.some((name) => image.name.endsWith(name))) : IMAGES;
  const { args: buildArgs, env } = buildCommand();
  const push = process.env.IMAGE_PUSH === 'true';
  if (push && buildArgs[0] !== 'buildx') throw new Error('IMAGE_PUSH=true needs docker buildx');
  // --push replaces --load: attestations cannot be loaded into the engine's image store.
  const build = push
    ? [...buildArgs.filter((arg) => arg !== '--load'), '--push', '--sbom=true', '--provenance=mode=max']
    : buildArgs;
  const registry = process.env.IMAGE_REGISTRY?.toLowerCase().replace(/\/$/, '');
  const platform = process.env.IMAGE_PLATFORM;
  if (platform && !/^linux\/(amd64|arm64)$/.test(platform))
    throw new Error(`IMAGE_PLATFORM=${platform}: choose linux/amd64 or linux/arm64`);
  const ca = buildCaFile();
  for (const image of selected) {
    const started = Date.now();
    const ref = registry ? `${registry}/${imageRef(image)}` : imageRef(image);
    console.log(`==> building ${ref} from ${image.dockerfile}${push ? ', then pushing it' : ''}`);
    await run(
      docker,
      [
        ...build,
        '--file',
        image.dockerfile,
        '--tag',
        ref,
        ...labelArgs(),
        ...cacheArgs(image, build[0] === 'buildx'),
        ...(platform ? ['--platform', platform] : []),
        ...(ca ? ['--secret', `id=build_ca,src=${ca}`] : []),
        ...extraFlags,
        '.',
      ],
      env,
    );
    console.log(`==> ${ref} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

if (isMain(import.meta.url)) {
  try {
    const { args } = parseCommandLine(process.argv.slice(2), {
      usage: 'npm run images:build -- [backend | frontend] [--help]',
      about: 'Builds todo-backend and todo-frontend (or the one named) with OCI labels, tagged ${IMAGE_TAG:-dev}.',
      options: {},
      env: {
        IMAGE_TAG: 'the tag (default dev)',
        IMAGE_VERSION: "the version label (default package.json's)",
        IMAGE_REGISTRY: 'a registry prefix for the names',
        IMAGE_PUSH: 'true: push with SBOM and provenance instead of loading (needs buildx)',
        IMAGE_PLATFORM: "linux/amd64 or linux/arm64: the platform to build for (default: this machine's)",
        IMAGE_CACHE_FROM: 'a BuildKit cache to read',
        IMAGE_CACHE_TO: 'a BuildKit cache to write',
        BUILD_CA_FILE: 'a CA bundle for npm ci behind a TLS-intercepting proxy (a build secret, never in a layer)',
      },
    });
    await buildImages(args);
  } catch (error) {
    console.error(`images:build: ${(error as Error).message}`);
    process.exit(1);
  }
}
