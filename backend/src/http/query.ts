import { z } from 'zod';

/**
 * A whole number in a range: a JSON integer (MCP's arguments), or in a query string its decimal
 * digits alone. "0x10", "1e2", "+5", " 5" and "" are refused, not read as numbers.
 */
export const wholeNumber = (min: number, max: number) => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z
    .union(
      [
        z.int(),
        z
          .string()
          .regex(/^(?:0|[1-9]\d{0,15})$/, error)
          .transform(Number),
      ],
      { error },
    )
    .pipe(z.int().min(min, error).max(max, error));
};
