/**
 * The table of docs/aiops.md, "Commands and their kubectl translations": what is asked of
 * kubectl-ai, with which profile, and the kubectl commands it is expected to run. The scripted
 * chat-completions server answers from it, and the cluster suites check it against the cluster.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../project/root.js';

export type Profile = 'reader' | 'operator';
export type Translation = { ask: string; profile: Profile; commands: string[] };

const HEADING = '## Commands and their kubectl translations';

/** The rows of the table under HEADING in `markdown`; throws on a row it cannot read. */
export function parseTranslations(markdown: string): Translation[] {
  const section = markdown.split(HEADING)[1]?.split(/\n## /)[0];
  if (!section) throw new Error(`docs/aiops.md has no section "${HEADING.slice(3)}"`);
  const rows = section.split('\n').filter((line) => line.startsWith('|'));
  return rows.slice(2).map((row) => {
    const [ask, profile, commands] = row
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (profile !== 'reader' && profile !== 'operator') throw new Error(`${row}: the profile is reader or operator`);
    const quoted = [...(commands ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
    if (!ask || quoted.length === 0) throw new Error(`${row}: write | ask | profile | \`kubectl …\` |`);
    return { ask, profile, commands: quoted };
  });
}

export const TRANSLATIONS = parseTranslations(readFileSync(join(repoRoot, 'docs/aiops.md'), 'utf8'));

/** The row whose ask `question` is, with `{pod}` (or any `{name}`) filled from it; undefined if none. */
export function translate(question: string): Translation | undefined {
  for (const row of TRANSLATIONS) {
    const names: string[] = [];
    const pattern = row.ask
      .split(/\{(\w+)\}/)
      .map((part, index) =>
        index % 2 ? (names.push(part), '([a-z0-9][a-z0-9.-]*)') : part.replace(/[.*+?^$()[\]\\|]/g, '\\$&'),
      )
      .join('');
    const match = new RegExp(`^${pattern}$`, 'i').exec(question.trim());
    if (!match) continue;
    const values = Object.fromEntries(names.map((name, index) => [name, match[index + 1]!]));
    const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
    return { ask: fill(row.ask), profile: row.profile, commands: row.commands.map(fill) };
  }
  return undefined;
}
