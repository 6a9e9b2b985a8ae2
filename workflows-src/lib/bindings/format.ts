import { format, resolveConfig } from 'prettier';
import { BINDINGS_FILE, generateBindings } from './generate.js';

/** The bindings as they would be committed: generated, then formatted like every source. */
export async function formattedBindings(): Promise<string> {
  const options = (await resolveConfig(BINDINGS_FILE)) ?? {};
  return format(await generateBindings(), { ...options, filepath: BINDINGS_FILE });
}
