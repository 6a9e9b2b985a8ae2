import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from '../../scripts/lib/node-version.mjs';
import { nodeBinary } from '../../scripts/lib/tools.js';

const ENGINES = (JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } }).engines.node;
const npmCli = realpathSync(spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim());

/** The root package.json and .npmrc alone (no workspaces), where `npm install` decides on the engine. */
function projectShell(): string {
  const dir = mkdtempSync(join(tmpdir(), 'engines-'));
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as Record<string, unknown>;
  delete pkg.workspaces;
  pkg.dependencies = {};
  pkg.devDependencies = {};
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg));
  copyFileSync('.npmrc', join(dir, '.npmrc'));
  return dir;
}

const npmInstall = (node: string) =>
  spawnSync(node, [npmCli, 'install', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: projectShell(),
    encoding: 'utf8',
  });

describe('the Node.js version', () => {
  it('is checked against package.json, one line saying what to do when it is too old', () => {
    expect(ENGINES).toBe('>=22.18.0');
    for (const ok of ['22.18.0', '22.19.4', '23.0.0', '24.1.0']) expect(nodeVersionProblem(ok)).toBeUndefined();
    for (const old of ['20.20.2', '22.12.0', '22.17.9', '18.0.0']) {
      const problem = nodeVersionProblem(old);
      expect(problem).toContain(`Node.js ${old} is too old`);
      expect(problem).toContain('>=22.18.0');
      expect(problem).toMatch(/nvm install.*README/);
      expect(problem).not.toContain('\n');
    }
  });

  it.each(['20.20.2', '22.12.0'])('refuses npm install under Node %s, naming the version it needs', (version) => {
    const result = npmInstall(nodeBinary(version));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/EBADENGINE/);
    expect(result.stderr).toContain('>=22.18.0');
  });

  it('lets npm install go ahead under this Node', () => {
    const result = npmInstall(process.execPath);
    expect(result.stderr).not.toMatch(/EBADENGINE/);
    expect(result.status).toBe(0);
  });

  it('stops npm test under Node 20 with that one line, before vitest starts', () => {
    const result = spawnSync(nodeBinary('20.20.2'), ['node_modules/vitest/vitest.mjs', 'run', '--project', 'cluster'], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(nodeVersionProblem('20.20.2'));
  });

  it.each([
    ['Node 20', '20.20.2', nodeVersionProblem('20.20.2')],
    ['this Node', undefined, 'The dependencies are not installed: run "npm ci" here first.'],
  ])('stops npm test, dev and preview before npm ci, under %s, with one line', (_name, version, line) => {
    // A fresh clone: the package.json and the gate, no node_modules.
    const dir = mkdtempSync(join(tmpdir(), 'clone-'));
    mkdirSync(join(dir, 'scripts/lib'), { recursive: true });
    copyFileSync('package.json', join(dir, 'package.json'));
    copyFileSync('scripts/lib/node-version.mjs', join(dir, 'scripts/lib/node-version.mjs'));
    const node = version ? nodeBinary(version) : process.execPath;
    for (const script of ['test', 'dev', 'preview']) {
      const result = spawnSync(node, [npmCli, 'run', '--silent', script], {
        cwd: dir,
        env: { ...process.env, PATH: `${dirname(node)}:${process.env.PATH}` },
        encoding: 'utf8',
      });
      expect(result.status, result.stderr).toBe(1);
      expect(result.stderr.trim()).toBe(line);
    }
  });

  it("README's recipe for Node.js without nvm prints nothing and leaves nothing but ~/.node22", () => {
    const readme = readFileSync('README.md', 'utf8');
    const recipe = /\*\*Node\.js without nvm\*\*[^]*?```sh\n([^]*?)```/.exec(readme)![1]!;
    const home = mkdtempSync(join(tmpdir(), 'home-'));
    const cwd = mkdtempSync(join(tmpdir(), 'cwd-'));
    // npm's own cache stays where it is: the package is downloaded once, as on a user's machine.
    const npmCache = spawnSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).stdout.trim();
    const result = spawnSync('bash', ['-ec', `${recipe}\nnode --version`], {
      cwd,
      env: { ...process.env, HOME: home, npm_config_cache: npmCache },
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toMatch(/^v22\.\d+\.\d+$/);
    expect(result.stderr).toBe('');
    expect(readdirSync(cwd)).toEqual([]);
    expect(readdirSync(home)).toEqual(['.node22']);
  });

  it('decides on every install script in the lockfile in package.json (allowScripts)', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
      packages: Record<string, { hasInstallScript?: boolean }>;
    };
    const allowScripts = (
      JSON.parse(readFileSync('package.json', 'utf8')) as { allowScripts?: Record<string, boolean> }
    ).allowScripts;
    const withScripts = Object.entries(lock.packages)
      .filter(([, entry]) => entry.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(withScripts.length).toBeGreaterThan(0);
    for (const name of new Set(withScripts)) expect(allowScripts, name).toHaveProperty([name]);
  });

  it('runs the scripts on Node 22.12 as well: none does nothing and exits 0', () => {
    const node = nodeBinary('22.12.0');
    const run = (...args: string[]) => spawnSync(node, ['--import', 'tsx', ...args], { encoding: 'utf8' });
    const up = run('scripts/cluster/cluster.ts', 'up', '--dry-run');
    expect(up.status).toBe(0);
    expect(up.stdout).toContain('kind create cluster');
    const hosts = run('scripts/cluster/hosts.ts', 'add', '--dry-run');
    expect(hosts.status).toBe(0);
    expect(hosts.stdout).toContain('todo.local');
  });
});
