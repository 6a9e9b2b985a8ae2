/**
 * npx tsx scripts/act/stand-in-flags.ts: one act flag a line, `--local-repository OWNER/REPO@SHA=DIR`
 * for every action of the lock (each pinned action and every action those call), so act resolves
 * each `uses:` at its pinned commit (also inside composite actions, and subpaths such as
 * actions/cache/restore) without GitHub: to the project's stand-in for it, else to github-only/.
 */
import { resolve } from 'node:path';
import { readLock } from '../../workflows-src/lib/bindings/facts.js';
import { GITHUB_ONLY, rootRepo, STAND_INS_DIR, standInFolder } from './stand-ins/stand-ins.js';

export function standInFlags(): string[] {
  const mapped = new Map<string, string>();
  for (const action of readLock().actions) {
    const dir = standInFolder(action.repo) ?? `${STAND_INS_DIR}/${GITHUB_ONLY}`;
    mapped.set(`${rootRepo(action.repo)}@${action.sha}`, resolve(dir));
  }
  return [...mapped].flatMap(([ref, dir]) => ['--local-repository', `${ref}=${dir}`]);
}

if (import.meta.main) console.log(standInFlags().join('\n'));
