/**
 * The Better Auth endpoints this API offers, each at its one path, with the schema that checks its
 * input before Better Auth sees it (so a fault gets the API's VALIDATION_ERROR and its field, the
 * same on every endpoint) and what the OpenAPI document says of it. The others (social sign-in,
 * e-mail flows with no mailer behind them, account deletion) answer 404 like any unknown route.
 */
import { z } from 'zod';
import { BODY_FAILURES, failures, PUBLIC, SESSION_FAILURES, SESSION_SECURITY } from '../http/openapi.js';
import { notBlankText } from '../http/text.js';

export const PASSWORD_LENGTH = { minPasswordLength: 8, maxPasswordLength: 128 };
/** Stored with the user and sent on every get-session: bounded, so no profile can grow a session. */
export const NAME_MAX = 100;
export const IMAGE_MAX = 2048;

// Trimmed first, as Better Auth reads it: " Ada@Example.com " is that account.
const email = z
  .string()
  .trim()
  .pipe(z.email({ error: 'must be an email address such as ada@example.com' }).max(254));
const password = z
  .string()
  .min(PASSWORD_LENGTH.minPasswordLength, `must be at least ${PASSWORD_LENGTH.minPasswordLength} characters`)
  .max(PASSWORD_LENGTH.maxPasswordLength, `must be at most ${PASSWORD_LENGTH.maxPasswordLength} characters`);
const anyPassword = z.string().min(1, 'must not be empty').max(PASSWORD_LENGTH.maxPasswordLength);
const name = notBlankText(NAME_MAX);
const image = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .max(IMAGE_MAX)
  .nullable();
const callbackURL = z.string().max(IMAGE_MAX).optional();
const rememberMe = z.boolean().optional();

const user = z.looseObject({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  image: z.string().nullable().optional(),
  emailVerified: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const signedIn = z.looseObject({ token: z.string().describe('also in the set-auth-token header'), user });
const ok = z.looseObject({ status: z.boolean() });

export type PasswordCheck = 'address and account' | 'user';

export type Endpoint = {
  method: 'GET' | 'POST';
  path: string;
  operationId: string;
  summary: string;
  body?: z.ZodType;
  response?: z.ZodType;
  /** Needs a session (the bearer token or the cookie). */
  session?: true;
  passwordCheck?: PasswordCheck;
  changesSessions?: true;
};

export const ENDPOINTS: Endpoint[] = [
  {
    method: 'POST',
    path: '/sign-up/email',
    operationId: 'signUp',
    summary: 'Create an account and sign in: the token is in set-auth-token',
    body: z.strictObject({ name, email, password, image: image.optional(), callbackURL, rememberMe }),
    response: signedIn,
  },
  {
    method: 'POST',
    path: '/sign-in/email',
    operationId: 'signIn',
    summary: 'Sign in: the token is in set-auth-token, the cookie in set-cookie',
    body: z.strictObject({ email, password: anyPassword, callbackURL, rememberMe }),
    response: signedIn,
    passwordCheck: 'address and account',
  },
  {
    method: 'POST',
    path: '/sign-out',
    operationId: 'signOut',
    summary: 'End this session',
    response: z.looseObject({ success: z.boolean() }),
    session: true,
    changesSessions: true,
  },
  {
    method: 'GET',
    path: '/get-session',
    operationId: 'getSession',
    summary: 'The session and its user, or null',
    response: z.looseObject({ session: z.looseObject({}), user }).nullable(),
  },
  {
    method: 'POST',
    path: '/update-user',
    operationId: 'updateUser',
    summary: "Change the user's name or image",
    body: z.strictObject({ name: name.optional(), image: image.optional() }),
    response: ok,
    session: true,
    changesSessions: true,
  },
  {
    method: 'POST',
    path: '/change-password',
    operationId: 'changePassword',
    summary: 'Change the password (the current one is checked)',
    body: z.strictObject({ currentPassword: anyPassword, newPassword: password, revokeOtherSessions: rememberMe }),
    response: z.looseObject({ user }),
    session: true,
    passwordCheck: 'user',
    changesSessions: true,
  },
  {
    method: 'POST',
    path: '/verify-password',
    operationId: 'verifyPassword',
    summary: "Check the user's password",
    body: z.strictObject({ password: anyPassword }),
    response: ok,
    session: true,
    passwordCheck: 'user',
  },
  {
    method: 'GET',
    path: '/list-sessions',
    operationId: 'listSessions',
    summary: "The user's sessions",
    response: z.array(z.looseObject({})),
    session: true,
  },
  {
    method: 'POST',
    path: '/revoke-session',
    operationId: 'revokeSession',
    summary: 'End one of the user’s sessions',
    body: z.strictObject({ token: z.string().min(1).max(512) }),
    response: ok,
    session: true,
    changesSessions: true,
  },
  {
    method: 'POST',
    path: '/revoke-sessions',
    operationId: 'revokeSessions',
    summary: 'End all the user’s sessions',
    response: ok,
    session: true,
    changesSessions: true,
  },
  {
    method: 'POST',
    path: '/revoke-other-sessions',
    operationId: 'revokeOtherSessions',
    summary: 'End the user’s other sessions',
    response: ok,
    session: true,
    changesSessions: true,
  },
];

/** The route schema of an endpoint: its input check and what the document says. */
export function endpointSchema(endpoint: Endpoint) {
  const statuses = endpoint.body ? BODY_FAILURES : SESSION_FAILURES;
  return {
    tags: ['auth'],
    operationId: endpoint.operationId,
    summary: endpoint.summary,
    security: endpoint.session ? SESSION_SECURITY : PUBLIC,
    ...(endpoint.body && { body: endpoint.body }),
    response: {
      ...(endpoint.response && { 200: endpoint.response }),
      ...failures(...statuses, 403, ...(endpoint.operationId === 'signUp' ? ([422] as const) : [])),
    },
  };
}
