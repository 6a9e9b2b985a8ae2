/** Pure helpers for Trivy's JSON report: findings, counts, markdown. No toolkit here. */

export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'] as const;
export type Severity = (typeof SEVERITIES)[number];

type Vulnerability = {
  VulnerabilityID: string;
  PkgName: string;
  InstalledVersion: string;
  FixedVersion?: string;
  Severity: Severity;
  Title?: string;
};
type Misconfiguration = {
  ID: string;
  Title: string;
  Message?: string;
  Severity: Severity;
  Status?: string;
  CauseMetadata?: { StartLine?: number };
};
export type TrivyReport = {
  /** 2 for every Trivy of the last years; a report without it is not Trivy's. */
  SchemaVersion: number;
  ArtifactName?: string;
  Results?: { Target: string; Vulnerabilities?: Vulnerability[]; Misconfigurations?: Misconfiguration[] }[];
};

export type Finding = {
  id: string;
  severity: Severity;
  target: string;
  what: string;
  fix?: string;
  line?: number;
  kind: 'vulnerability' | 'misconfiguration';
};

/** The findings of a report; Trivy leaves Results out when it found nothing to report. */
export function findings(report: TrivyReport): Finding[] {
  if (typeof report?.SchemaVersion !== 'number') throw new Error('not a Trivy JSON report: it has no SchemaVersion');
  if (report.Results !== undefined && !Array.isArray(report.Results))
    throw new Error('not a Trivy JSON report: its Results is not a list');
  return (report.Results ?? []).flatMap((result) => [
    ...(result.Vulnerabilities ?? []).map((v) => ({
      id: v.VulnerabilityID,
      severity: v.Severity,
      target: result.Target,
      what: `${v.PkgName} ${v.InstalledVersion}${v.Title ? `: ${v.Title}` : ''}`,
      ...(v.FixedVersion && { fix: v.FixedVersion }),
      kind: 'vulnerability' as const,
    })),
    ...(result.Misconfigurations ?? [])
      .filter((m) => m.Status !== 'PASS')
      .map((m) => ({
        id: m.ID,
        severity: m.Severity,
        target: result.Target,
        what: m.Message ?? m.Title,
        ...(m.CauseMetadata?.StartLine && { line: m.CauseMetadata.StartLine }),
        kind: 'misconfiguration' as const,
      })),
  ]);
}

const rank = (severity: Severity) => SEVERITIES.length - SEVERITIES.indexOf(severity);

/** Findings at or above the threshold; NONE means nothing fails. */
export function atOrAbove(all: Finding[], threshold: string): Finding[] {
  const upper = threshold.toUpperCase();
  if (upper === 'NONE') return [];
  if (!SEVERITIES.includes(upper as Severity))
    throw new Error(`severity-threshold must be one of ${SEVERITIES.join(', ')} or NONE, not "${threshold}"`);
  return all.filter((f) => rank(f.severity) >= rank(upper as Severity));
}

export const marker = (title: string) => `<!-- scan-report: ${title} -->`;

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(
  title: string,
  all: Finding[],
  failing: Finding[],
  threshold: string,
  limit = 30,
): string {
  const counts = SEVERITIES.map((s) => `${s}: ${all.filter((f) => f.severity === s).length}`).join(' · ');
  const verdict = failing.length === 0 ? '✅' : '❌';
  const lines = [
    marker(title),
    `## ${verdict} ${title}`,
    '',
    `${counts}. Threshold ${threshold.toUpperCase()}: ${failing.length} finding${failing.length === 1 ? '' : 's'} at or above it.`,
  ];
  const sorted = [...all].sort((a, b) => rank(b.severity) - rank(a.severity) || a.id.localeCompare(b.id));
  if (sorted.length > 0) {
    lines.push('', '| severity | id | target | finding | fixed in |', '| --- | --- | --- | --- | --- |');
    for (const f of sorted.slice(0, limit)) {
      lines.push(
        `| ${f.severity} | ${cell(f.id)} | ${cell(f.target)}${f.line ? `:${f.line}` : ''} | ${cell(f.what)} | ${cell(f.fix ?? '')} |`,
      );
    }
    if (sorted.length > limit) lines.push('', `…and ${sorted.length - limit} more in the report artifact.`);
  }
  return `${lines.join('\n')}\n`;
}
