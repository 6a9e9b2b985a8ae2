import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { renderMarkdown, summarize, type VitestReport } from './report.js';

export async function run(): Promise<void> {
  try {
    const path = core.getInput('report') || 'test-results/vitest.json';
    const title = core.getInput('title') || 'Test results';
    let report: VitestReport;
    try {
      report = JSON.parse(readFileSync(path, 'utf8')) as VitestReport;
    } catch (error) {
      throw new Error(`cannot read the vitest report ${path}: ${(error as Error).message}`, { cause: error });
    }
    const summary = summarize(report, process.env.GITHUB_WORKSPACE ?? process.cwd());
    for (const failure of summary.failures) {
      core.error(failure.message, {
        title: failure.test,
        file: failure.file,
        ...(failure.line && { startLine: failure.line }),
      });
    }
    await core.summary.addRaw(renderMarkdown(summary, title)).write();
    core.setOutput('passed', summary.passed);
    core.setOutput('failed', summary.failed);
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
