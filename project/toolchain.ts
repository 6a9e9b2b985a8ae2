/**
 * toolchain.env, read: every pinned tool and image version of the project, one entry each, with
 * where it is used and what Renovate reads from it. Bash sources the same file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './root.js';

export type ToolchainEntry = {
  name: string;
  /** The value with `${OTHER}` expanded, as bash sees it after sourcing. */
  value: string;
  /** As written, before expansion. */
  raw: string;
  line: number;
  /** The comment: where the value is used, then `renovate: …` when Renovate keeps it current. */
  comment: string;
};

export const TOOLCHAIN_FILE = 'toolchain.env';
const LINE = /^([A-Z][A-Z0-9_]*)=(\S+) # (.+)$/;

/** The entries of a toolchain.env text; a line that is neither blank, a comment nor an entry throws. */
export function parseToolchain(text: string): ToolchainEntry[] {
  const entries: ToolchainEntry[] = [];
  const known = new Map<string, string>();
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const match = LINE.exec(line);
    if (!match) throw new Error(`${TOOLCHAIN_FILE}:${index + 1}: write NAME=value # where it is used`);
    const [, name, raw, comment] = match as unknown as [string, string, string, string];
    const value = raw.replace(/\$\{([A-Z0-9_]+)\}/g, (_, other: string) => {
      const expanded = known.get(other);
      if (expanded === undefined) throw new Error(`${TOOLCHAIN_FILE}:${index + 1}: \${${other}} is not defined above`);
      return expanded;
    });
    known.set(name, value);
    entries.push({ name, value, raw, line: index + 1, comment });
  }
  return entries;
}

export const TOOLCHAIN_ENTRIES = parseToolchain(readFileSync(join(repoRoot, TOOLCHAIN_FILE), 'utf8'));

const NAMES = [
  'NODE_VERSION',
  'NPM_VERSION',
  'NODE_IMAGE',
  'DEBIAN_IMAGE',
  'POSTGRES_IMAGE',
  'ACT_VERSION',
  'KIND_VERSION',
  'KIND_NODE_IMAGE',
  'OFFLINE_KUBERNETES_VERSION',
  'KUBECTL_LAYER',
  'HELM_VERSION',
  'TRIVY_VERSION',
  'ACTIONLINT_VERSION',
  'KUBECONFORM_VERSION',
  'HELM_DOCS_VERSION',
  'ZIZMOR_VERSION',
  'TRAEFIK_VERSION',
  'TRAEFIK_IMAGE',
  'METRICS_SERVER_VERSION',
  'METRICS_SERVER_IMAGE',
  'KUBE_ROUTER_VERSION',
  'KUBE_ROUTER_IMAGE',
  'KUBECTL_AI_VERSION',
] as const;

function toolchain(): Record<(typeof NAMES)[number], string> {
  const byName = new Map(TOOLCHAIN_ENTRIES.map((entry) => [entry.name, entry.value]));
  const missing = NAMES.filter((name) => !byName.has(name));
  if (missing.length > 0) throw new Error(`${TOOLCHAIN_FILE} lacks ${missing.join(', ')}`);
  return Object.fromEntries(NAMES.map((name) => [name, byName.get(name)!])) as Record<(typeof NAMES)[number], string>;
}

/** The values by name. */
export const TOOLCHAIN = toolchain();
