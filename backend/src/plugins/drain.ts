import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { errorBody } from '../errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** True once a shutdown began: readiness fails and new requests get 503. */
    isDraining(): boolean;
    /** Stops taking new requests and resolves when the in-flight ones have finished. */
    drain(): Promise<void>;
  }
}

export default fp(
  async function drainPlugin(app: FastifyInstance) {
    let draining = false;
    let inFlight = 0;
    let onIdle: (() => void) | undefined;

    app.addHook('onRequest', async (_request, reply) => {
      if (draining) {
        reply.header('connection', 'close').header('retry-after', '1');
        return reply.status(503).send(errorBody('SHUTTING_DOWN', 'The server is shutting down: retry the request'));
      }
      inFlight += 1;
      // 'close' fires exactly once per response, whether it finished or the client went away.
      reply.raw.once('close', () => {
        inFlight -= 1;
        if (inFlight === 0) onIdle?.();
      });
    });

    app.decorate('isDraining', () => draining);
    app.decorate('drain', () => {
      draining = true;
      if (inFlight === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        onIdle = resolve;
      });
    });
  },
  { name: 'drain' },
);
