import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import * as github from '@actions/github';
import { upsertComment } from './comment.js';
import { atOrAbove, findings, renderMarkdown, type TrivyReport } from './trivy.js';

/** A comment that cannot be posted is a warning: the report is in the summary, and the gate decides. */
async function comment(number: number, title: string, markdown: string): Promise<void> {
  try {
    const octokit = github.getOctokit(core.getInput('github-token', { required: true }));
    const outcome = await upsertComment(octokit, { ...github.context.repo, number }, title, markdown);
    core.info(`pull-request comment ${outcome}`);
  } catch (error) {
    core.warning(`the pull-request comment could not be posted: ${(error as Error).message}`);
  }
}

export async function run(): Promise<void> {
  try {
    const path = core.getInput('report', { required: true });
    const title = core.getInput('title') || 'Trivy scan';
    const threshold = core.getInput('severity-threshold') || 'HIGH';
    let report: TrivyReport;
    try {
      report = JSON.parse(readFileSync(path, 'utf8')) as TrivyReport;
    } catch (error) {
      throw new Error(`cannot read the Trivy report ${path}: ${(error as Error).message}`, { cause: error });
    }
    const all = findings(report);
    const failing = atOrAbove(all, threshold);
    for (const f of failing) {
      const properties = {
        title: `${f.id} (${f.severity})`,
        ...(f.kind === 'misconfiguration' && { file: f.target }),
        ...(f.line && { startLine: f.line }),
      };
      core.error(`${f.target}: ${f.what}`, properties);
    }
    const markdown = renderMarkdown(title, all, failing, threshold);
    await core.summary.addRaw(markdown).write();
    core.setOutput('findings', failing.length);

    const pr = github.context.payload.pull_request;
    if (core.getBooleanInput('comment') && pr && !process.env.ACT) {
      if (pr.head?.repo?.full_name !== pr.base?.repo?.full_name) {
        core.info('pull request from a fork: its read-only token cannot comment, the summary holds the report');
      } else {
        await comment(pr.number, title, markdown);
      }
    }
    if (failing.length > 0)
      core.setFailed(`${title}: ${failing.length} finding(s) at or above ${threshold.toUpperCase()}`);
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
