import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findInputProblem, MAX_JSON_DEPTH } from '../../src/http/input-check.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const CONTROLS = [...Array(32).keys(), 127].filter((c) => ![9, 10, 13].includes(c)).map((c) => String.fromCharCode(c));
const nested = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('the input check', () => {
  it('passes text with tabs and line breaks, and JSON nested to the limit', () => {
    expect(findInputProblem({ title: 'a\tb\r\nc', tags: ['é', '😀'] }, 'body')).toBeUndefined();
    expect(findInputProblem(nested(MAX_JSON_DEPTH), 'body')).toBeUndefined();
  });

  it('names the field that holds a control character, at any depth and position', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CONTROLS),
        fc.string(),
        fc.string(),
        fc.array(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 1, maxLength: 4 }),
        (control, before, after, path) => {
          const value = path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), `${before}${control}${after}`);
          const problem = findInputProblem(value, 'body');
          expect(problem?.field).toBe(path.join('.'));
          expect(problem?.message).toMatch(/control characters/);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('refuses lone surrogates, control characters in keys, and nesting past the limit', () => {
    expect(findInputProblem({ title: 'a\ud800b' }, 'body')).toMatchObject({ field: 'title' });
    expect(findInputProblem({ ['ti\u0000tle']: 'x' }, 'body')).toMatchObject({ field: 'body' });
    expect(findInputProblem({ q: 'x\u0000' }, 'query')).toMatchObject({ field: 'q' });
    expect(findInputProblem(nested(MAX_JSON_DEPTH + 1), 'body')?.message).toMatch(/deeper than 32/);
    expect(findInputProblem(nested(200_000), 'body')).toMatchObject({ field: 'body' });
  });
});
