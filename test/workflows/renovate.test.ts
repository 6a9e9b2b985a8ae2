import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TOOLCHAIN_ENTRIES, TOOLCHAIN_FILE } from '../../project/toolchain.js';
import { PINS } from '../../workflows-src/lib/pins.js';
import { LOCK_FILE } from '../../workflows-src/lib/bindings/facts.js';
import { BINDINGS_FILE } from '../../workflows-src/lib/bindings/generate.js';

type Manager = { managerFilePatterns: string[]; matchStrings: string[]; datasourceTemplate?: string };
const config = JSON.parse(readFileSync('.github/renovate.json', 'utf8')) as {
  enabledManagers: string[];
  customManagers: Manager[];
  postUpgradeTasks: { commands: string[]; fileFilters: string[] };
};
const PINS_FILE = 'workflows-src/lib/pins.ts';

/** What Renovate would read from a file: each custom manager's matches, as datasource:name@version#digest. */
function found(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return config.customManagers
    .filter((m) => m.managerFilePatterns.some((p) => new RegExp(p.slice(1, -1)).test(file)))
    .flatMap((m) =>
      m.matchStrings.flatMap((source) =>
        [...text.matchAll(new RegExp(source, 'g'))].map((match) => {
          const { depName, currentValue, currentDigest, datasource } = match.groups!;
          return `${datasource ?? m.datasourceTemplate}:${depName}@${currentValue}${currentDigest ? `#${currentDigest}` : ''}`;
        }),
      ),
    );
}

/** What toolchain.env asks Renovate to keep current: the entries with a `renovate:` tag. */
function tagged(): string[] {
  return TOOLCHAIN_ENTRIES.flatMap(({ value, comment }) => {
    const tag = /renovate: datasource=(\S+)(?: depName=(\S+))?$/.exec(comment);
    if (!tag) return [];
    if (tag[2]) return [`${tag[1]}:${tag[2]}@${value}`];
    const [, name, version, digest] = /^([^:]+):([^@]+)(?:@(.+))?$/.exec(value)!;
    return [`${tag[1]}:${name}@${version}${digest ? `#${digest}` : ''}`];
  });
}

describe('Renovate', () => {
  it('reads every action of pins.ts, each once, with its tag and commit', () => {
    const expected = Object.values(PINS).map(
      (p) => `github-tags:${p.repo.split('/').slice(0, 2).join('/')}@${p.tag}#${p.sha}`,
    );
    expect(found(PINS_FILE).sort()).toEqual(expected.sort());
  });

  it('reads every tagged entry of toolchain.env, each once, with its version (and an image’s digest)', () => {
    expect(tagged().length).toBeGreaterThanOrEqual(10);
    expect(found(TOOLCHAIN_FILE).sort()).toEqual(tagged().sort());
  });

  it('leaves every tool and image version to a tag, except those derived from another or kept by hand', () => {
    const untagged = TOOLCHAIN_ENTRIES.filter((e) => !e.comment.includes('renovate:')).map((e) => e.name);
    expect(untagged.sort()).toEqual([
      'DEBIAN_IMAGE',
      'KUBECTL_LAYER',
      'KUBE_ROUTER_IMAGE',
      'METRICS_SERVER_IMAGE',
      'NODE_IMAGE',
      'TRAEFIK_IMAGE',
    ]);
  });

  it('leaves the generated and stamped files alone, and writes them again after an upgrade', () => {
    expect(config.enabledManagers).toEqual(['npm', 'custom.regex']);
    expect(config.postUpgradeTasks.commands).toEqual(
      expect.arrayContaining(['npm run gen:bindings', 'npm run gen:workflows', 'npm run gen:stamps']),
    );
    // The README needs helm-docs, which the commands install first, at toolchain.env's version.
    const commands = config.postUpgradeTasks.commands.join('\n');
    expect(commands).toMatch(
      /go install github\.com\/norwoodj\/helm-docs\/cmd\/helm-docs@\$HELM_DOCS_VERSION[^]*npm run chart:readme$/,
    );
    expect(config.postUpgradeTasks.fileFilters).toEqual(
      expect.arrayContaining([LOCK_FILE, BINDINGS_FILE, '.nvmrc', 'kind-config.yaml', 'cluster/*.yaml']),
    );
    expect(readFileSync('.github/dependabot.yml', 'utf8')).not.toMatch(/package-ecosystem: (github-actions|docker)/);
  });
});
