/** What `images:check` demands of an image, as pure functions of `docker image inspect` and its file list. */
import type { ImageSpec } from './images.js';

export type Finding = { check: string; ok: boolean; detail: string };

export type InspectedImage = {
  Size: number;
  Config: { User?: string; Labels?: Record<string, string> | null; Healthcheck?: { Test?: string[] } | null };
};

const REQUIRED_LABELS = ['source', 'revision', 'version', 'created'].map((key) => `org.opencontainers.image.${key}`);

// Package managers, compilers and build tools (as commands) that must not reach a runtime image.
const BUILD_TOOL =
  /(^|\/)s?bin\/(npm|npx|yarn|pnpm|corepack|apt|apt-get|dpkg|gcc|g\+\+|cc|c\+\+|clang|make|tsc|esbuild|git)$/;

export function megabytes(bytes: number): number {
  return Math.round(bytes / 100_000) / 10;
}

export function isRootUser(user: string | undefined): boolean {
  const name = (user ?? '').split(':')[0];
  return !name || name === 'root' || name === '0';
}

export function checkInspect(image: ImageSpec, inspected: InspectedImage): Finding[] {
  const size = megabytes(inspected.Size);
  const labels = inspected.Config.Labels ?? {};
  const missing = REQUIRED_LABELS.filter((label) => !labels[label] || labels[label] === 'unknown');
  const user = inspected.Config.User ?? '';
  return [
    { check: 'size', ok: size < image.budgetMB, detail: `${size} MB (budget ${image.budgetMB} MB)` },
    { check: 'user', ok: !isRootUser(user) && /^\d+(:\d+)?$/.test(user), detail: user || '(root)' },
    {
      check: 'labels',
      ok: missing.length === 0,
      detail: missing.length ? `missing ${missing.join(', ')}` : 'OCI labels set',
    },
  ];
}

export function checkFiles(paths: string[]): Finding {
  const found = paths.filter((path) => BUILD_TOOL.test(path) || /(^|\/)node_modules\/npm\//.test(path));
  return {
    check: 'no build tools',
    ok: found.length === 0,
    detail: found.length ? `found ${found.slice(0, 5).join(', ')}` : `${paths.length} files, none a build tool`,
  };
}
