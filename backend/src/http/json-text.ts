import type { FastifyReply } from 'fastify';

/**
 * Sends JSON text as it is. Fastify passes a string under a JSON content type straight through,
 * past the route's serialiser, so whoever built the text (PostgreSQL, for tasks) answers for its
 * shape; the route's schema still documents it. The plain FastifyReply takes any payload.
 */
export function sendJsonText(reply: FastifyReply, status: number, text: string): FastifyReply {
  return (reply as FastifyReply).code(status).type('application/json; charset=utf-8').send(text);
}
