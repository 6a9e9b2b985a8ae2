import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** A tool built or installed on the machine; under CI a missing one fails instead of skipping. */
export function nativeTool(name: string, configured: string | undefined, install: string): string | undefined {
  const found = configured ?? spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (found && existsSync(found)) return found;
  if (process.env.CI === 'true') throw new Error(`${name} is missing: ${install}`);
  console.warn(`${name} not found, its test is skipped: ${install}`);
  return undefined;
}
