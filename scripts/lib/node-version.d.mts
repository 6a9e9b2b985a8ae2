/** The line saying what to do when `version` is older than package.json's engines allow, else undefined. */
export function nodeVersionProblem(version: string, range?: string): string | undefined;
/** Stops the process with that line when this Node.js is too old. */
export function requireSupportedNode(): void;
