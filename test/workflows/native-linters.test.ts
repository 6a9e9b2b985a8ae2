import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nativeTool as tool } from '../lib/native-tool.js';

const actionlint = tool(
  'actionlint',
  process.env.ACTIONLINT,
  'go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12 (the test job does)',
);
const shellcheck = tool('shellcheck', undefined, 'apt-get install shellcheck');
const SHELL_SCRIPTS = [
  '.ci/run',
  '.ci/postgres.sh',
  ...['scripts', 'docker'].flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.sh'))
      .map((f) => `${dir}/${f}`),
  ),
];

describe('native linters', () => {
  it.skipIf(!actionlint || !shellcheck)(
    'actionlint, with shellcheck on every run: block, passes the generated workflows',
    () => {
      const result = spawnSync(actionlint!, ['-shellcheck', shellcheck!], { encoding: 'utf8' });
      expect(result.stdout + result.stderr).toBe('');
      expect(result.status).toBe(0);
    },
  );

  it.skipIf(!shellcheck)('shellcheck passes the shell scripts', () => {
    expect(() => execFileSync(shellcheck!, ['--severity=style', ...SHELL_SCRIPTS], { encoding: 'utf8' })).not.toThrow();
  });

  it.skipIf(!actionlint)('actionlint does find a broken run: block', () => {
    const broken =
      'on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo "${{ github.event.issue.title }}"\n';
    const result = spawnSync(actionlint!, ['-'], { input: broken, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/github\.event\.issue\.title.*(untrusted|potentially)/);
  });
});
