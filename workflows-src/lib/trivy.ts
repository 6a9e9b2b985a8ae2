/** Trivy's steps: the binary, one scan, an image's scans, and the report that gates on them. */
import { Step } from '@github-actions-workflow-ts/lib';
import { TOOLCHAIN } from '../../project/toolchain.js';
import * as action from './bindings/actions.js';
import type { InputsOf } from './bindings/bind.js';
import { NOT_UNDER_ACT_STEP } from './steps.js';

/** Trivy itself, pinned in toolchain.env (the action's default is older). */
const { TRIVY_VERSION } = TOOLCHAIN;

/** Trivy at its pinned version, the binary cached by version (the runner has none). */
export const setupTrivy = action.setupTrivy({
  id: 'setup-trivy',
  name: `Install Trivy ${TRIVY_VERSION}`,
  'timeout-minutes': 5,
  with: { version: TRIVY_VERSION, cache: 'true' },
});

/** One trivy-action run on the Trivy that setupTrivy installed; `cache` keeps the vulnerability database. */
export const trivyRun = (id: string, name: string, inputs: InputsOf<typeof action.trivy>) =>
  action.trivy({
    id,
    name,
    'timeout-minutes': 10,
    with: { version: TRIVY_VERSION, 'skip-setup-trivy': 'true', ...inputs },
  });

/**
 * Trivy on one image: every finding at MEDIUM or above to code scanning (SARIF), then the fixable
 * ones as JSON through scan-report, which fails the job on HIGH or CRITICAL.
 */
export const trivyImageScan = (imageRef: string, name: string, options: { comment: boolean; if?: string }) =>
  [
    setupTrivy,
    trivyRun('trivy-sarif', 'Trivy scan for code scanning', {
      cache: 'true',
      'image-ref': imageRef,
      format: 'sarif',
      output: 'trivy.sarif',
      'limit-severities-for-sarif': 'true',
      severity: 'CRITICAL,HIGH,MEDIUM',
    }),
    action.uploadSarif({
      id: 'upload-sarif',
      name: 'Upload to code scanning',
      if: `always() && ${NOT_UNDER_ACT_STEP}`,
      'timeout-minutes': 5,
      with: { sarif_file: 'trivy.sarif', category: `trivy-${name}` },
    }),
    trivyRun('trivy-json', 'Trivy scan, fixable findings only', {
      cache: 'true',
      'image-ref': imageRef,
      format: 'json',
      output: 'trivy.json',
      'ignore-unfixed': 'true',
    }),
    scanReport('trivy.json', `Trivy: ${name}`, options.comment),
    // A condition given for the scan applies to each of its steps, before their own.
  ].map((step) =>
    options.if ? new Step({ ...step.step, if: step.step.if ? `${options.if} && ${step.step.if}` : options.if }) : step,
  );

/** scan-report on a Trivy JSON report: summary, annotations, the PR comment, and the HIGH gate. */
export const scanReport = (report: string, title: string, comment = true) =>
  action.scanReport({
    id: 'gate',
    name: 'Report, and fail on HIGH or CRITICAL',
    'timeout-minutes': 5,
    with: { report, title, 'severity-threshold': 'HIGH', ...(comment ? {} : { comment: 'false' }) },
  });
