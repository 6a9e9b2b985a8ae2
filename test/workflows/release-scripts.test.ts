import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const digest = (c: string) => `sha256:${c.repeat(64)}`;

/** Runs a release script with fake tools first on PATH; each logs its arguments to calls.log. */
function withFakes(script: string, args: string[], fakes: Record<string, string>) {
  const bin = mkdtempSync(join(tmpdir(), 'fakes-'));
  for (const [name, body] of Object.entries(fakes)) {
    writeFileSync(join(bin, name), `#!/usr/bin/env bash\necho "${name} $*" >> "${bin}/calls.log"\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  const result = spawnSync('bash', [script, ...args], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
  });
  const calls = (() => {
    try {
      return readFileSync(join(bin, 'calls.log'), 'utf8').trim().split('\n');
    } catch {
      return [];
    }
  })();
  return { ...result, calls };
}

describe('the release scripts', () => {
  it('verify.sh checks each digest for the release workflow’s keyless signature and GitHub’s provenance', () => {
    const refs = [`ghcr.io/acme/todo-backend@${digest('a')}`, `ghcr.io/acme/charts/todo-chatbot@${digest('c')}`];
    const { status, stdout, stderr, calls } = withFakes('scripts/release/verify.sh', ['acme/todo', ...refs], {
      cosign: 'exit 0',
      gh: 'exit 0',
    });
    expect(status, stderr).toBe(0);
    expect(calls).toEqual(
      refs.flatMap((ref) => [
        `cosign verify ${ref} --certificate-identity-regexp ^https://github.com/acme/todo/.github/workflows/release.yml@refs/tags/v --certificate-oidc-issuer https://token.actions.githubusercontent.com`,
        `gh attestation verify oci://${ref} --repo acme/todo --predicate-type https://slsa.dev/provenance/v1`,
      ]),
    );
    expect(stdout.trim().split('\n')).toEqual(refs.map((ref) => `verified: ${ref} (signature and provenance)`));
  });

  it('verify.sh fails on a bad signature, and refuses a ref not pinned by digest', () => {
    const bad = withFakes('scripts/release/verify.sh', ['acme/todo', `ghcr.io/acme/todo-backend@${digest('a')}`], {
      cosign: 'echo "no matching signatures" >&2; exit 1',
      gh: 'exit 0',
    });
    expect(bad.status).not.toBe(0);
    expect(bad.calls.some((call) => call.startsWith('gh '))).toBe(false);
    const tagged = withFakes('scripts/release/verify.sh', ['acme/todo', 'ghcr.io/acme/todo-backend:v1.0.0'], {
      cosign: 'exit 0',
      gh: 'exit 0',
    });
    expect(tagged.status).toBe(1);
    expect(tagged.stderr.trim()).toBe('verify.sh: ghcr.io/acme/todo-backend:v1.0.0 is not pinned by digest');
    expect(tagged.calls).toEqual([]);
  });

  it('manifest.sh joins both platforms of each image and prints the digest to sign', () => {
    const { status, stdout, stderr, calls } = withFakes('scripts/release/manifest.sh', ['ghcr.io/Acme', 'v1.4.0'], {
      docker: `case "$3" in inspect) echo '{"digest":"${digest('d')}","mediaType":"application/vnd.oci.image.index.v1+json"}';; esac`,
    });
    expect(status, stderr).toBe(0);
    expect(stdout.trim().split('\n')).toEqual([`todo-backend=${digest('d')}`, `todo-frontend=${digest('d')}`]);
    expect(calls).toContain(
      'docker buildx imagetools create --tag ghcr.io/acme/todo-backend:v1.4.0 ghcr.io/acme/todo-backend:v1.4.0-amd64 ghcr.io/acme/todo-backend:v1.4.0-arm64',
    );
  });

  it('manifest.sh stops when the registry gives no digest', () => {
    const { status, stderr } = withFakes('scripts/release/manifest.sh', ['ghcr.io/acme', 'v1.4.0'], {
      docker: `case "$3" in inspect) echo '{}';; esac`,
    });
    expect(status).toBe(1);
    expect(stderr).toContain('manifest.sh: no digest for ghcr.io/acme/todo-backend:v1.4.0');
  });
});
