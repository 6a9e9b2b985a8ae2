import { describe, expect, it } from 'vitest';
import { encodeResult } from './github-script.js';

describe('encodeResult', () => {
  it('writes JSON by default, and the value itself as a string', () => {
    expect(encodeResult({ a: [1, 'b'] }, 'json')).toBe('{"a":[1,"b"]}');
    expect(encodeResult('text', 'json')).toBe('"text"');
    expect(encodeResult('text', 'string')).toBe('text');
    expect(encodeResult(42, 'string')).toBe('42');
  });

  it('writes nothing for a script that returns nothing', () => {
    expect(encodeResult(undefined, 'json')).toBe('');
    expect(encodeResult(undefined, 'string')).toBe('');
  });

  it('refuses another encoding', () => {
    expect(() => encodeResult(1, 'yaml')).toThrow('result-encoding must be json or string, not "yaml"');
  });
});
