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

describe('latest-tag.sh: the newest release in a history, told apart from a failure', () => {
  const script = join(process.cwd(), 'scripts/release/latest-tag.sh');
  const git = (cwd: string, ...args: string[]) => {
    const result = spawnSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], {
      cwd,
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
  };
  const latest = (cwd: string, ...args: string[]) => spawnSync('bash', [script, ...args], { cwd, encoding: 'utf8' });
  const repository = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tags-'));
    git(dir, 'init', '-q');
    git(dir, 'commit', '-q', '--allow-empty', '-m', 'first');
    return dir;
  };

  it('prints nothing, and succeeds, while the history has no release tag', () => {
    const dir = repository();
    git(dir, 'tag', 'nightly');
    expect(latest(dir)).toMatchObject({ status: 0, stdout: '\n' });
  });

  it('prints the highest version in the history of the revision, by version and not by text', () => {
    const dir = repository();
    git(dir, 'tag', 'v1.9.0');
    git(dir, 'commit', '-q', '--allow-empty', '-m', 'second');
    git(dir, 'tag', 'v1.10.0');
    expect(latest(dir).stdout).toBe('v1.10.0\n');
    expect(latest(dir, 'v1.10.0^').stdout).toBe('v1.9.0\n');
  });

  it('fails, saying why, outside a repository, on an unknown revision and in a shallow clone', () => {
    expect(latest(mkdtempSync(join(tmpdir(), 'no-repo-')))).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('is not a git repository'),
    });
    expect(latest(repository(), 'v9.9.9')).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('no such revision: v9.9.9'),
    });
    const origin = repository();
    git(origin, 'commit', '-q', '--allow-empty', '-m', 'second');
    const shallow = mkdtempSync(join(tmpdir(), 'shallow-'));
    git(shallow, 'clone', '-q', '--depth', '1', `file://${origin}`, '.');
    expect(latest(shallow)).toMatchObject({ status: 1, stderr: expect.stringContaining('is a shallow clone') });
  });
});
