import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { repoRoot } from '../../project/root.js';

/**
 * The local API's signing secret, made once and kept (DEV_SECRET_FILE, default
 * backend/.data/dev-auth-secret): a new one at each start would sign everyone out.
 */
export function devSecret(): string {
  if (process.env.BETTER_AUTH_SECRET) return process.env.BETTER_AUTH_SECRET;
  const file = process.env.DEV_SECRET_FILE ?? `${repoRoot}/backend/.data/dev-auth-secret`;
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
