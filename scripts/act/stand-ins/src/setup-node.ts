/**
 * actions/setup-node offline: puts the runner's tool-cache Node.js that the version (or version
 * file) asks for on PATH, and with `cache: npm` restores npm's cache keyed by the lockfile; the
 * post stage saves it after a miss. It never downloads Node.js: a runner without the internet has
 * only what its tool cache holds.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { join } from 'node:path';
import * as cache from '@actions/cache';
import * as core from '@actions/core';
import * as tc from '@actions/tool-cache';
import { saveOrWarn } from './cache.js';
import { versionFromFile } from './node-version.js';
import { lines, sameKey } from './step.js';

const STATE = { key: 'npm-cache-primary-key', matched: 'npm-cache-matched-key', path: 'npm-cache-path' };

function versionSpec(): string {
  const given = core.getInput('node-version');
  if (given) return given.replace(/^v(?=\d)/, '');
  const file = core.getInput('node-version-file');
  if (!file) throw new Error('setup-node: give node-version or node-version-file');
  if (!existsSync(file)) throw new Error(`setup-node: the version file ${file} does not exist`);
  return versionFromFile(file, readFileSync(file, 'utf8'));
}

/** The lockfiles npm's cache is keyed by: cache-dependency-path, else the workspace's own. */
function lockfiles(): string[] {
  const given = lines(core.getInput('cache-dependency-path'));
  const files = given.length ? given : ['package-lock.json', 'npm-shrinkwrap.json'].filter(existsSync);
  if (!files.length) throw new Error('setup-node: cache: npm needs a package-lock.json (or cache-dependency-path)');
  return files;
}

async function restoreNpmCache(): Promise<void> {
  const hash = createHash('sha256');
  for (const file of lockfiles()) hash.update(readFileSync(file));
  const key = `setup-node-${platform()}-${arch()}-npm-${hash.digest('hex')}`;
  const path = execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim();
  const matched = await cache.restoreCache([path], key);
  core.info(matched ? `npm cache restored from key ${matched}` : `npm cache not found for ${key}`);
  core.saveState(STATE.key, key);
  core.saveState(STATE.matched, matched ?? '');
  core.saveState(STATE.path, path);
  core.setOutput('cache-hit', String(sameKey(key, matched)));
  core.setOutput('cache-primary-key', key);
  core.setOutput('cache-matched-key', matched ?? '');
}

export async function setupNode(): Promise<void> {
  const spec = versionSpec();
  const architecture = core.getInput('architecture') || arch();
  const dir = tc.find('node', spec, architecture);
  if (!dir)
    throw new Error(
      `setup-node: Node.js ${spec} (${architecture}) is not in the runner's tool cache (${process.env.RUNNER_TOOL_CACHE ?? 'RUNNER_TOOL_CACHE unset'}); offline, npm run act puts the Node.js it runs on there`,
    );
  core.addPath(join(dir, 'bin'));
  const version = execFileSync(join(dir, 'bin', 'node'), ['--version'], { encoding: 'utf8' }).trim();
  core.info(`Node.js ${version} from ${dir}`);
  core.setOutput('node-version', version);
  const manager = core.getInput('cache');
  if (manager && manager !== 'npm')
    throw new Error(`setup-node: cache: ${manager} is not supported offline (only npm)`);
  if (manager === 'npm') await restoreNpmCache();
}

/** The post stage: saves npm's cache after a miss. */
export async function saveNpmCache(): Promise<void> {
  const key = core.getState(STATE.key);
  if (!key) return;
  if (sameKey(key, core.getState(STATE.matched))) return core.info(`npm cache hit on ${key}: not saving`);
  await saveOrWarn([core.getState(STATE.path)], key);
}
