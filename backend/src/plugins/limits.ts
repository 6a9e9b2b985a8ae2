import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { ApiError } from '../errors.js';
import { addressKey, createWindowLimiter, type Limiter, type Spend } from '../limits/window-limiter.js';

/** The budgets, each per minute: every request per address, password checks, work per user. */
export type Budget = 'requests' | 'password' | 'user';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Health, readiness and metrics: probes and scrapers must never be turned away. */
    unlimited?: boolean;
  }
  interface FastifyInstance {
    /** Spends `cost` of `key`'s budget; over it, throws 429 with Retry-After. */
    spend(budget: Budget, key: string, reply: FastifyReply, cost?: number): Spend;
  }
}

export const clientKey = (request: FastifyRequest) => `address:${addressKey(request.ip)}`;

export default fp(
  async function limits(app: FastifyInstance, { config }: { config: Config }) {
    const windowMs = 60_000;
    const budgets: Record<Budget, Limiter> = {
      requests: createWindowLimiter({ max: config.RATE_LIMIT_MAX, windowMs }),
      password: createWindowLimiter({ max: config.AUTH_RATE_LIMIT_MAX, windowMs }),
      user: createWindowLimiter({ max: config.RATE_LIMIT_MAX, windowMs }),
    };

    const spend = (budget: Budget, key: string, reply: FastifyReply, cost = 1) => {
      const result = budgets[budget](key, cost);
      if (result.allowed) return result;
      reply.header('retry-after', String(result.resetInS));
      throw new ApiError(429, 'RATE_LIMITED', 'Too many requests: slow down and retry later');
    };
    app.decorate('spend', spend);

    // On the root, so it runs before any route's own hooks: unauthenticated and refused requests count.
    app.addHook('onRequest', async (request, reply) => {
      if (request.routeOptions.config.unlimited) return;
      const { remaining, resetInS } = spend('requests', clientKey(request), reply);
      reply.header('x-ratelimit-limit', String(config.RATE_LIMIT_MAX));
      reply.header('x-ratelimit-remaining', String(remaining));
      reply.header('x-ratelimit-reset', String(resetInS));
    });
  },
  { name: 'limits' },
);
