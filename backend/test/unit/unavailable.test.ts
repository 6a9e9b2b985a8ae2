import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../src/db/unavailable.js';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    withCode('ECONNREFUSED'),
    withCode('EAI_AGAIN'),
    withCode('57P01', 'terminating connection due to administrator command'),
    withCode('08006'),
    new Error('Connection terminated unexpectedly'),
    new Error('Failed query: select 1', { cause: withCode('ENOTFOUND') }),
  ])('recognises %s', (error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    withCode('23505', 'duplicate key value violates unique constraint'),
    withCode('42P01', 'relation "tasks" does not exist'),
    new Error('Cannot read properties of undefined'),
    'ECONNREFUSED',
  ])('leaves %s to the 500 handler', (error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
