import { describe, expect, it } from 'vitest';
import { IMAGES } from '../../scripts/images/images.js';
import { checkFiles, checkInspect, isRootUser, type InspectedImage } from '../../scripts/images/rules.js';

const backend = IMAGES.find((image) => image.name === 'todo-backend')!;
const labels = {
  'org.opencontainers.image.source': 'https://github.com/o/r',
  'org.opencontainers.image.revision': 'abc123',
  'org.opencontainers.image.version': '0.1.0',
  'org.opencontainers.image.created': '2026-11-22T00:00:00Z',
};
const image = (overrides: Partial<InspectedImage['Config']> & { Size?: number } = {}): InspectedImage => ({
  Size: overrides.Size ?? 100_000_000,
  Config: { User: '10001:10001', Labels: labels, ...overrides },
});
const failed = (findings: { check: string; ok: boolean }[]) => findings.filter((f) => !f.ok).map((f) => f.check);

describe('images:check rules', () => {
  it('passes a small image with a numeric non-root user and every label', () => {
    expect(failed(checkInspect(backend, image()))).toEqual([]);
  });

  it('fails an image at or over its budget, reported in megabytes as docker does', () => {
    const [size] = checkInspect(backend, image({ Size: 150_000_000 }));
    expect(size).toMatchObject({ ok: false, detail: '150 MB (budget 150 MB)' });
  });

  it.each(['', 'root', '0', '0:0', 'node'])(
    'rejects the user %o (root, or a name the kubelet cannot verify)',
    (user) => {
      expect(failed(checkInspect(backend, image({ User: user })))).toEqual(['user']);
    },
  );

  it('names each missing or unknown label', () => {
    const { 'org.opencontainers.image.created': _created, ...rest } = labels;
    const finding = checkInspect(
      backend,
      image({ Labels: { ...rest, 'org.opencontainers.image.revision': 'unknown' } }),
    )[2];
    expect(finding?.ok).toBe(false);
    expect(finding?.detail).toContain('org.opencontainers.image.revision');
    expect(finding?.detail).toContain('org.opencontainers.image.created');
  });

  it('finds package managers and compilers in the file list, not look-alikes', () => {
    const runtime = [
      'usr/local/bin/node',
      'app/server.js',
      'usr/bin/dash',
      'app/npm-notes.txt',
      'usr/share/gcc/',
      'var/lib/dpkg/',
    ];
    expect(checkFiles(runtime).ok).toBe(true);
    expect(checkFiles(['usr/bin/dpkg']).ok).toBe(false);
    expect(checkFiles(['usr/local/bin/npm']).ok).toBe(false);
    expect(checkFiles(['usr/local/lib/node_modules/npm/package.json']).ok).toBe(false);
    expect(checkFiles(['usr/bin/gcc', 'usr/bin/apt-get']).detail).toBe('found usr/bin/gcc, usr/bin/apt-get');
  });

  it('treats a missing user as root', () => {
    expect(isRootUser(undefined)).toBe(true);
    expect(isRootUser('10001')).toBe(false);
  });
});
