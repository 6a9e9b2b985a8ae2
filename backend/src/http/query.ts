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

/** The API's pages: their default and largest size, and how far into a list one may start. */
export const PAGE = { size: 50, maxSize: 200, maxOffset: 100_000 } as const;

/** `limit` and `offset` of a list of `items`, as every paged route and tool takes them. */
export const pageQuery = (items: string) => ({
  limit: wholeNumber(1, PAGE.maxSize).optional().describe(`${items} per page (default ${PAGE.size})`),
  offset: wholeNumber(0, PAGE.maxOffset).optional().describe(`how many ${items} to skip (default 0)`),
});
