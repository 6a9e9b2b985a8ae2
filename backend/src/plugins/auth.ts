import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { fromNodeHeaders } from 'better-auth/node';
import { bearer } from 'better-auth/plugins';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { account, session, user, verification } from '../db/schema.js';
import { ApiError, errorBody } from '../errors.js';
import { AUTH_CHALLENGE } from '../http/security-headers.js';
import { copyResponseHead, toWebRequest } from '../web-fetch.js';
import { endpointSchema, ENDPOINTS, PASSWORD_LENGTH, type PasswordCheck } from './auth-endpoints.js';
import { clientKey } from './limits.js';
import {
  createSessionLookup,
  SESSION_EXPIRES_IN_S,
  SESSION_UPDATE_AGE_S,
  type SessionLookup,
  type SessionUser,
} from './session.js';

export function createAuth(config: Config, db: Db) {
  return betterAuth({
    baseURL: config.BETTER_AUTH_URL,
    basePath: '/api/auth',
    secret: config.BETTER_AUTH_SECRET,
    trustedOrigins: [config.BETTER_AUTH_URL, ...config.TRUSTED_ORIGINS],
    database: drizzleAdapter(db, { provider: 'pg', schema: { user, session, account, verification } }),
    emailAndPassword: { enabled: true, ...PASSWORD_LENGTH, autoSignIn: true },
    session: { expiresIn: SESSION_EXPIRES_IN_S, updateAge: SESSION_UPDATE_AGE_S },
    plugins: [bearer()],
    // Sign-in throttling is Fastify's (see below), so every route shares one limiter and error shape.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    // Explicit, so the checks never depend on NODE_ENV (Better Auth skips them under "test").
    advanced: { disableOriginCheck: false, disableCSRFCheck: false },
    logger: { disabled: true },
    // Internal failures reach the API's error handler (logged there, 500 or 503 to the client).
    onAPIError: { throw: true },
  });
}
export type Auth = ReturnType<typeof createAuth>;

declare module 'fastify' {
  interface FastifyInstance {
    auth: Auth;
    /** onRequest hook for routes that need a signed-in user: sets request.user or answers 401. */
    requireUser: (request: FastifyRequest) => Promise<void>;
  }
  interface FastifyRequest {
    user: SessionUser;
  }
}

/** Better Auth answers `{code, message}`; the API's shape is `{error: {code, message, field}}`. */
function normalizeAuthError(status: number, text: string): string {
  try {
    const parsed = JSON.parse(text) as { code?: string; message?: string };
    const message = parsed.message ?? 'Request rejected';
    // Validation messages look like "[body.email] Invalid email address".
    const fieldMatch = /^\[body\.([\w.]+)\]\s*(.*)$/.exec(message);
    const field = fieldMatch?.[1];
    const code = parsed.code ?? (status === 401 ? 'UNAUTHORIZED' : 'BAD_REQUEST');
    return JSON.stringify(errorBody(code, field ? `${field}: ${fieldMatch?.[2]}` : message, field));
  } catch {
    return JSON.stringify(errorBody(status === 401 ? 'UNAUTHORIZED' : 'BAD_REQUEST', 'Request rejected'));
  }
}

/**
 * Node's fetch marks every request `Sec-Fetch-Mode: cors` without an Origin, and Better Auth then
 * treats it as a browser missing its Origin (403). A browser's cors-mode request always carries an
 * Origin, so without Origin, Referer or cookies the request is an API client's: drop the marker.
 */
function asApiClient(request: Request): Request {
  const { headers } = request;
  const browserLike = headers.has('origin') || headers.has('referer') || headers.has('cookie');
  if (browserLike || headers.get('sec-fetch-mode') !== 'cors') return request;
  for (const name of ['sec-fetch-mode', 'sec-fetch-site', 'sec-fetch-dest']) headers.delete(name);
  return request;
}

