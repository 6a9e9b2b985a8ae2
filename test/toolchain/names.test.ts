import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as names from '../../project/names.js';

/** The names of project/names.ts that a literal could retype (the tag `dev` is too common a word). */
const NAMES = Object.entries(names as Record<string, unknown>).filter(
  (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== 'DEV_TAG',
);
const IMAGE_LITERALS = Object.values(names.IMAGE_NAMES).map((image) => ['IMAGE_NAMES', image] as const);

/** Each string literal of the tooling's TypeScript that is exactly one of the project's names. */
export function retyped(files: { path: string; text: string }[]): string[] {
  const wanted = new Map([...IMAGE_LITERALS, ...NAMES].map(([name, value]) => [value, name]));
  return files.flatMap(({ path, text }) =>
    [...text.matchAll(/(['"`])([^'"`\n]+)\1/g)].flatMap((match) => {
      const name = wanted.get(match[2]!);
      return name ? [`${path}: '${match[2]}' is ${name} of project/names.ts`] : [];
    }),
  );
}

describe('project/names.ts: each name written once', () => {
  it('no script or workflow source types a name of names.ts again', () => {
    const paths = execFileSync(
      'git',
      ['ls-files', '--cached', '--others', '--exclude-standard', 'scripts', 'workflows-src', 'project'],
      {
        encoding: 'utf8',
      },
    )
      .split('\n')
      .filter((path) => path.endsWith('.ts') && path !== 'project/names.ts' && !path.includes('/bindings/actions.ts'));
    expect(paths.length).toBeGreaterThan(30);
    expect(retyped(paths.map((path) => ({ path, text: readFileSync(path, 'utf8') })))).toEqual([]);
  });

  it('finds a name typed as a literal, and leaves longer strings that contain it alone', () => {
    const text = "const a = 'todo-backend';\nconst b = `todo.local`;\nconst c = 'todo-backend-extra';\n";
    expect(retyped([{ path: 'scripts/x.ts', text }])).toEqual([
      "scripts/x.ts: 'todo-backend' is IMAGE_NAMES of project/names.ts",
      "scripts/x.ts: 'todo.local' is HOST of project/names.ts",
    ]);
  });
});
