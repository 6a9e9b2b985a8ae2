/** The wording of a chat message: pleasantries off, quotes off, patterns written as lists of words. */

/** A regex group of alternatives, each a regex source: `oneOf('add', 'jot\\s+down')`. */
export const oneOf = (...alternatives: string[]) => `(?:${alternatives.join('|')})`;
/** Alternatives written as one string; oneOf joins them with `|` again, so a group's `|` is kept. */
export const words = (list: string) => list.split('|');
/** A case-insensitive regex of parts written one after another. */
export const pattern = (...parts: string[]) => new RegExp(parts.join(''), 'i');

const GREETING = oneOf(
  ...words('hey|hi|hello|ok|okay|so|um|alright|please|pls|kindly|now|also|and|then|actually|oops|whoops|sorry'),
);
const ASKING = oneOf(
  String.raw`(?:can|could|would|will)\s+you(?:\s+please)?\s+`,
  String.raw`i(?:'d|\s+would)\s+like\s+(?:you\s+)?to\s+`,
  String.raw`i\s+want\s+(?:you\s+)?to\s+`,
  String.raw`help\s+me\s+`,
  String.raw`let's\s+`,
  String.raw`please\s+`,
);
const POLITE_PREFIX = pattern('^', `(?:${GREETING}[,!]?\\s+)*`, `${ASKING}?`);
const POLITE_SUFFIX = pattern(
  String.raw`(?:[,\s]+`,
  oneOf('please', 'pls', 'thanks', 'thank you', 'for me', 'now'),
  ')+$',
);

/** The message without spaces doubled, end punctuation, or the politeness around the request. */
export function clean(message: string): string {
  return message
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[.!?]+$/, '')
    .replace(POLITE_PREFIX, '')
    .replace(POLITE_SUFFIX, '')
    .trim();
}

export const stripQuotes = (text: string) => text.replace(/^["'“‘](.*)["'”’]$/, '$1').trim();
export const capitalize = (text: string) => (text ? text[0]!.toUpperCase() + text.slice(1) : text);
