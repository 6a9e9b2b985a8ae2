import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOOLCHAIN } from '../../project/toolchain.js';
import { renderYaml, scenarios } from '../../scripts/chart/render.js';
import { nativeTool } from '../lib/native-tool.js';
import { atOrAbove, findings, type TrivyReport } from '../../.github/actions/scan-report/src/trivy.js';

// Trivy's built-in misconfiguration checks, offline (no database, no check download), with the
// settings of trivy-config-scan.yaml that the config-scan job passes to trivy-action: the same files, checks
// and accepted findings here and on GitHub.
const trivy = nativeTool(
  'trivy',
  process.env.TRIVY,
  `install trivy ${TOOLCHAIN.TRIVY_VERSION} (the test job does, with setup-trivy) or set TRIVY`,
);

type Finding = { ID: string; Severity: string; Status: string; Title: string };
/** Trivy's JSON report of a config scan of dir. */
function report(dir: string, ...options: string[]): TrivyReport {
  const cache = mkdtempSync(join(tmpdir(), 'trivy-cache-'));
  const result = spawnSync(
    trivy!,
    [
      'config',
      '--quiet',
      '--config',
      'trivy-config-scan.yaml',
      '--cache-dir',
      cache,
      '--format',
      'json',
      ...options,
      dir,
    ],
    { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 },
  );
  if (result.status !== 0) throw new Error(`trivy failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as TrivyReport;
}
function scan(dir: string, ...options: string[]): string[] {
  const { Results } = report(dir, ...options) as { Results?: { Target: string; Misconfigurations?: Finding[] }[] };
  return (Results ?? []).flatMap((r) =>
    (r.Misconfigurations ?? []).filter((m) => m.Status === 'FAIL').map((m) => `${r.Target}: ${m.ID} ${m.Title}`),
  );
}

describe.skipIf(!trivy)('trivy config (built-in checks, offline, trivy-config-scan.yaml)', () => {
  it('finds no HIGH or CRITICAL misconfiguration in the repository, scanned as the config-scan job does', () => {
    expect(scan('.')).toEqual([]);
  });

  it("gates on Trivy's own report: a root image fails at HIGH, one with a user passes", () => {
    const dir = mkdtempSync(join(tmpdir(), 'gate-'));
    for (const [name, body] of [
      ['root', 'FROM debian:trixie\nRUN echo hello\n'],
      ['user', 'FROM debian:trixie\nUSER 10001\nHEALTHCHECK NONE\n'],
    ] as const) {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, 'Dockerfile'), body);
    }
    const failing = atOrAbove(findings(report(join(dir, 'root'))), 'HIGH');
    expect(failing.map((f) => `${f.target} ${f.id} ${f.severity}`)).toEqual(['Dockerfile DS-0002 HIGH']);
    expect(atOrAbove(findings(report(join(dir, 'user'))), 'HIGH')).toEqual([]);
  });

  it('accepts only the listed stand-ins running as root and the offline CNI: without the ignore file they are found', () => {
    const found = scan('.', '--ignorefile', '/dev/null').map((f) => f.replace(/^(\S+): (\S+) .*$/, '$1 $2'));
    expect(found.sort()).toEqual([
      // kube-router, the offline kind node's CNI: the node's network namespace, and privileged.
      'docker/offline/kind-node/files/manifests/default-cni.yaml KSV-0009',
      'docker/offline/kind-node/files/manifests/default-cni.yaml KSV-0017',
      'docker/offline/kind-node/netfilter.Dockerfile DS-0002',
      'docker/offline/kind-node/node.Dockerfile DS-0002',
      'docker/offline/node.Dockerfile DS-0002',
      'docker/offline/postgres.Dockerfile DS-0002',
    ]);
  });

  it('finds none in the chart rendered with every ci/ scenario', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trivy-config-'));
    mkdirSync(join(dir, 'chart'));
    for (const scenario of scenarios()) {
      writeFileSync(join(dir, 'chart', `${scenario.name}.yaml`), renderYaml({ values: scenario.values }));
    }
    expect(scan(dir)).toEqual([]);
  });

  it('leaves image scans alone: no trivy.yaml, which Trivy would read in every scan started at the root', () => {
    expect(existsSync('trivy.yaml')).toBe(false);
  });

  it('does report a Dockerfile that runs as root (the scan can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trivy-bad-'));
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${TOOLCHAIN.DEBIAN_IMAGE}\nUSER root\nCMD ["sleep", "1"]\n`);
    expect(scan(dir).join('\n')).toMatch(/DS-?0*02/);
  });
});
