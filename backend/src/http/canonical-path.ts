// Characters a path segment may hold as they are (RFC 3986 pchar, without "%").
const PCHAR = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]$/;
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/**
 * Why a request path is not in its one canonical spelling, or undefined when it is. Routing and
 * the limits key on the path, and the libraries behind some routes normalise it again, so a path
 * that two layers could read differently (dot segments, encoded slashes or dots, empty segments)
 * is refused before either sees it.
 */
export function nonCanonicalReason(path: string): string | undefined {
  if (!path.startsWith('/')) return 'must start with /';
  if (path === '/') return undefined;
  for (const segment of path.slice(1).split('/')) {
    if (segment === '') return 'must not contain empty segments (// or a trailing /)';
    let decoded = '';
    for (let i = 0; i < segment.length; i += 1) {
      const char = segment[i]!;
      if (char !== '%') {
        if (!PCHAR.test(char)) return `must not contain ${JSON.stringify(char)} unencoded`;
        decoded += char;
        continue;
      }
      const hex = segment.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return 'has a malformed percent-escape';
      const byte = String.fromCharCode(Number.parseInt(hex, 16));
      if (UNRESERVED.test(byte)) return `must not percent-encode ${JSON.stringify(byte)}`;
      if (byte === '/' || byte === '\\' || byte < ' ' || byte === '\x7f') {
        return 'must not encode slashes, backslashes or control characters';
      }
      decoded += byte;
      i += 2;
    }
    if (decoded === '.' || decoded === '..') return 'must not contain . or .. segments';
  }
  return undefined;
}
