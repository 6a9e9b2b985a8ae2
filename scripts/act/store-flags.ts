/**
 * node scripts/act/store-flags.ts STORE: one act flag a line, `--local-repository OWNER/REPO@SHA=DIR`
 * for every action of the store's index.json, so act resolves each `uses:` at its pinned commit
 * (also inside composite actions, and subpaths such as github/codeql-action/upload-sarif).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

type StoredAction = { repo: string; sha: string; path: string };

export function storeFlags(store: string): string[] {
  const index = JSON.parse(readFileSync(`${store}/index.json`, 'utf8')) as { actions: StoredAction[] };
  return index.actions.flatMap((action) => [
    '--local-repository',
    `${action.repo}@${action.sha}=${resolve(store, action.path)}`,
  ]);
}

if (import.meta.main) {
  const store = process.argv[2];
  if (!store) {
    console.error('usage: node scripts/act/store-flags.ts STORE');
    process.exit(1);
  }
  console.log(storeFlags(store).join('\n'));
}
