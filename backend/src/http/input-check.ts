/** How deep a request's JSON may nest; the API's own bodies need 3 levels, JSON-RPC a few more. */
export const MAX_JSON_DEPTH = 32;

/** C0 controls and DEL, except tab, line feed and carriage return, which text may hold. */
export const CONTROL_CHARACTERS = String.raw`\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f`;
const CONTROL = new RegExp(`[${CONTROL_CHARACTERS}]`);

export type InputProblem = { field: string; message: string };

function textProblem(text: string): string | undefined {
  if (CONTROL.test(text)) return 'must not contain control characters (NUL and the like)';
  if (!text.isWellFormed()) return 'must be valid Unicode text (no lone surrogates)';
  return undefined;
}

/**
 * The first part of a parsed request (body, query or params) that no route may receive: text with
 * control characters or broken Unicode (PostgreSQL rejects NUL, and a lone surrogate would be
 * stored changed), in values or keys, or JSON nested deeper than MAX_JSON_DEPTH (the libraries
 * that re-serialise bodies recurse). Iterative, so no nesting can exhaust the stack here.
 */
export function findInputProblem(value: unknown, root: string): InputProblem | undefined {
  const pending: { value: unknown; path: string[]; depth: number }[] = [{ value, path: [], depth: 0 }];
  const fieldOf = (path: string[]) => (path.length === 0 ? root : path.join('.'));
  while (pending.length > 0) {
    const { value: current, path, depth } = pending.pop()!;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) return { field: fieldOf(path), message: `${fieldOf(path)}: ${problem}` };
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= MAX_JSON_DEPTH) {
      return { field: root, message: `${root}: must not nest deeper than ${MAX_JSON_DEPTH} levels` };
    }
    for (const [key, item] of Object.entries(current)) {
      const itemPath = [...path, key];
      const keyProblem = textProblem(key);
      if (keyProblem) return { field: fieldOf(path), message: `${fieldOf(path)}: a key ${keyProblem}` };
      pending.push({ value: item, path: itemPath, depth: depth + 1 });
    }
  }
  return undefined;
}
