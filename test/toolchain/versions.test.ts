import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STAMPED_FILES, STAMPS, stamped } from '../../project/stamps.js';
import { parseToolchain, TOOLCHAIN_ENTRIES, TOOLCHAIN_FILE, type ToolchainEntry } from '../../project/toolchain.js';

/** Files that may hold a toolchain value: generated from it, or someone else's list. */
const EXEMPT = [
  /^toolchain\.env$/,
  /^package-lock\.json$/,
  /^\.github\/workflows\/[^/]+\.yml$/, // npm run gen:workflows
  /^\.github\/actions\/[^/]+\/dist\//, // npm run build:actions
  /^scripts\/act\/stand-ins\/[^/]+\/[^/]+\/dist\//, // npm run build, the act stand-ins' bundles
  /^scripts\/act\/stand-ins\/package\.json$/, // the npm toolkit's version ranges
  /^workflows-src\/lib\/bindings\/actions\.ts$/, // npm run gen:bindings, from the actions' own defaults
  /^helm\/[^/]+\/README\.md$/, // npm run chart:readme, from values.yaml
  /^scripts\/act\/runner-tools\.txt$/, // what GitHub's runner image carries, in its own words
];

/** The strings that give a value away: itself, a version without its v, an image's tag and digest. */
export function needles(entry: Pick<ToolchainEntry, 'value'>): string[] {
  const { value } = entry;
  const found = new Set([value]);
  const version = /^v?(\d+\.\d+\.\d+\S*)$/.exec(value);
  if (version) found.add(version[1]!);
  const image = /^[a-z0-9./-]+:([^@]+)(?:@(sha256:[0-9a-f]+))?$/.exec(value);
  if (image) {
    if (/\d\.\d/.test(image[1]!)) found.add(image[1]!.replace(/^v/, ''));
    if (image[2]) found.add(image[2]);
  }
  return [...found].filter((needle) => needle.length >= 5);
}

export type Finding = { file: string; line: number; name: string; text: string };

/** Each line of `files` that types a toolchain value, outside the lines the stamps write. */
export function hardCoded(files: { path: string; text: string }[], entries: ToolchainEntry[]): Finding[] {
  const findings: Finding[] = [];
  for (const { path, text } of files) {
    if (EXEMPT.some((pattern) => pattern.test(path))) continue;
    let scanned = text;
    for (const stamp of STAMPS.filter((s) => s.file === path))
      scanned = scanned.replace(stamp.line, (line) => line.replace(/\S/g, ' '));
    for (const [index, line] of scanned.split('\n').entries()) {
      for (const entry of entries) {
        if (needles(entry).some((needle) => line.includes(needle))) {
          findings.push({ file: path, line: index + 1, name: entry.name, text: line.trim() });
        }
      }
    }
  }
  return findings;
}

function repositoryFiles(): { path: string; text: string }[] {
  const paths = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    encoding: 'utf8',
  })
    .split('\0')
    .filter(Boolean);
  return paths.flatMap((path) => {
    try {
      const text = readFileSync(path, 'utf8');
      return text.includes('\0') ? [] : [{ path, text }];
    } catch {
      return []; // deleted in the work tree, not yet staged
    }
  });
}

describe('toolchain.env: each version written once', () => {
  it('no version or image of toolchain.env is typed anywhere else (stamped copies and generated files aside)', () => {
    const findings = hardCoded(repositoryFiles(), TOOLCHAIN_ENTRIES).map(
      (f) => `${f.file}:${f.line}: ${f.name} typed again (read it from ${TOOLCHAIN_FILE}): ${f.text}`,
    );
    expect(findings).toEqual([]);
  });

  it('finds a value typed again, with or without its v, and an image by its tag or digest', () => {
    const entries = parseToolchain(
      'KIND_VERSION=v9.8.7 # here\nIMG=kindest/node:v9.6.5@sha256:abcdef12 # there\nSHORT=1.2 # too short to look for\n',
    );
    const files = [
      { path: 'scripts/a.ts', text: "ok\nconst kind = 'sigs.k8s.io/kind@v9.8.7';\n" },
      { path: 'docs/b.md', text: 'kind 9.8.7 runs Kubernetes 9.6.5 (sha256:abcdef12); 1.2 is fine\n' },
      { path: '.github/workflows/ci.yml', text: 'kind@v9.8.7\n' },
    ];
    expect(hardCoded(files, entries).map((f) => `${f.file}:${f.line} ${f.name}`)).toEqual([
      'scripts/a.ts:2 KIND_VERSION',
      'docs/b.md:1 KIND_VERSION',
      'docs/b.md:1 IMG',
    ]);
  });

  it('accepts a value only on the line a stamp writes', () => {
    const nvmrc = STAMPS.find((s) => s.file === '.nvmrc')!;
    const entry = TOOLCHAIN_ENTRIES.find((e) => e.name === 'NODE_VERSION')!;
    expect(hardCoded([{ path: '.nvmrc', text: `${nvmrc.value}\n` }], [entry])).toEqual([]);
    expect(hardCoded([{ path: 'README.md', text: `${nvmrc.value}\n` }], [entry])).toHaveLength(1);
  });

  it('every stamped copy is current, and a stale one is rewritten', () => {
    for (const file of STAMPED_FILES) {
      const text = readFileSync(file, 'utf8');
      expect(stamped(file, text), `${file}: run npm run gen:stamps`).toBe(text);
    }
    const stale = [
      'ARG NODE_IMAGE=node:20-bookworm-slim',
      'ARG DEBIAN_IMAGE=debian:bookworm-slim',
      'FROM ${NODE_IMAGE}',
      'LABEL org.opencontainers.image.title="old" \\',
      'ENTRYPOINT ["/usr/local/bin/node", "/app/server.js"]',
      '',
    ].join('\n');
    const fresh = stamped('docker/backend.Dockerfile', stale);
    expect(fresh).toContain(`ARG NODE_IMAGE=${TOOLCHAIN_ENTRIES.find((e) => e.name === 'NODE_IMAGE')!.value}\n`);
    expect(fresh).not.toContain('bookworm');
    expect(fresh).toContain(
      `ENTRYPOINT ["/usr/local/bin/node", "--experimental-async-context-frame", "/app/server.js"]\n`,
    );
    expect(() => stamped('docker/backend.Dockerfile', 'FROM scratch\n')).toThrow(/no line matching/);
  });

  it('parses NAME=value # where, expands ${NAME} from lines above, and refuses anything else', () => {
    const [a, b] = parseToolchain('# header\n\nA=1.2.3 # a\nB=x-${A}-y # b\n');
    expect(a).toMatchObject({ name: 'A', value: '1.2.3', line: 3, comment: 'a' });
    expect(b).toMatchObject({ name: 'B', value: 'x-1.2.3-y', raw: 'x-${A}-y' });
    expect(() => parseToolchain('A=1.2.3\n')).toThrow(/toolchain\.env:1: write NAME=value # where it is used/);
    expect(() => parseToolchain('B=${A} # b\n')).toThrow(/\$\{A\} is not defined above/);
  });
});
