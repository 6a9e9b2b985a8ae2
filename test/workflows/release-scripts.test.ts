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

/**
 * cosign and gh that answer as the real ones would for one release: a signature whose certificate
 * names SIGNER (a workflow ref) and GitHub's issuer, and a SLSA provenance attestation of REPO. Each
 * checks what it is asked by its meaning (the identity regexp against the certificate, the issuer,
 * the repository, the predicate type, the digest signed), not by the text of a command line.
 */
const verifiers = (signed: string[], signer: string, attestedRepo: string) => ({
  cosign: [
    'ref=$2; shift 2; regexp="" issuer=""',
    'while [ $# -gt 0 ]; do case $1 in --certificate-identity-regexp) regexp=$2; shift 2;; --certificate-oidc-issuer) issuer=$2; shift 2;; *) shift;; esac; done',
    `case " ${signed.join(' ')} " in *" $ref "*) ;; *) echo "no signatures found for $ref" >&2; exit 1;; esac`,
    `[[ "${signer}" =~ $regexp ]] || { echo "none of the expected identities matched" >&2; exit 1; }`,
    '[ "$issuer" = https://token.actions.githubusercontent.com ] || { echo "wrong issuer" >&2; exit 1; }',
  ].join('\n'),
  gh: [
    'ref=${3#oci://}; shift 3; repo="" predicate=""',
    'while [ $# -gt 0 ]; do case $1 in --repo) repo=$2; shift 2;; --predicate-type) predicate=$2; shift 2;; *) shift;; esac; done',
    `case " ${signed.join(' ')} " in *" $ref "*) ;; *) echo "no attestations for $ref" >&2; exit 1;; esac`,
    `[ "$repo" = ${attestedRepo} ] || { echo "attestation is from ${attestedRepo}, not $repo" >&2; exit 1; }`,
    '[ "$predicate" = https://slsa.dev/provenance/v1 ] || { echo "no attestation of $predicate" >&2; exit 1; }',
  ].join('\n'),
});
const RELEASE_WORKFLOW = 'https://github.com/acme/todo/.github/workflows/release.yml@refs/tags/v1.4.0';

/** A docker whose registry holds the per-platform pushes, and makes an index only from both of them. */
const registryDocker = (pushed: string[]) =>
  [
    `pushed=" ${pushed.join(' ')} "; state="$(dirname "$0")/indexes"`,
    'case "$3" in',
    '  create) tag=$5; shift 5',
    '    [ $# -eq 2 ] && [ "$1" = "$tag-amd64" ] && [ "$2" = "$tag-arm64" ] || { echo "want both platforms of $tag" >&2; exit 1; }',
    '    for ref in "$@"; do case $pushed in *" $ref "*) ;; *) echo "$ref: not found" >&2; exit 1;; esac; done',
    '    echo "$tag" >> "$state";;',
    '  inspect) if grep -qxF "$4" "$state" 2>/dev/null; then echo \'{"digest":"sha256:' +
      'd'.repeat(64) +
      "\"}'; else echo '{}'; fi;;",
    'esac',
  ].join('\n');

describe('the release scripts', () => {
  const refs = [`ghcr.io/acme/todo-backend@${digest('a')}`, `ghcr.io/acme/charts/todo-chatbot@${digest('c')}`];

  it('verify.sh passes a release signed by its own release workflow, with provenance of its repository', () => {
    const { status, stdout, stderr } = withFakes(
      'scripts/release/verify.sh',
      ['acme/todo', ...refs],
      verifiers(refs, RELEASE_WORKFLOW, 'acme/todo'),
    );
    expect(status, stderr).toBe(0);
    expect(stdout.trim().split('\n')).toEqual(refs.map((ref) => `verified: ${ref} (signature and provenance)`));
  });

  it('verify.sh fails a signature by another workflow or repository, or off a tag, and provenance of another repository', () => {
    for (const signer of [
      'https://github.com/acme/todo/.github/workflows/ci.yml@refs/tags/v1.4.0',
      'https://github.com/acme/todo/.github/workflows/release.yml@refs/heads/main',
      'https://github.com/mallory/todo/.github/workflows/release.yml@refs/tags/v1.4.0',
    ]) {
      const result = withFakes(
        'scripts/release/verify.sh',
        ['acme/todo', ...refs],
        verifiers(refs, signer, 'acme/todo'),
      );
      expect(result.status, signer).not.toBe(0);
      expect(result.stderr, signer).toContain('none of the expected identities matched');
      expect(
        result.calls.some((call) => call.startsWith('gh ')),
        signer,
      ).toBe(false);
    }
    const foreign = withFakes(
      'scripts/release/verify.sh',
      ['acme/todo', ...refs],
      verifiers(refs, RELEASE_WORKFLOW, 'mallory/todo'),
    );
    expect(foreign.status).not.toBe(0);
    expect(foreign.stderr).toContain('attestation is from mallory/todo');
    const unsigned = withFakes(
      'scripts/release/verify.sh',
      ['acme/todo', ...refs],
      verifiers(refs.slice(1), RELEASE_WORKFLOW, 'acme/todo'),
    );
    expect(unsigned.status).not.toBe(0);
    expect(unsigned.stdout).toBe('');
  });

  it('verify.sh refuses a ref not pinned by digest, before asking anything', () => {
    const tagged = withFakes(
      'scripts/release/verify.sh',
      ['acme/todo', 'ghcr.io/acme/todo-backend:v1.0.0'],
      verifiers([], RELEASE_WORKFLOW, 'acme/todo'),
    );
    expect(tagged.status).toBe(1);
    expect(tagged.stderr.trim()).toBe('verify.sh: ghcr.io/acme/todo-backend:v1.0.0 is not pinned by digest');
    expect(tagged.calls).toEqual([]);
  });

  it('manifest.sh joins both platforms of each image, in lower case, and prints the digest to sign', () => {
    const pushed = ['todo-backend', 'todo-frontend'].flatMap((image) =>
      ['amd64', 'arm64'].map((arch) => `ghcr.io/acme/${image}:v1.4.0-${arch}`),
    );
    const { status, stdout, stderr } = withFakes('scripts/release/manifest.sh', ['ghcr.io/Acme', 'v1.4.0'], {
      docker: registryDocker(pushed),
    });
    expect(status, stderr).toBe(0);
    expect(stdout.trim().split('\n')).toEqual([`todo-backend=${digest('d')}`, `todo-frontend=${digest('d')}`]);
  });

  it('manifest.sh stops when a platform is missing or the registry gives no digest', () => {
    const missing = withFakes('scripts/release/manifest.sh', ['ghcr.io/acme', 'v1.4.0'], {
      docker: registryDocker(['ghcr.io/acme/todo-backend:v1.4.0-amd64']),
    });
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('ghcr.io/acme/todo-backend:v1.4.0-arm64: not found');
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
