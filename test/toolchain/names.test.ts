import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as names from '../../project/names.js';
import { STAMPS } from '../../project/stamps.js';

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

/**
 * The names a shell script or manifest could retype, outside comments and the lines project/stamps.ts
 * writes. The namespace `todo` is left out: it is also the database's name and user.
 */
export function unstamped(files: { path: string; text: string }[]): string[] {
  const wanted = [...IMAGE_LITERALS, ...NAMES].filter(([name]) => name !== 'NAMESPACE');
  return files.flatMap(({ path, text }) => {
    let open = text;
    for (const stamp of STAMPS.filter((s) => s.file === path)) {
      open = open.replace(stamp.line, (_, prefix: string) => `${prefix}(stamped)`);
    }
    return open.split('\n').flatMap((line, index) => {
      if (/^\s*#/.test(line)) return [];
      const found = new Map<string, string>();
      for (const [name, value] of wanted) {
        const escaped = value.replace(/[.]/g, '\\.');
        if (new RegExp(`(?<![\\w.-])${escaped}(?![\\w.-])`).test(line)) found.set(value, name);
      }
      return [...found].map(([value, name]) => `${path}:${index + 1}: ${value} is ${name} of project/names.ts`);
    });
  });
}

describe('project/names.ts: each name written once', () => {
  /** The repository's files that `git ls-files` lists for these arguments, with their text. */
  const files = (...args: string[]) =>
    execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', ...args], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((path) => ({ path, text: readFileSync(path, 'utf8') }));

  it('no script or workflow source types a name of names.ts again', () => {
    const sources = files('scripts', 'workflows-src', 'project').filter(
      ({ path }) => path.endsWith('.ts') && path !== 'project/names.ts' && !path.includes('/bindings/actions.ts'),
    );
    expect(sources.length).toBeGreaterThan(30);
    expect(retyped(sources)).toEqual([]);
  });

  it('no shell script, YAML file or Dockerfile types a name of names.ts but on a line gen:stamps writes', () => {
    // The workflows are generated from TypeScript, which the test above covers.
    const others = files('*.sh', '*.yaml', '*.yml', '*Dockerfile', '.ci/run', '.ci/provision').filter(
      ({ path }) => !path.startsWith('.github/workflows/'),
    );
    expect(others.length).toBeGreaterThan(30);
    expect(unstamped(others)).toEqual([]);
  });

  it('finds a name in a script or manifest, and leaves stamped lines, comments and longer words alone', () => {
    const text = [
      '# builds todo-kind-node images',
      'image_name=todo-kind-node',
      'docker tag x todo-kind-node:v1',
      'builder=todo-kind-node-build',
      'url=http://todo.local/api',
    ].join('\n');
    expect(unstamped([{ path: 'docker/offline/kind-node/build.sh', text }])).toEqual([
      'docker/offline/kind-node/build.sh:3: todo-kind-node is OFFLINE_NODE_IMAGE_NAME of project/names.ts',
      'docker/offline/kind-node/build.sh:5: todo.local is HOST of project/names.ts',
      'docker/offline/kind-node/build.sh:5: http://todo.local is PUBLIC_URL of project/names.ts',
    ]);
  });

  it('finds a name typed as a literal, and leaves longer strings that contain it alone', () => {
    const text = "const a = 'todo-backend';\nconst b = `todo.local`;\nconst c = 'todo-backend-extra';\n";
    expect(retyped([{ path: 'scripts/x.ts', text }])).toEqual([
      "scripts/x.ts: 'todo-backend' is IMAGE_NAMES of project/names.ts",
      "scripts/x.ts: 'todo.local' is HOST of project/names.ts",
    ]);
  });
});
