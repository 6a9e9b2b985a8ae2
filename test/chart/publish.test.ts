import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helmBinary } from '../../scripts/lib/tools.js';

const backend = `sha256:${'b'.repeat(64)}`;
const frontend = `sha256:${'f'.repeat(64)}`;
const pushedDigest = `sha256:${'c'.repeat(64)}`;

/** publish.sh with a helm that packages for real and, for push, keeps the package and prints a digest. */
function publish(...args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'publish-'));
  const fakeHelm = join(dir, 'helm');
  writeFileSync(
    fakeHelm,
    [
      '#!/usr/bin/env bash',
      'if [ "$1" = push ]; then cp "$2" "$KEEP/chart.tgz"; echo "Pushed: $3/todo-chatbot"; echo "Digest: ' +
        pushedDigest +
        '"; exit 0; fi',
      `exec ${helmBinary()} "$@"`,
    ].join('\n'),
  );
  chmodSync(fakeHelm, 0o755);
  const result = spawnSync('bash', ['scripts/chart/publish.sh', ...args], {
    encoding: 'utf8',
    env: { ...process.env, HELM: fakeHelm, KEEP: dir },
  });
  return { ...result, dir };
}

describe('scripts/chart/publish.sh', () => {
  it('publishes the chart with its images renamed to the registry and pinned to their digests', () => {
    const result = publish('1.4.0', 'ghcr.io/Acme', backend, frontend);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim().split('\n').at(-1)).toBe(`chart-digest=${pushedDigest}`);
    const rendered = spawnSync(helmBinary(), ['template', 'r', join(result.dir, 'chart.tgz')], { encoding: 'utf8' });
    expect(rendered.status, rendered.stderr).toBe(0);
    expect(rendered.stdout).toContain(`image: "ghcr.io/acme/todo-backend:v1.4.0@${backend}"`);
    expect(rendered.stdout).toContain(`image: "ghcr.io/acme/todo-frontend:v1.4.0@${frontend}"`);
  });

  it('refuses a digest that is not one, and publishes nothing', () => {
    const result = publish('1.4.0', 'ghcr.io/acme', 'latest', frontend);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('publish.sh: latest is not a sha256 digest');
  });
});
