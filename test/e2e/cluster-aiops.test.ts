import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELEASE } from '../../project/names.js';
import { translate, TRANSLATIONS } from '../../scripts/aiops/translations.js';
import { EXPECTED, profiles } from './aiops.js';
import { CRASHING, crashLoopReady, startCrashLoop, stopCrashLoop } from './crash-loop.js';
import { name, namespace } from './release.js';

// Each translation of docs/aiops.md run as kubectl-ai's kubectl tool runs it (bash -c, the profile's
// kubeconfig), then the cluster checked. kubectl-ai itself drives the same rows on GitHub
// (kubectl-ai.test.ts): it cannot be installed on machines without GitHub.
let kubeconfigs: ReturnType<typeof profiles>;

/** Runs the commands in order, as kubectl-ai's tool does, and returns all they printed. */
function runAs(profile: 'reader' | 'operator', commands: string[]): string {
  return commands
    .map((command) => {
      const result = spawnSync('bash', ['-c', command], {
        encoding: 'utf8',
        env: { ...process.env, KUBECONFIG: kubeconfigs[profile] },
      });
      return `${result.stdout}${result.stderr}`;
    })
    .join('\n');
}

describe(`the AI-ops commands on release ${RELEASE}`, { timeout: 600_000 }, () => {
  beforeAll(async () => {
    kubeconfigs = profiles();
    startCrashLoop();
    await crashLoopReady();
  });

  afterAll(() => {
    stopCrashLoop();
    kubeconfigs?.remove();
  });

  it('has an expectation for every row of the table, and a row for every expectation', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(TRANSLATIONS.map((row) => row.ask).sort());
  });

  for (const row of TRANSLATIONS) {
    it(`${row.ask} (${row.profile})`, async () => {
      const { profile, commands } = translate(row.ask.replace('{pod}', CRASHING))!;
      await EXPECTED[row.ask]!(runAs(profile, commands));
    });
  }

  it('refuses the operator’s scaling to the reader', () => {
    const printed = runAs('reader', [`kubectl scale -n ${namespace} deployment/${name('backend')} --replicas=3`]);
    expect(printed).toContain('Forbidden');
  });
});
