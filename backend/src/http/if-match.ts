/**
 * If-Match (RFC 9110, 13.1.1) against versions: "*" asks only that the resource exist; a list of
 * strong entity tags ("3", "4") asks for one of those versions. A weak or malformed tag matches
 * nothing, as strong comparison requires.
 */
export type Precondition = '*' | number[] | undefined;

const TAG = /^"(\d{1,9})"$/;

export function parseIfMatch(header: string | undefined): Precondition {
  if (header === undefined) return undefined;
  if (header.trim() === '*') return '*';
  return header.split(',').flatMap((tag) => {
    const version = TAG.exec(tag.trim())?.[1];
    return version === undefined ? [] : [Number(version)];
  });
}

export const etagOf = (version: number) => `"${version}"`;
