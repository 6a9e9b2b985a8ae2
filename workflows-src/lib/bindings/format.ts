import { format, resolveConfig } from 'prettier';
import { readLock, type Lock } from './facts.js';
import { BINDINGS_FILE, generateBindings } from './generate.js';

/** The bindings as they would be committed: generated from a lock, then formatted like every source. */
export async function formattedBindings(lock: Lock = readLock()): Promise<string> {
  const options = (await resolveConfig(BINDINGS_FILE)) ?? {};
  return format(generateBindings(lock), { ...options, filepath: BINDINGS_FILE });
}
