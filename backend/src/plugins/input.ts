import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors.js';
import { nonCanonicalReason } from '../http/canonical-path.js';
import { findInputProblem } from '../http/input-check.js';

/** The one input layer in front of every route: canonical paths, then text and nesting limits. */
export default fp(
  async function input(app: FastifyInstance) {
    app.addHook('onRequest', async (request) => {
      const url = request.raw.url ?? '/';
      const query = url.indexOf('?');
      const reason = nonCanonicalReason(query === -1 ? url : url.slice(0, query));
      if (reason) throw new ApiError(400, 'NON_CANONICAL_PATH', `url: the path ${reason}`, 'url');
    });

    app.addHook('preValidation', async (request) => {
      const problem =
        findInputProblem(request.params, 'params') ??
        findInputProblem(request.query, 'query') ??
        findInputProblem(request.body, 'body');
      if (problem) throw new ApiError(400, 'VALIDATION_ERROR', problem.message, problem.field);
    });
  },
  { name: 'input' },
);
