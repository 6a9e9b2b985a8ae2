import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors.js';
import { nonCanonicalReason } from '../http/canonical-path.js';
import { findInputProblem } from '../http/input-check.js';

/** The one input layer in front of every route: canonical paths, then text and nesting limits. */
export default fp(
  async function input(app: FastifyInstance) {
    // Strict UTF-8: a lenient decoder would store broken bytes as U+FFFD, where a lone surrogate
    // (the same fault, escaped) is refused. Then Fastify's own parser, with its prototype checks.
    const parseJson = app.getDefaultJsonParser('error', 'error');
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
      let text: string;
      try {
        text = utf8.decode(body as Buffer);
      } catch {
        done(new ApiError(400, 'VALIDATION_ERROR', 'body: is not valid UTF-8', 'body'), undefined);
        return;
      }
      parseJson(request, text, done);
    });

    // Callback hooks: they never wait, and an async one costs a promise on every request.
    app.addHook('onRequest', (request, _reply, done) => {
      const { httpVersionMajor, httpVersionMinor } = request.raw;
      if (httpVersionMajor === 1 && httpVersionMinor === 1 && request.headers.host === undefined) {
        done(new ApiError(400, 'BAD_REQUEST', 'headers: an HTTP/1.1 request must send Host', 'headers'));
        return;
      }
      const url = request.raw.url ?? '/';
      const query = url.indexOf('?');
      const reason = nonCanonicalReason(query === -1 ? url : url.slice(0, query));
      done(reason ? new ApiError(400, 'NON_CANONICAL_PATH', `url: the path ${reason}`, 'url') : undefined);
    });

    app.addHook('preValidation', (request, _reply, done) => {
      const problem =
        findInputProblem(request.params, 'params') ??
        findInputProblem(request.query, 'query') ??
        findInputProblem(request.body, 'body');
      done(problem ? new ApiError(400, 'VALIDATION_ERROR', problem.message, problem.field) : undefined);
    });
  },
  { name: 'input' },
);
