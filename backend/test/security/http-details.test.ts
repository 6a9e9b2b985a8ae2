import { connect } from 'node:net';
import http from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../src/http/security-headers.js';
import { signUp, useTestApp, type TestUser } from '../helpers/app.js';
import { listen } from '../helpers/raw-http.js';

const ctx = useTestApp();
let port: number;
let user: TestUser;

beforeAll(async () => {
  port = await listen(ctx.app);
  user = await signUp(ctx.app);
});

/** Writes the bytes as they are on a socket and reads the whole answer, until the server closes it. */
function onSocket(bytes: Buffer | string): Promise<{ head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const at = text.indexOf('\r\n\r\n');
      resolve({ head: text.slice(0, at).toLowerCase(), body: text.slice(at + 4) });
    });
    // Not end(): a half-closed socket may be closed by the server before it answers. Each request
    // asks for Connection: close (HTTP/1.0 implies it), so the server ends the exchange.
    socket.write(bytes);
  });
}

function expectApiAnswer({ head, body }: { head: string; body: string }, status: number, code: string) {
  expect(head.split('\r\n')[0]).toMatch(new RegExp(`^http/1\\.1 ${status} `));
  expect(JSON.parse(body)).toMatchObject({ error: { code } });
  for (const [name, value] of Object.entries(SECURITY_HEADERS))
    expect(head).toContain(`${name}: ${value.toLowerCase()}`);
}

describe('HTTP details', () => {
  it('answers a request without Host, and an Expect it cannot meet, with its JSON body and headers', async () => {
    expectApiAnswer(await onSocket('GET /health/live HTTP/1.1\r\nConnection: close\r\n\r\n'), 400, 'BAD_REQUEST');
    expectApiAnswer(
      await onSocket('GET /health/live HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\nConnection: close\r\n\r\n'),
      417,
      'EXPECTATION_FAILED',
    );
    // HTTP/1.0 has no Host to require.
    expect((await onSocket('GET /health/live HTTP/1.0\r\n\r\n')).head).toMatch(/^http\/1\.1 200 /);
  });

  it('refuses a body that is not UTF-8, as it refuses a lone surrogate, and stores nothing', async () => {
    const send = (body: Buffer) =>
      onSocket(
        Buffer.concat([
          Buffer.from(
            `POST /api/tasks HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${user.token}\r\n` +
              `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
          ),
          body,
        ]),
      );
    const broken = Buffer.concat([Buffer.from('{"title":"caf'), Buffer.from([0xc3]), Buffer.from('"}')]);
    const surrogate = Buffer.from('{"title":"caf\\ud800"}');
    for (const body of [broken, surrogate]) {
      const answer = await send(body);
      expectApiAnswer(answer, 400, 'VALIDATION_ERROR');
    }
    const tasks = await ctx.app.inject({ url: '/api/tasks', headers: user.headers });
    expect(tasks.json().total).toBe(0);
    expect((await send(Buffer.from('{"title":"café"}'))).head).toMatch(/^http\/1\.1 201 /);
  });

  it('treats a bearer token as Better Auth does: only its signature exactly as issued', async () => {
    const get = (token: string, path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = http.get(
          { host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${token}` } },
          (r) => {
            let body = '';
            r.on('data', (chunk: Buffer) => (body += chunk));
            r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
          },
        );
        request.on('error', reject);
      });
    const variants = {
      exact: user.token,
      unpadded: user.token.replace(/=+$/, ''),
      'a stray character': `${user.token}!`,
      'a second word': `${user.token} x`,
      'a character changed': user.token.slice(0, -3) + (user.token.at(-3) === 'A' ? 'B' : 'A') + user.token.slice(-2),
    };
    for (const [name, token] of Object.entries(variants)) {
      const tasks = await get(token, '/api/tasks');
      const session = JSON.parse((await get(token, '/api/auth/get-session')).body) as { user?: unknown } | null;
      // The API's own check and Better Auth's get-session agree on every variant.
      expect(tasks.status === 200, `${name}: ${tasks.status}`).toBe(session?.user !== undefined);
      expect(tasks.status, name).toBe(name === 'exact' ? 200 : 401);
    }
  });
});
