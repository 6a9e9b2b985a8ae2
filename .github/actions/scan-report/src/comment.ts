import type { getOctokit } from '@actions/github';
import { marker } from './trivy.js';

type Octokit = ReturnType<typeof getOctokit>;
export type PullRequest = { owner: string; repo: string; number: number };

/** One comment per report title on the pull request: updated in place, never duplicated. */
export async function upsertComment(
  octokit: Octokit,
  pr: PullRequest,
  title: string,
  body: string,
): Promise<'created' | 'updated'> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: pr.owner,
    repo: pr.repo,
    issue_number: pr.number,
    per_page: 100,
  });
  const existing = comments.find((c) => c.body?.startsWith(marker(title)));
  if (existing) {
    await octokit.rest.issues.updateComment({ owner: pr.owner, repo: pr.repo, comment_id: existing.id, body });
    return 'updated';
  }
  await octokit.rest.issues.createComment({ owner: pr.owner, repo: pr.repo, issue_number: pr.number, body });
  return 'created';
}
