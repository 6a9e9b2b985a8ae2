import { describe, expect, it } from 'vitest';
import { atOrAbove, findings, marker, renderMarkdown, type TrivyReport } from './trivy.js';

const report: TrivyReport = {
  SchemaVersion: 2,
  Results: [
    {
      Target: 'todo-backend:dev (debian 12.8)',
      Vulnerabilities: [
        {
          VulnerabilityID: 'CVE-2026-0001',
          PkgName: 'openssl',
          InstalledVersion: '3.0.1',
          FixedVersion: '3.0.2',
          Severity: 'CRITICAL',
          Title: 'bad | thing',
        },
        { VulnerabilityID: 'CVE-2026-0002', PkgName: 'zlib', InstalledVersion: '1.2', Severity: 'LOW' },
      ],
    },
    {
      Target: 'docker/backend.Dockerfile',
      Misconfigurations: [
        {
          ID: 'DS002',
          Title: 'Image user should not be root',
          Severity: 'HIGH',
          Status: 'FAIL',
          CauseMetadata: { StartLine: 7 },
        },
        { ID: 'DS026', Title: 'No HEALTHCHECK', Severity: 'LOW', Status: 'PASS' },
      ],
    },
  ],
};

describe('scan-report Trivy helpers', () => {
  it('reads vulnerabilities and failed misconfigurations', () => {
    const all = findings(report);
    expect(all.map((f) => [f.id, f.severity, f.kind])).toEqual([
      ['CVE-2026-0001', 'CRITICAL', 'vulnerability'],
      ['CVE-2026-0002', 'LOW', 'vulnerability'],
      ['DS002', 'HIGH', 'misconfiguration'],
    ]);
    expect(all[2]).toMatchObject({ target: 'docker/backend.Dockerfile', line: 7 });
    expect(all[0]!.fix).toBe('3.0.2');
  });

  it('refuses a report of another shape instead of finding nothing in it', () => {
    expect(() => findings({ results: [] } as unknown as TrivyReport)).toThrow('it has no SchemaVersion');
    expect(() => findings({ SchemaVersion: 2, Results: {} } as unknown as TrivyReport)).toThrow(
      'Results is not a list',
    );
    expect(findings({ SchemaVersion: 2 })).toEqual([]);
  });

  it('applies the threshold, and refuses an unknown one', () => {
    const all = findings(report);
    expect(atOrAbove(all, 'critical').map((f) => f.id)).toEqual(['CVE-2026-0001']);
    expect(atOrAbove(all, 'HIGH').map((f) => f.id)).toEqual(['CVE-2026-0001', 'DS002']);
    expect(atOrAbove(all, 'LOW')).toHaveLength(3);
    expect(atOrAbove(all, 'NONE')).toEqual([]);
    expect(() => atOrAbove(all, 'SEVERE')).toThrow(
      'severity-threshold must be one of CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN or NONE, not "SEVERE"',
    );
  });

  it('renders counts and a table sorted by severity, starting with the marker', () => {
    const all = findings(report);
    const markdown = renderMarkdown('Backend image', all, atOrAbove(all, 'HIGH'), 'high');
    expect(markdown.startsWith(marker('Backend image'))).toBe(true);
    expect(markdown).toContain(
      'CRITICAL: 1 · HIGH: 1 · MEDIUM: 0 · LOW: 1 · UNKNOWN: 0. Threshold HIGH: 2 findings at or above it.',
    );
    const rows = markdown
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| severity') && !l.startsWith('| ---'));
    expect(rows.map((r) => r.split(' | ')[1])).toEqual(['CVE-2026-0001', 'DS002', 'CVE-2026-0002']);
    expect(markdown).toContain('openssl 3.0.1: bad \\| thing');
    expect(markdown).toContain('docker/backend.Dockerfile:7');
  });
});
