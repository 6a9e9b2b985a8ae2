import { Step, Workflow } from '@github-actions-workflow-ts/lib';
import { CLUSTER, INGRESS } from '../project/names.js';
import { job } from './lib/job.js';
import { clusterDiagnostics, installKubectlAi, npmRun } from './lib/steps.js';

// Secrets cannot appear in a job's `if:`; this job turns "is a key set" into an output.
const gate = job('gate', {
  name: 'Is an LLM key configured?',
  minutes: 2,
  permissions: {},
  outputs: { enabled: '${{ steps.keys.outputs.enabled }}' },
}).addStep(
  new Step({
    id: 'keys',
    name: 'Look for OPENAI_API_KEY or GEMINI_API_KEY',
    'timeout-minutes': 1,
    env: { OPENAI_API_KEY: '${{ secrets.OPENAI_API_KEY }}', GEMINI_API_KEY: '${{ secrets.GEMINI_API_KEY }}' },
    run: [
      'if [ -n "$OPENAI_API_KEY" ] || [ -n "$GEMINI_API_KEY" ]; then enabled=true; else enabled=false; fi',
      'echo "enabled=$enabled" >> "$GITHUB_OUTPUT"',
      '[ "$enabled" = true ] || echo "::notice::aiops skipped: no OPENAI_API_KEY or GEMINI_API_KEY secret"',
    ].join('\n'),
  }),
);

// kubectl-ai on a fresh kind deployment, reading only, its answers in the job summary.
const aiops = job('aiops', {
  name: 'Read-only operations with kubectl-ai',
  minutes: 30,
  permissions: { contents: 'read' },
  if: "needs.gate.outputs.enabled == 'true'",
  needs: [gate],
  node: true,
}).addSteps([
  npmRun('cluster:up', { minutes: 15 }),
  npmRun('cluster:deploy', { minutes: 20 }),
  installKubectlAi,
  new Step({
    id: 'ask',
    name: 'Ask the questions of docs/aiops.md',
    'timeout-minutes': 15,
    env: { OPENAI_API_KEY: '${{ secrets.OPENAI_API_KEY }}', GEMINI_API_KEY: '${{ secrets.GEMINI_API_KEY }}' },
    run: 'scripts/aiops/ask.sh',
  }),
  ...clusterDiagnostics({ 'ingress-namespace': INGRESS.kind.namespace, 'kind-cluster': CLUSTER }),
]);

export const aiopsWorkflow = new Workflow('aiops', {
  name: 'AIOps',
  // On demand only: an LLM's answers are no gate for a push.
  on: { workflow_dispatch: {} },
  permissions: {},
  concurrency: { group: 'aiops-${{ github.ref }}', 'cancel-in-progress': true },
  defaults: { run: { shell: 'bash' } },
}).addJobs([gate, aiops]);
