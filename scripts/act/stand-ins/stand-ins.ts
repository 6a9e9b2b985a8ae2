/**
 * The actions the project writes to stand in for third-party ones under act offline, one folder
 * per owner/repo, mapped at each pinned commit with act's `--local-repository` (docs/pipeline.md,
 * "Stand-ins"). Any other action act must resolve gets github-only/, which fails if it ever runs:
 * act reads the action.yml of every step of a job it runs, skipped steps too.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const STAND_INS_DIR = 'scripts/act/stand-ins';
export const GITHUB_ONLY = 'github-only';

/** The JavaScript stand-ins: folder → bundle (dist/<name>.js) → its source. */
export const BUNDLES: Record<string, Record<string, string>> = {
  'actions/cache': { restore: 'src/cache-restore.ts', post: 'src/cache-post.ts', save: 'src/cache-save.ts' },
  'actions/setup-node': { main: 'src/setup-node-main.ts', post: 'src/setup-node-post.ts' },
  'actions/github-script': { main: 'src/github-script-main.ts' },
};

/** owner/repo of an action ref or repo path (`owner/repo[/path][@sha]`). */
export const rootRepo = (repo: string) => repo.split('@')[0]!.split('/').slice(0, 2).join('/');

/** The stand-in folder for an action (`owner/repo[/path]`), or undefined where the project has none. */
export function standInFolder(repo: string, root = STAND_INS_DIR): string | undefined {
  const dir = join(root, rootRepo(repo));
  return existsSync(dir) ? dir : undefined;
}
