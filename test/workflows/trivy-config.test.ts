import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderYaml, scenarios } from '../../scripts/chart/render.js';
import { nativeTool } from '../lib/native-tool.js';

// Trivy's built-in misconfiguration checks, offline (no database, no check download), over what
// the pipeline's config-scan job scans on GitHub: the Dockerfiles, compose file and rendered chart.
const trivy = nativeTool(
  'trivy',
  process.env.TRIVY,
  'build trivy v0.74.0 with go (.ci/run does, into its cache) and set TRIVY',
);

type Finding = { ID: string; Severity: string; Status: string; Title: string };
function scan(dir: string): string[] {
  const cache = mkdtempSync(join(tmpdir(), 'trivy-cache-'));
  const result = spawnSync(
    trivy!,
    [
      'config',
      '--quiet',
      '--skip-check-update',
      '--cache-dir',
      cache,
      '--severity',
      'HIGH,CRITICAL',
      '--format',
      'json',
      dir,
    ],
    { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 },
  );
  if (result.status !== 0) throw new Error(`trivy failed: ${result.stderr}`);
  const report = JSON.parse(result.stdout) as { Results?: { Target: string; Misconfigurations?: Finding[] }[] };
  return (report.Results ?? []).flatMap((r) =>
    (r.Misconfigurations ?? []).filter((m) => m.Status === 'FAIL').map((m) => `${r.Target}: ${m.ID} ${m.Title}`),
  );
}

describe.skipIf(!trivy)('trivy config (built-in checks, offline)', () => {
  it('finds no HIGH or CRITICAL misconfiguration in the Dockerfiles, compose file and rendered chart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trivy-config-'));
    for (const file of readdirSync('docker').filter((f) => f.endsWith('.Dockerfile') || f === 'compose.yaml')) {
      // Trivy recognises Dockerfiles by name.
      copyFileSync(
        `docker/${file}`,
        join(dir, file.endsWith('.Dockerfile') ? `Dockerfile.${file.split('.')[0]}` : file),
      );
    }
    mkdirSync(join(dir, 'chart'));
    for (const scenario of scenarios()) {
      writeFileSync(join(dir, 'chart', `${scenario.name}.yaml`), renderYaml({ values: scenario.values }));
    }
    expect(scan(dir)).toEqual([]);
  });

  it('does report a Dockerfile that runs as root (the scan can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trivy-bad-'));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM debian:trixie-slim\nUSER root\nCMD ["sleep", "1"]\n');
    expect(scan(dir).join('\n')).toMatch(/DS-?0*02/);
  });
});
