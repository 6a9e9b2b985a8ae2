import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Libraries built on the Fetch API (Better Auth, the MCP transport) take a Request and give a
 * Response. They get the path of the route Fastify matched, never the client's own spelling of it,
 * so they cannot resolve a request to another endpoint than the one its limits were applied to.
 */
export function toWebRequest(request: FastifyRequest, baseUrl: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const hasBody = request.body !== undefined && request.method !== 'GET' && request.method !== 'HEAD';
  const query = request.url.indexOf('?');
  const url = new URL(request.routeOptions.url + (query === -1 ? '' : request.url.slice(query)), baseUrl);
  return new Request(url, {
    // Fastify answers HEAD from the GET route and drops the body; Better Auth knows only GET.
    method: request.method === 'HEAD' ? 'GET' : request.method,
    headers,
    body: hasBody ? JSON.stringify(request.body) : undefined,
  });
}

/** Copies status and headers (each Set-Cookie kept apart) onto the reply; the caller sends the body. */
export function copyResponseHead(response: Response, reply: FastifyReply): void {
  reply.status(response.status);
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie' && name !== 'content-length') reply.header(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) reply.header('set-cookie', cookies);
}
