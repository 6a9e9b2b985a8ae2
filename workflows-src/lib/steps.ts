import { Step } from '@github-actions-workflow-ts/lib';
import { uses } from './pins.js';

/** Shared steps, one named constant each. Expressions reach shell only through `env:`. */

export const checkout = new Step({
  id: 'checkout',
  name: 'Check out',
  uses: uses('checkout'),
  with: { 'persist-credentials': false },
});

export const setupNode = new Step({
  id: 'setup-node',
  name: 'Set up Node.js from .nvmrc',
  uses: uses('setupNode'),
  with: { 'node-version-file': '.nvmrc', cache: 'npm' },
});

export const npmCi = new Step({ id: 'npm-ci', name: 'Install dependencies', run: 'npm ci' });

/** A step that runs one npm script: the stages are npm scripts, so workflows only orchestrate. */
export const npmRun = (script: string, env?: Record<string, string>) =>
  new Step({
    id: script.replace(/[^a-z0-9]+/gi, '-'),
    name: `npm run ${script}`,
    run: `npm run ${script}`,
    ...(env && { env }),
  });

/** Artifacts need GitHub's artifact service, which act does not provide: skipped under act. */
export const uploadOnFailure = (name: string, path: string) =>
  new Step({
    id: `upload-${name}`,
    name: `Upload ${name}`,
    if: 'failure() && !env.ACT',
    uses: uses('uploadArtifact'),
    with: { name, path, 'retention-days': 7, 'if-no-files-found': 'ignore' },
  });
