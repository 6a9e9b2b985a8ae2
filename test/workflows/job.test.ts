import { describe, expect, it } from 'vitest';
import { job } from '../../workflows-src/lib/job.js';

describe('job (workflows-src/lib/job.ts)', () => {
  it('fills in the runner, the timeout and read-only permissions, in the order of the options', () => {
    const made = job('lint', {
      name: 'Lint',
      if: 'always()',
      minutes: 5,
      strategy: { 'fail-fast': false, matrix: { image: ['a'] } },
    });
    expect(made.job).toEqual({
      name: 'Lint',
      if: 'always()',
      'runs-on': 'ubuntu-24.04',
      'timeout-minutes': 5,
      permissions: { contents: 'read' },
      strategy: { 'fail-fast': false, matrix: { image: ['a'] } },
    });
    expect(Object.keys(made.job)).toEqual(['name', 'if', 'runs-on', 'timeout-minutes', 'permissions', 'strategy']);
    expect(made.job.steps).toBeUndefined();
  });

  it('keeps given permissions, runner and key order; needs and the Node preamble come before the steps', () => {
    const first = job('first', { name: 'First', minutes: 1 });
    const made = job('second', {
      name: 'Second',
      minutes: 9,
      permissions: {},
      'runs-on': '${{ matrix.runner }}',
      if: 'failure()',
      needs: [first],
      node: true,
    });
    expect(Object.keys(made.job)).toEqual([
      'name',
      'runs-on',
      'timeout-minutes',
      'permissions',
      'if',
      'needs',
      'steps',
    ]);
    expect(made.job['runs-on']).toBe('${{ matrix.runner }}');
    expect(made.job.permissions).toEqual({});
    expect(made.job.needs).toEqual(['first']);
    expect((made.job.steps as { id: string }[]).map((step) => step.id)).toEqual(['checkout', 'setup-node', 'npm-ci']);
  });

  it('points the browser suites at Chrome, after the job’s own variables', () => {
    expect(job('a', { name: 'A', minutes: 1, browser: true }).job.env).toEqual({
      CHROMIUM_PATH: '/usr/bin/google-chrome',
    });
    const env = job('b', { name: 'B', minutes: 1, env: { DB: 'x' }, browser: true }).job.env as Record<string, string>;
    expect(Object.entries(env)).toEqual([
      ['DB', 'x'],
      ['CHROMIUM_PATH', '/usr/bin/google-chrome'],
    ]);
    expect(job('c', { name: 'C', minutes: 1, env: { DB: 'x' } }).job.env).toEqual({ DB: 'x' });
  });
});
