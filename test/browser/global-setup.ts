import type { TestProject } from 'vitest/node';
import { startStack } from '../../scripts/lib/local-stack.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

/** The browser suites' base URL: E2E_BASE_URL when set (a compose stack, a cluster), else a local stack. */
export default async function setup(project: TestProject) {
  const external = process.env.E2E_BASE_URL;
  if (external) {
    project.provide('baseURL', external.replace(/\/$/, ''));
    return;
  }
  const stack = await startStack();
  project.provide('baseURL', stack.baseURL);
  return () => stack.stop();
}
