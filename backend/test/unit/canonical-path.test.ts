import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nonCanonicalReason } from '../../src/http/canonical-path.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const segment = fc.stringMatching(/^[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,11}$/).filter((s) => s !== '.' && s !== '..');
const canonical = fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => `/${parts.join('/')}`);

// Each turns a canonical path into another spelling that a URL parser or router could read as it.
const respellings: [string, (path: string, at: number) => string][] = [
  ['a dot segment', (p, at) => insertSegment(p, at, '.')],
  ['a parent segment', (p, at) => insertSegment(p, at, 'x/..')],
  ['an encoded dot segment', (p, at) => insertSegment(p, at, '%2e%2E')],
  ['an encoded slash', (p, at) => insertSegment(p, at, 'a%2Fb')],
  ['an encoded backslash', (p, at) => insertSegment(p, at, 'a%5cb')],
  ['an encoded NUL', (p, at) => insertSegment(p, at, 'a%00')],
  ['an empty segment', (p, at) => insertSegment(p, at, '')],
  ['a trailing slash', (p) => `${p}/`],
  ['an encoded letter', (p) => p.replace(/[A-Za-z]/, (c) => `%${c.charCodeAt(0).toString(16)}`)],
  ['a backslash', (p, at) => insertSegment(p, at, 'a\\b')],
  ['a broken escape', (p, at) => insertSegment(p, at, 'a%zz')],
];

function insertSegment(path: string, at: number, inserted: string): string {
  const parts = path.slice(1).split('/');
  parts.splice(at % (parts.length + 1), 0, inserted);
  return `/${parts.join('/')}`;
}

describe('canonical paths', () => {
  it("accepts the API's own paths", () => {
    for (const path of ['/', '/api/tasks', '/api/auth/sign-in/email', '/mcp', '/health/ready', '/api/tasks/0f8e-1']) {
      expect(nonCanonicalReason(path), path).toBeUndefined();
    }
  });

  it('accepts every path made of plain segments', () => {
    fc.assert(
      fc.property(canonical, (path) => nonCanonicalReason(path) === undefined),
      { seed: SEED, numRuns: 500 },
    );
  });

  it.each(respellings)('refuses %s anywhere in a path', (_name, respell) => {
    fc.assert(
      fc.property(
        canonical.filter((p) => /[A-Za-z]/.test(p)),
        fc.nat(),
        (path, at) => {
          const respelled = respell(path, at);
          expect(nonCanonicalReason(respelled), respelled).toEqual(expect.any(String));
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });
});