async function handleAuth(auth: Auth, baseUrl: string, request: FastifyRequest, reply: FastifyReply) {
  const response = await auth.handler(asApiClient(toWebRequest(request, baseUrl)));
  copyResponseHead(response, reply);
  const text = await response.text();
  if (response.status >= 500) {
    request.log.error({ status: response.status, body: text }, 'authentication failed');
    return reply.status(500).send(errorBody('INTERNAL_ERROR', 'Internal server error'));
  }
  if (response.status >= 400) {
    reply.header('content-type', 'application/json; charset=utf-8');
    if (response.status === 401) reply.header('www-authenticate', AUTH_CHALLENGE);
    const body = normalizeAuthError(response.status, text);
    if (body.includes('"INVALID_ORIGIN"')) return reply.send(untrustedOrigin(request));
    return reply.send(body);
  }
  return reply.send(text.length > 0 ? text : null);
}

/**
 * A page served from an address the API does not trust (a preview server on another port, say):
 * the operator needs to know which address to add, so both the log and the answer name it.
 */
function untrustedOrigin(request: FastifyRequest): string {
  const origin = request.headers.origin ?? request.headers.referer ?? 'no Origin header';
  request.log.warn({ origin }, 'refused a request from an untrusted origin: add it to TRUSTED_ORIGINS');
  const message = `This page's address (${origin}) is not one the API trusts: add it to TRUSTED_ORIGINS`;
  return JSON.stringify(errorBody('INVALID_ORIGIN', message));
}

export default fp(
  async function authPlugin(app: FastifyInstance, opts: { config: Config }) {
    const auth = createAuth(opts.config, app.database.db);
    app.decorate('auth', auth);
    app.decorateRequest('user', null as unknown as SessionUser);

    const context = await auth.$context;
    const lookup = createSessionLookup(
      app.database.db,
      opts.config.BETTER_AUTH_SECRET,
      context.authCookies.sessionToken.name,
      opts.config.SESSION_CACHE_MS,
    );
    const unauthorized = () =>
      new ApiError(401, 'UNAUTHORIZED', 'Sign in first: send the session cookie or an Authorization: Bearer token');

    app.decorate('requireUser', async (request: FastifyRequest) => {
      const found = await lookup(request);
      if (found.kind === 'valid') {
        request.user = found.user;
        return;
      }
      if (found.kind === 'none') throw unauthorized();
      // Once a day per session: Better Auth extends the expiry and answers as usual.
      const refreshed = await auth.api.getSession({ headers: fromNodeHeaders(request.headers) });
      if (!refreshed) throw unauthorized();
      request.user = { id: refreshed.user.id, name: refreshed.user.name, email: refreshed.user.email };
    });

    const userIdOf = (found: SessionLookup) =>
      found.kind === 'valid' ? found.user.id : found.kind === 'refresh' ? found.userId : undefined;

    // Brute-force protection: few password checks a minute per client address and per account,
    // and behind a session per user, so neither many addresses nor a stolen session can guess.
    const passwordLimits: Record<PasswordCheck, preHandlerAsyncHookHandler> = {
      async 'address and account'(request, reply) {
        app.spend('password', clientKey(request), reply);
        const email = (request.body as { email?: unknown } | undefined)?.email;
        if (typeof email === 'string') app.spend('password', `account:${email.trim().toLowerCase()}`, reply);
      },
      async user(request, reply) {
        const userId = userIdOf(await lookup(request));
        app.spend('password', userId ? `user:${userId}` : clientKey(request), reply);
      },
    };
    for (const endpoint of ENDPOINTS) {
      const { method, path, passwordCheck, changesSessions } = endpoint;
      app.withTypeProvider<ZodTypeProvider>().route({
        method,
        url: `/api/auth${path}`,
        schema: endpointSchema(endpoint),
        ...(passwordCheck && { preHandler: passwordLimits[passwordCheck] }),
        async handler(request, reply) {
          const userId = changesSessions ? userIdOf(await lookup(request)) : undefined;
          await handleAuth(auth, opts.config.BETTER_AUTH_URL, request, reply);
          // The user's sessions may be gone or changed: this replica stops trusting its copies now.
          if (userId) lookup.forget(userId);
          return reply;
        },
      });
    }
  },
  { name: 'auth', dependencies: ['database', 'limits'] },
);
