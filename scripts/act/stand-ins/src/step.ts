import * as core from '@actions/core';

/** Runs one stage of a stand-in action; an error fails the step with its message, as the real actions do. */
export async function runStep(stage: () => Promise<void>): Promise<void> {
  try {
    await stage();
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}

/** A multi-line input as a list: one entry a line, blank lines left out. */
export const lines = (value: string): string[] =>
  value
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** Cache keys match without regard to case, as GitHub's cache service (and act's) treat them. */
export const sameKey = (a: string, b: string | undefined): boolean =>
  b !== undefined && a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
