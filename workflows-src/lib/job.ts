import { NormalJob } from '@github-actions-workflow-ts/lib';
import { checkout, npmCi, RUNNER, setupNode } from './steps.js';

type JobProps = ConstructorParameters<typeof NormalJob>[1];

/** Where GitHub's Ubuntu runners keep Google Chrome, which the browser suites drive (CHROMIUM_PATH). */
const CHROME = '/usr/bin/google-chrome';

export type JobOptions = Omit<JobProps, 'runs-on' | 'timeout-minutes' | 'permissions' | 'needs' | 'steps'> & {
  name: string;
  /** The job's timeout. */
  minutes: number;
  /** Default: read the repository's contents, nothing else. */
  permissions?: JobProps['permissions'];
  /** Default: the runner every job runs on. */
  'runs-on'?: JobProps['runs-on'];
  needs?: NormalJob[];
  /** Start with the Node preamble: check out, set up Node from .nvmrc, npm ci. */
  node?: boolean;
  /** Point the browser suites at Chrome (CHROMIUM_PATH): GitHub's runners have no Debian Chromium. */
  browser?: boolean;
};

/**
 * A job of the project's workflows, with what most of them share written once: the runner, a
 * timeout, read-only permissions, and on request the Node preamble and the browser's path. Its
 * steps follow with addSteps. The YAML keeps the order of the options, `minutes` giving runs-on
 * and timeout-minutes (and the default permissions after them).
 */
export function job(id: string, options: JobOptions): NormalJob {
  const { needs, node, browser, ...rest } = options;
  const props: Partial<JobProps> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key === 'minutes') {
      props['runs-on'] = options['runs-on'] ?? RUNNER;
      props['timeout-minutes'] = options.minutes;
      if (!options.permissions) props.permissions = { contents: 'read' };
    } else if (key !== 'runs-on') (props as Record<string, unknown>)[key] = value;
  }
  if (browser) props.env = { ...(options.env as object), CHROMIUM_PATH: CHROME };
  const made = new NormalJob(id, props as JobProps);
  if (needs) made.needs(needs);
  return node ? made.addSteps([checkout, setupNode, npmCi]) : made;
}
