import { connect } from 'node:net';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import drainPlugin from '../../src/plugins/drain.js';

const apps: ReturnType<typeof Fastify>[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

/** An app whose one route works until `finish()` is called, as a handler busy with the database would. */
async function appWithSlowRoute() {
  let finish!: () => void;
  const working = new Promise<void>((resolve) => (finish = resolve));
  let started!: () => void;
  const arrived = new Promise<void>((resolve) => (started = resolve));
  let gone!: () => void;
  const clientGone = new Promise<void>((resolve) => (gone = resolve));
  const app = Fastify();
  apps.push(app);
  await app.register(drainPlugin);
  app.get('/slow', async (request) => {
    request.raw.socket.once('close', () => gone());
    started();
    await working;
    return { done: true };
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, port: Number(new URL(address).port), arrived, clientGone, finish };
}

const settled = async (promise: Promise<unknown>) =>
  Promise.race([promise.then(() => true), new Promise((resolve) => setImmediate(() => resolve(false)))]);

describe('drain', () => {
  it('waits for a handler whose client went away, not only for the response to close', async () => {
    const { app, port, arrived, clientGone, finish } = await appWithSlowRoute();
    const socket = connect(port, '127.0.0.1');
    socket.write('GET /slow HTTP/1.1\r\nhost: x\r\n\r\n');
    await arrived;
    socket.destroy();
    await clientGone;
    const drained = app.drain();
    expect(await settled(drained)).toBe(false);
    finish();
    await drained;
    expect(app.isDraining()).toBe(true);
  });

  /**
   * An app whose client leaves while an earlier onRequest hook still awaits (as the session lookup
   * can), with `request` sent; `replied` resolves once a reply went through the drain plugin's
   * onSend hook.
   */
  async function appWhoseClientLeaves(route: (app: ReturnType<typeof Fastify>) => void, request: string) {
    const app = Fastify();
    apps.push(app);
    let sent!: () => void;
    const replied = new Promise<void>((resolve) => (sent = resolve));
    app.addHook('onRequest', async (_request, reply) => {
      reply.raw.socket?.destroy();
      if (!reply.raw.closed) await new Promise((resolve) => reply.raw.once('close', resolve));
    });
    await app.register(drainPlugin);
    // Registered after the drain plugin, so it runs after the drain plugin's own onSend hook.
    app.addHook('onSend', async () => sent());
    route(app);
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const socket = connect(Number(new URL(address).port), '127.0.0.1');
    socket.on('error', () => {});
    socket.write(request);
    return { app, replied };
  }

  it('counts nothing in flight for a request whose client left before the drain hook ran', async () => {
    const { app, replied } = await appWhoseClientLeaves(
      (app) => app.get('/', async () => ({ ok: true })),
      'GET / HTTP/1.1\r\nhost: x\r\n\r\n',
    );
    await replied;
    expect(await settled(app.drain())).toBe(true);
  });

  it('ends a request whose client left before its body was read, without running its handler', async () => {
    let handled = false;
    const body = '{"title":"x"}';
    const { app, replied } = await appWhoseClientLeaves(
      (app) =>
        app.post('/', async () => {
          handled = true;
          return { ok: true };
        }),
      `POST / HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
    );
    // Without the drain plugin's preParsing hook, the body is never read and this never comes.
    await replied;
    expect(handled).toBe(false);
    expect(await settled(app.drain())).toBe(true);
  });

  it('resolves at once when nothing is in flight, and after a finished request', async () => {
    const { app, port, finish } = await appWithSlowRoute();
    finish();
    const response = await fetch(`http://127.0.0.1:${port}/slow`);
    expect(response.status).toBe(200);
    await response.text();
    expect(await settled(app.drain())).toBe(true);
  });
});
