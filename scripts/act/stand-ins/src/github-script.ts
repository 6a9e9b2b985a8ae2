/**
 * actions/github-script: runs the `script` input as the body of an async function that receives
 * `github` (an authenticated Octokit), `context`, `core`, `exec`, `glob`, `io`, `require` and
 * `fetch`, and sets the `result` output from what it returns.
 */
import { createRequire as requireFrom } from 'node:module';
import { join } from 'node:path';
import * as core from '@actions/core';
import * as exec from '@actions/exec';
import { context, getOctokit } from '@actions/github';
import * as glob from '@actions/glob';
import * as io from '@actions/io';

type Octokit = ReturnType<typeof getOctokit>;
const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
  ...args: string[]
) => (...values: unknown[]) => Promise<unknown>;

/** Without a token (act gives none unless told) the script still runs; only its use of `github` fails. */
function octokit(token: string): Octokit {
  const baseUrl = core.getInput('base-url');
  const userAgent = core.getInput('user-agent');
  if (token) return getOctokit(token, { ...(baseUrl && { baseUrl }), ...(userAgent && { userAgent }) });
  return new Proxy({} as Octokit, {
    get() {
      throw new Error('github-script: the script uses `github`, but no github-token was given');
    },
  });
}

/** The value of the `result` output: as returned with result-encoding string, else as JSON. */
export function encodeResult(result: unknown, encoding: string): string {
  if (encoding === 'string') return result === undefined ? '' : String(result);
  if (encoding !== 'json') throw new Error(`github-script: result-encoding must be json or string, not "${encoding}"`);
  return JSON.stringify(result) ?? '';
}

export async function githubScript(): Promise<void> {
  const script = core.getInput('script', { required: true });
  const encoding = core.getInput('result-encoding') || 'json';
  const names = ['require', 'github', 'context', 'core', 'exec', 'glob', 'io', 'fetch'];
  const run = new AsyncFunction(...names, script);
  // The script's require resolves from the workspace, where its own packages are installed.
  const scriptRequire = requireFrom(join(process.cwd(), 'noop.js'));
  const result = await run(scriptRequire, octokit(core.getInput('github-token')), context, core, exec, glob, io, fetch);
  core.setOutput('result', encodeResult(result, encoding));
}
