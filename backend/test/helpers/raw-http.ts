import http from 'node:http';
import type { App } from '../../src/app.js';

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** Listens on a free port of 127.0.0.1; requests through it keep the path exactly as written. */
export async function listen(app: App): Promise<number> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return (app.server.address() as { port: number }).port;
}

/** One request over a real socket: unlike inject, nothing normalises the path on the way. */
export function rawRequest(
  port: number,
  {
    method = 'GET',
    path,
    headers = {},
    body,
  }: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}
