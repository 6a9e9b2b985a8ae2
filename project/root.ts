import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder, wherever a script runs from. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
