import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Every npm script that runs a script of ours (the rest run vitest, eslint, tsc or npm itself).
const scripts = Object.entries(
  (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts,
)
  .filter(([, command]) => /^(tsx|bash) scripts\//.test(command))
  .map(([name]) => name);

const npmRun = (name: string, ...args: string[]) =>
  spawnSync('npm', ['run', '-s', name, '--', ...args], { encoding: 'utf8', timeout: 60_000 });

describe('the scripts’ command lines', () => {
  it('cover the scripts of package.json', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(20);
  });

  it.each(scripts)('%s --help: what it does, and each option and variable with a description', (name) => {
    const { status, stdout } = npmRun(name, '--help');
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^npm run .*${name.split(':')[0]}`));
    expect(lines[2], 'a sentence says what it does').toMatch(/^\S.{20,}/);
    const entries = lines.filter((line) => /^ {2,}(--|[A-Z][A-Z_]+\b)/.test(line));
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(entry, 'a description beside the name').toMatch(/^ +\S+(?: [A-Z]+)? {2,}\S/);
  });

  it.each(scripts.filter((name) => name !== 'act'))('%s refuses an unknown option in one line, exit 1', (name) => {
    const { status, stderr } = npmRun(name, '--no-such-option');
    expect(status).toBe(1);
    expect(stderr.trim()).toMatch(
      new RegExp(`^${name}: unknown option --no-such-option: expected .*--help \\(--help says more\\)$`),
    );
  });
});
