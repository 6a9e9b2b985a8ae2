import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELEASE } from '../../project/names.js';
import { startScriptedLlm, type ScriptedLlm } from '../../scripts/aiops/scripted-llm.js';
import { translate, TRANSLATIONS } from '../../scripts/aiops/translations.js';
import { EXPECTED, profiles } from './aiops.js';
import { CRASHING, crashLoopReady, startCrashLoop, stopCrashLoop } from './crash-loop.js';

// kubectl-ai's own tool loop over every row of docs/aiops.md, with the scripted model of
// scripts/aiops/scripted-llm.ts and each row's profile: kubectl-ai runs the commands the model asks
// for and sends back what they printed, and the cluster is checked as the cluster suite checks it.
// Only on GitHub (npm run test:kubectl-ai in the e2e-kind job): kubectl-ai's releases come from
// GitHub, and the Go module proxy does not serve it.
const KUBECTL_AI = process.env.KUBECTL_AI ?? 'kubectl-ai';
let llm: ScriptedLlm;
let kubeconfigs: ReturnType<typeof profiles>;

describe(`kubectl-ai on release ${RELEASE}, with the scripted model`, { timeout: 900_000 }, () => {
  beforeAll(async () => {
    const version = spawnSync(KUBECTL_AI, ['version'], { encoding: 'utf8' });
    if (version.error) throw new Error(`${KUBECTL_AI} is missing: run scripts/aiops/install-kubectl-ai.sh`);
    llm = await startScriptedLlm();
    kubeconfigs = profiles();
    startCrashLoop();
    await crashLoopReady();
  });

  afterAll(async () => {
    stopCrashLoop();
    kubeconfigs?.remove();
    await llm?.close();
  });

  for (const row of TRANSLATIONS) {
    it(`${row.ask} (${row.profile})`, async () => {
      const { ask, profile, commands } = translate(row.ask.replace('{pod}', CRASHING))!;
      const from = llm.turns.length;
      const run = spawnSync(
        KUBECTL_AI,
        [
          '--quiet',
          '--llm-provider',
          'openai',
          '--model',
          'scripted',
          '--skip-permissions',
          '--kubeconfig',
          kubeconfigs[profile],
          ask,
        ],
        {
          encoding: 'utf8',
          timeout: 180_000,
          env: {
            ...process.env,
            OPENAI_ENDPOINT: llm.url,
            OPENAI_API_KEY: 'scripted',
            KUBECONFIG: kubeconfigs[profile],
          },
        },
      );
      expect(run.status, `kubectl-ai: ${run.stderr}`).toBe(0);
      const turns = llm.turns.slice(from);
      // Every command asked for, in order, then the answer built from what kubectl-ai sent back.
      expect(turns.map((turn) => turn.toolCall?.command).filter(Boolean)).toEqual(commands);
      const answer = turns.at(-1)?.text ?? '';
      for (const command of commands) expect(answer).toContain(`$ ${command}`);
      await EXPECTED[row.ask]!(answer);
    });
  }
});
