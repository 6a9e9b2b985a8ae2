import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GO_TOOLS, PINS, PYPI_TOOLS } from '../../workflows-src/lib/pins.js';
import { nativeTool as tool } from '../lib/native-tool.js';

const actionlint = tool(
  'actionlint',
  process.env.ACTIONLINT,
  `go install ${GO_TOOLS.actionlint.module}@${GO_TOOLS.actionlint.version} (the test job does)`,
);
const shellcheck = tool('shellcheck', undefined, 'apt-get install shellcheck');
const zizmor = tool(
  'zizmor',
  process.env.ZIZMOR,
  `python3 -m venv ~/.local/zizmor && ~/.local/zizmor/bin/pip install zizmor==${PYPI_TOOLS.zizmor.version} (the test job does)`,
);
const SHELL_SCRIPTS = [
  '.ci/run',
  '.ci/provision',
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

  it.skipIf(!zizmor)('zizmor finds nothing in the generated workflows, with .github/zizmor.yml', () => {
    const result = spawnSync(zizmor!, ['--offline', '--no-progress', '.github/workflows'], { encoding: 'utf8' });
    expect(result.stdout).toContain('No findings to report');
    expect(result.status).toBe(0);
  });

  it.skipIf(!zizmor)('zizmor does find an injectable run: block and a credential left to later steps', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zizmor-'));
    writeFileSync(
      join(dir, 'bad.yml'),
      [
        'on: pull_request_target',
        'permissions: {}',
        'jobs:',
        '  x:',
        '    runs-on: ubuntu-24.04',
        '    steps:',
        `      - uses: ${PINS.checkout.repo}@${PINS.checkout.sha}`,
        '      - run: echo "${{ github.event.pull_request.title }}"',
      ].join('\n'),
    );
    const result = spawnSync(zizmor!, ['--offline', '--no-progress', '--no-config', join(dir, 'bad.yml')], {
      encoding: 'utf8',
    });
    expect(result.status).not.toBe(0);
    expect(result.stdout).toMatch(/template-injection/);
    expect(result.stdout).toMatch(/artipacked/);
  });
});
