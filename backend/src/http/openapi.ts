/** What the OpenAPI document says beyond each route's own schemas: security and the error answers. */
import { z } from 'zod';

/**
 * A signed-in user: the bearer token, or the session cookie under the name Better Auth gives it
 * (with the `__Secure-` prefix when BETTER_AUTH_URL is https).
 */
export const SESSION_SECURITY: Record<string, string[]>[] = [
  { bearerAuth: [] },
  { cookieAuth: [] },
  { secureCookieAuth: [] },
];

/** An operation anyone may call: said outright, so a reader knows it was not forgotten. */
export const PUBLIC: Record<string, string[]>[] = [];

export const SECURITY_SCHEMES = {
  bearerAuth: { type: 'http', scheme: 'bearer', description: 'The set-auth-token header of sign-up or sign-in' },
  cookieAuth: { type: 'apiKey', in: 'cookie', name: 'better-auth.session_token', description: 'over http' },
  secureCookieAuth: {
    type: 'apiKey',
    in: 'cookie',
    name: '__Secure-better-auth.session_token',
    description: 'over https',
  },
} as const;

/** Every failure's body: a code to branch on, a message to show, and the input at fault. */
export const errorJson = z.object({
  error: z.object({
    code: z.string().describe('VALIDATION_ERROR, UNAUTHORIZED, NOT_FOUND, RATE_LIMITED and the like'),
    message: z.string(),
    field: z.string().optional().describe('the input at fault, when one is'),
  }),
});

const WHY = {
  400: 'The input is invalid (the field names it) or the path is not written as the API writes it.',
  401: 'No valid session (sign in and send the token or the cookie), or a wrong email or password.',
  403: 'A browser request from an origin the API does not trust (TRUSTED_ORIGINS).',
  404: 'Not found, or not this user’s.',
  405: 'Only POST: the server keeps no MCP session.',
  412: 'The task changed since the ETag given in If-Match: read it again.',
  413: 'The body is larger than the API accepts.',
  415: 'The body is not application/json.',
  422: 'An account with this email exists.',
  429: 'Too many requests: wait the seconds of Retry-After.',
  500: 'An internal error (logged).',
  502: 'The language model did not answer.',
  503: 'The database is unreachable or the server is shutting down: retry.',
} as const;
export type FailureStatus = keyof typeof WHY;

/** The error answers a route can give, each with the error body and why it is given. */
export const failures = (...statuses: FailureStatus[]) =>
  Object.fromEntries(statuses.map((status) => [status, errorJson.describe(WHY[status])]));

/** What every route that needs a session can answer besides its own. */
export const SESSION_FAILURES: FailureStatus[] = [400, 401, 429, 500, 503];
/** And a route that reads a JSON body. */
export const BODY_FAILURES: FailureStatus[] = [...SESSION_FAILURES, 413, 415];
