import { STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { ApiError, errorBody } from '../errors.js';
import { AUTH_CHALLENGE, SECURITY_HEADERS } from '../http/security-headers.js';

/** Fastify's own client errors, mapped to the API's codes and to the input they concern. */
const FASTIFY_CLIENT_ERRORS: Record<string, { code: string; field?: string; message?: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', field: 'body', message: 'body: larger than 1 MB' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    field: 'body',
    message: 'body: send JSON with Content-Type: application/json',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'VALIDATION_ERROR', field: 'body', message: 'body: must not be empty' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'INVALID_JSON', field: 'body', message: 'body: is not valid JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'VALIDATION_ERROR', field: 'body', message: 'body: bad Content-Length' },
  FST_ERR_CTP_INVALID_TYPE: { code: 'VALIDATION_ERROR', field: 'headers', message: 'Content-Type: must be a string' },
  FST_ERR_BAD_URL: { code: 'BAD_REQUEST', field: 'url', message: 'url: is malformed (a broken percent-escape?)' },
  FST_ERR_MAX_PARAM_LENGTH: {
    code: 'URI_TOO_LONG',
    field: 'url',
    message: 'url: a path segment is longer than 100 characters',
  },
  FST_ERR_ASYNC_CONSTRAINT: { code: 'BAD_REQUEST' },
};

function validationField(error: FastifyError): { field: string; message: string } {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0];
    const path = first?.instancePath.split('/').filter(Boolean) ?? [];
    // An unknown key is the field to name: the path only points at the object holding it.
    const unknownKey =
      first?.keyword === 'unrecognized_keys' ? (first.params as { keys?: string[] }).keys?.[0] : undefined;
    if (unknownKey !== undefined) {
      const field = [...path, unknownKey].join('.');
      return { field, message: `${field}: is not a known field` };
    }
    const field = path.join('.') || (error.validationContext ?? 'input');
    return { field, message: `${field}: ${first?.message ?? 'is invalid'}` };
  }
  return { field: error.validationContext ?? 'input', message: error.message };
}

/** One error format for the whole API; 4xx messages are shown, 5xx details are only logged. */
export default fp(async function errors(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiError) {
      if (error.statusCode === 401) reply.header('www-authenticate', AUTH_CHALLENGE);
      return reply.status(error.statusCode).send(errorBody(error.code, error.message, error.field));
    }
    if (error.validation) {
      const { field, message } = validationField(error);
      return reply.status(400).send(errorBody('VALIDATION_ERROR', message, field));
    }
    const known = error.code ? FASTIFY_CLIENT_ERRORS[error.code] : undefined;
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply
        .status(status)
        .send(errorBody(known?.code ?? 'BAD_REQUEST', known?.message ?? error.message, known?.field));
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      // 503 tells the UI and load balancers to retry, where a 500 would say the request was wrong.
      return reply
        .status(503)
        .header('retry-after', '5')
        .send(errorBody('DATABASE_UNAVAILABLE', 'The database is unavailable; retry shortly'));
    }
    request.log.error({ err: error }, 'request failed');
    return reply
      .status(status >= 500 && status < 600 ? status : 500)
      .send(errorBody('INTERNAL_ERROR', 'Internal server error'));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(errorBody('NOT_FOUND', `Route ${request.method} ${request.url.split('?')[0]} not found`));
  });
});

/** Errors Fastify meets before routing (a malformed or over-long path): the same shape and headers. */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const known = FASTIFY_CLIENT_ERRORS[error.code];
  return reply
    .headers(SECURITY_HEADERS)
    .status(error.statusCode ?? 400)
    .send(errorBody(known?.code ?? 'BAD_REQUEST', known?.message ?? 'The request is malformed', known?.field));
}

const CLIENT_ERRORS: Record<string, [status: number, code: string, field: string, message: string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST_TIMEOUT', 'body', 'body: not received in time'],
  HPE_HEADER_OVERFLOW: [431, 'HEADERS_TOO_LARGE', 'headers', 'headers: the URL and headers must fit in 16 KB'],
};

/** The JSON body and headers of an answer written past Fastify: the same as every other answer. */
function bareAnswer(code: string, field: string, message: string) {
  const body = JSON.stringify(errorBody(code, message, field));
  const headers = {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  return { headers, body };
}

/** Requests Node's HTTP parser rejects never reach Fastify: answer them on the socket, same shape. */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, field, message] = CLIENT_ERRORS[error.code ?? ''] ?? [
    400,
    'BAD_REQUEST',
    'request',
    'request: is not valid HTTP/1.1',
  ];
  const { headers, body } = bareAnswer(code, field, message);
  const head = [`HTTP/1.1 ${status} ${STATUS_CODES[status]}`, ...Object.entries(headers).map(([n, v]) => `${n}: ${v}`)];
  if (socket.writable) socket.write(`${head.join('\r\n')}\r\n\r\n${body}`);
  socket.destroy(error);
}

/**
 * Requests Node's HTTP server answers before Fastify sees them, with no body and none of the
 * API's headers: an Expect other than 100-continue (417), and an HTTP/1.1 request without Host
 * (400, which the input plugin gives once Node lets the request through).
 */
export function answerNodeRefusals(server: Server) {
  // Read by Node at each request; its option of the same name is not in @types/node's Server.
  (server as Server & { requireHostHeader: boolean }).requireHostHeader = false;
  server.on('checkExpectation', (_request: IncomingMessage, response: ServerResponse) => {
    const { headers, body } = bareAnswer('EXPECTATION_FAILED', 'headers', 'Expect: only 100-continue is supported');
    response.writeHead(417, headers).end(body);
  });
}
