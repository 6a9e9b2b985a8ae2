/**
 * The headers every API response carries, whichever layer answers (a route, the limiter, the
 * drain, a framework or parser error). The API serves JSON only, so the policy forbids everything
 * a browser could do with a response: run it, frame it, or read it from another site.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  // Answers are per user or live state: no cache (a browser's or a shared one) may keep them.
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

/** What a 401 says a client must send (RFC 9110, 11.6.1): the bearer token (or the cookie). */
export const AUTH_CHALLENGE = 'Bearer realm="todo-chatbot"';
