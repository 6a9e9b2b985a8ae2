import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError, errorBody } from '../errors.js';

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
    const replied = new WeakMap<object, () => void>();

    // Callback hooks, as they never wait: an async one costs a promise on every request.
    app.addHook('onRequest', (_request, reply, done) => {
      if (draining) {
        reply.header('connection', 'close').header('retry-after', '1');
        // Answered here: done is not called, so no later hook or handler runs.
        reply.status(503).send(errorBody('SHUTTING_DOWN', 'The server is shutting down: retry the request'));
        return;
      }
      inFlight += 1;
      // Done when the response has closed and the handler has sent its reply: 'close' alone also
      // fires when the client goes away while the handler still works (and needs the database).
      let pending = 2;
      const settle = () => {
        pending -= 1;
        if (pending > 0) return;
        inFlight -= 1;
        if (inFlight === 0) onIdle?.();
      };
      // A client that left while an earlier hook awaited has closed the response already: its
      // 'close' event will not come again, and waiting for it kept every later drain waiting.
      if (reply.raw.closed) settle();
      else reply.raw.once('close', settle);
      replied.set(reply.raw, settle);
      done();
    });
    // Runs once per reply, for a handler's result, an error or a 404 alike, before it is written.
    app.addHook('onSend', (_request, reply, payload, done) => {
      replied.get(reply.raw)?.();
      replied.delete(reply.raw);
      done(null, payload);
    });

    // Fastify reads a body from the request stream after the onRequest hooks; if the client left
    // while one of them awaited, that stream is destroyed and the read waits forever, holding the
    // request in flight. Nobody is there for the answer: the request ends here instead.
    app.addHook('preParsing', (request, _reply, payload, done) => {
      if (request.raw.destroyed) done(new ApiError(499, 'CLIENT_GONE', 'The client left before its request was read'));
      else done(null, payload);
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
