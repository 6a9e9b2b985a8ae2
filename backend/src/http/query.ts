import { z } from 'zod';

const DIGITS = /^(?:0|[1-9]\d{0,15})$/;

/**
 * A whole number in a range: a JSON integer (MCP's arguments), or in a query string its decimal
 * digits alone. "0x10", "1e2", "+5", " 5" and "" stay text, and text is refused.
 */
export const wholeNumber = (min: number, max: number) => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.preprocess(
    (value) => (typeof value === 'string' && DIGITS.test(value) ? Number(value) : value),
    z.int({ error }).min(min, error).max(max, error),
  );
};
