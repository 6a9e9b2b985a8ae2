/**
 * actions/cache, actions/cache/restore and actions/cache/save, on @actions/cache against the
 * cache server the runner names (act's, offline): the same inputs, outputs and save-after-miss rule.
 */
import * as cache from '@actions/cache';
import * as core from '@actions/core';
import { lines, sameKey } from './step.js';

const PRIMARY_KEY = 'cache-primary-key';
const MATCHED_KEY = 'cache-matched-key';

const paths = () => lines(core.getInput('path', { required: true }));
const crossOs = () => core.getBooleanInput('enableCrossOsArchive');

/** actions/cache's main stage and actions/cache/restore: restores the first key that matches. */
export async function restore(): Promise<void> {
  const key = core.getInput('key', { required: true });
  const restoreKeys = lines(core.getInput('restore-keys'));
  const lookupOnly = core.getBooleanInput('lookup-only');
  core.saveState(PRIMARY_KEY, key);
  core.setOutput(PRIMARY_KEY, key);
  const matched = await cache.restoreCache(paths(), key, restoreKeys, { lookupOnly }, crossOs());
  if (!matched) {
    if (core.getBooleanInput('fail-on-cache-miss'))
      throw new Error(`no cache entry for ${[key, ...restoreKeys].join(', ')}, and fail-on-cache-miss is set`);
    core.info(`cache not found for ${[key, ...restoreKeys].join(', ')}`);
  } else {
    core.info(`cache ${lookupOnly ? 'found' : 'restored'} from key ${matched}`);
  }
  core.saveState(MATCHED_KEY, matched ?? '');
  core.setOutput(MATCHED_KEY, matched ?? '');
  core.setOutput('cache-hit', String(sameKey(key, matched)));
}

/** Saves; like the real actions, a cache that cannot be saved (another job saved the key first) is no failure. */
export async function saveOrWarn(
  cachePaths: string[],
  key: string,
  options: { uploadChunkSize?: number; crossOs?: boolean } = {},
): Promise<void> {
  try {
    await cache.saveCache(cachePaths, key, { uploadChunkSize: options.uploadChunkSize }, options.crossOs);
    core.info(`cache saved with key ${key}`);
  } catch (error) {
    core.warning(`cache not saved: ${(error as Error).message}`);
  }
}

const saveUnder = (key: string) =>
  saveOrWarn(paths(), key, {
    uploadChunkSize: Number(core.getInput('upload-chunk-size')) || undefined,
    crossOs: crossOs(),
  });

/** actions/cache's post stage: saves under the primary key unless that key was restored. */
export async function saveAfterRestore(): Promise<void> {
  const key = core.getState(PRIMARY_KEY);
  if (!key) return core.info('no primary key: the restore did not run, nothing to save');
  if (sameKey(key, core.getState(MATCHED_KEY))) return core.info(`cache hit on ${key}: not saving`);
  await saveUnder(key);
}

/** actions/cache/save: saves under the key it is given. */
export const save = () => saveUnder(core.getInput('key', { required: true }));
