import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GO_TOOLS, PINS, PYPI_TOOLS, TRIVY_VERSION } from '../../workflows-src/lib/pins.js';

type Manager = {
  managerFilePatterns: string[];
  matchStrings: string[];
  depNameTemplate?: string;
  datasourceTemplate: string;
};
const config = JSON.parse(readFileSync('.github/renovate.json', 'utf8')) as {
  enabledManagers: string[];
  customManagers: Manager[];
  postUpgradeTasks: { commands: string[] };
};
const PINS_FILE = 'workflows-src/lib/pins.ts';
const pinsText = readFileSync(PINS_FILE, 'utf8');

/** What Renovate would read from pins.ts: each custom manager's matches, as datasource:name@version. */
function found(): string[] {
  return config.customManagers
    .filter((m) => m.managerFilePatterns.some((p) => new RegExp(p.slice(1, -1)).test(PINS_FILE)))
    .flatMap((m) =>
      m.matchStrings.flatMap((source) =>
        [...pinsText.matchAll(new RegExp(source, 'g'))].map((match) => {
          const { depName, currentValue, currentDigest } = match.groups!;
          return `${m.datasourceTemplate}:${depName ?? m.depNameTemplate}@${currentValue}${currentDigest ? `#${currentDigest}` : ''}`;
        }),
      ),
    );
}

describe('Renovate', () => {
  it('reads every pin of pins.ts, each once, with its version (and an action’s commit)', () => {
    const expected = [
      ...Object.values(PINS).map((p) => `github-tags:${p.repo.split('/').slice(0, 2).join('/')}@${p.tag}#${p.sha}`),
      ...Object.values(GO_TOOLS).map((t) => `go:${t.module}@${t.version}`),
      ...Object.entries(PYPI_TOOLS).map(([name, t]) => `pypi:${name}@${t.version}`),
      `github-releases:aquasecurity/trivy@${TRIVY_VERSION}`,
    ];
    expect(found().sort()).toEqual(expected.sort());
  });

  it('leaves the generated workflows alone, and regenerates them after an upgrade', () => {
    expect(config.enabledManagers).not.toContain('github-actions');
    expect(config.postUpgradeTasks.commands).toEqual(
      expect.arrayContaining(['npm run gen:bindings', 'npm run gen:workflows']),
    );
    expect(readFileSync('.github/dependabot.yml', 'utf8')).not.toMatch(/package-ecosystem: github-actions/);
  });
});
