/**
 * Text fields as the input check (input-check.ts) lets them through, written into the schemas so
 * the OpenAPI document says what the server accepts.
 */
import { z } from 'zod';
import { CONTROL_CHARACTERS } from './input-check.js';

const plain = new RegExp(`^[^${CONTROL_CHARACTERS}]*$`);
const notBlank = new RegExp(`^(?=[\\s\\S]*\\S)[^${CONTROL_CHARACTERS}]*$`);

/** Any text without control characters, up to `max` characters. */
export const plainText = (max: number) =>
  z
    .string()
    .regex(plain, 'must not contain control characters (NUL and the like)')
    .max(max, `must be at most ${max} characters`);

/** Text with something besides white space, trimmed, up to `max` characters. */
export const notBlankText = (max: number) =>
  z
    .string()
    .regex(notBlank, 'must not be empty')
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);
