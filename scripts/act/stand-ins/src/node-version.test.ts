import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { versionFromFile } from './node-version.js';

const version = fc
  .tuple(fc.nat(40), fc.option(fc.nat(99), { nil: undefined }), fc.option(fc.nat(99), { nil: undefined }))
  .map(([major, minor, patch]) =>
    [major, minor, minor === undefined ? undefined : patch].filter((n) => n !== undefined).join('.'),
  );

describe('versionFromFile', () => {
  it('reads the version of .nvmrc and .node-version, with or without v, comments and blank lines', () => {
    fc.assert(
      fc.property(version, fc.boolean(), fc.constantFrom('.nvmrc', '.node-version'), (v, withV, name) => {
        const text = `\n# the project's Node.js\n${withV ? 'v' : ''}${v}  # pinned\n`;
        expect(versionFromFile(name, text)).toBe(v);
      }),
    );
  });

  it('reads the nodejs line of .tool-versions', () => {
    expect(versionFromFile('.tool-versions', 'python 3.12.3\nnodejs 20.19.4\n')).toBe('20.19.4');
  });

  it('refuses an alias or an empty file, naming the file', () => {
    expect(() => versionFromFile('.nvmrc', 'lts/*\n')).toThrow('.nvmrc asks for "lts/*": give a version number');
    expect(() => versionFromFile('.nvmrc', 'node')).toThrow('not an alias');
    expect(() => versionFromFile('.nvmrc', '\n# nothing\n')).toThrow('.nvmrc names no Node.js version');
    expect(() => versionFromFile('.tool-versions', 'python 3.12\n')).toThrow('names no Node.js version');
  });
});
