import { describe, expect, it } from 'vitest';
import { createTestApp, signUp, useTestApp } from '../helpers/app.js';

const ctx = useTestApp();

describe('chat and conversation routes', () => {
  it('keeps conversations newest first and their messages oldest first', async () => {
    const user = await signUp(ctx.app);
    const send = (message: string, conversationId?: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/chat',
        headers: user.headers,
        payload: conversationId ? { message, conversationId } : { message },
      });
    const first = (await send('add buy milk')).json();
    await send('show my tasks', first.conversationId);
    const second = (await send('hello')).json();
    expect(second.conversationId).not.toBe(first.conversationId);

    const { conversations } = (await ctx.app.inject({ url: '/api/conversations', headers: user.headers })).json();
    expect(conversations.map((c: { id: string }) => c.id)).toEqual([second.conversationId, first.conversationId]);
    expect(conversations[1].title).toBe('add buy milk');

    const { messages } = (
      await ctx.app.inject({ url: `/api/conversations/${first.conversationId}/messages`, headers: user.headers })
    ).json();
    expect(messages.map((m: { role: string; content: string }) => [m.role, m.content.split('\n')[0]])).toEqual([
      ['user', 'add buy milk'],
      ['assistant', 'Added "Buy milk".'],
      ['user', 'show my tasks'],
      ['assistant', 'You have one task:'],
    ]);
    expect(messages[1].actions[0]).toMatchObject({ tool: 'add_task', ok: true });
    expect(Object.keys(messages[0]).sort()).toEqual(['actions', 'content', 'createdAt', 'id', 'role']);
  });

  it('lets any replica carry on a conversation: nothing is kept in memory', async () => {
    const replica = await createTestApp(ctx.db.database);
    try {
      const user = await signUp(ctx.app);
      for (const title of ['Alpha', 'Beta']) {
        await ctx.app.inject({ method: 'POST', url: '/api/tasks', headers: user.headers, payload: { title } });
      }
      const listed = (
        await ctx.app.inject({
          method: 'POST',
          url: '/api/chat',
          headers: user.headers,
          payload: { message: 'list my tasks' },
        })
      ).json();
      const picked = await replica.inject({
        method: 'POST',
        url: '/api/chat',
        headers: user.headers,
        payload: { message: 'delete the second one', conversationId: listed.conversationId },
      });
      expect(picked.json().reply).toBe('Deleted "Alpha".');
      const left = (await replica.inject({ url: '/api/tasks', headers: user.headers })).json().tasks;
      expect(left.map((t: { title: string }) => t.title)).toEqual(['Beta']);
    } finally {
      await replica.close();
    }
  });

  it.each([
    ['missing message', {}, 'message'],
    ['empty message', { message: '' }, 'message'],
    ['blank message', { message: '   ' }, 'message'],
    ['message too long', { message: 'x'.repeat(4001) }, 'message'],
    ['message of the wrong type', { message: ['hi'] }, 'message'],
    ['malformed conversation id', { message: 'hi', conversationId: '42' }, 'conversationId'],
    ['extra field', { message: 'hi', model: 'gpt-5' }, 'model'],
  ])('rejects a %s with 400 and stores nothing', async (_name, payload, field) => {
    const user = await signUp(ctx.app);
    const response = await ctx.app.inject({ method: 'POST', url: '/api/chat', headers: user.headers, payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe(field);
    expect((await ctx.app.inject({ url: '/api/conversations', headers: user.headers })).json().conversations).toEqual(
      [],
    );
  });

  it('answers 404 for an unknown conversation', async () => {
    const user = await signUp(ctx.app);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const chat = await ctx.app.inject({
      method: 'POST',
      url: '/api/chat',
      headers: user.headers,
      payload: { message: 'hi', conversationId: unknown },
    });
    expect(chat.statusCode).toBe(404);
    const history = await ctx.app.inject({ url: `/api/conversations/${unknown}/messages`, headers: user.headers });
    expect(history.statusCode).toBe(404);
  });

  it('pages through conversations, and through messages from the latest back', async () => {
    const user = await signUp(ctx.app);
    const get = async (url: string) => (await ctx.app.inject({ url, headers: user.headers })).json();
    const say = async (message: string, conversationId?: string) =>
      (
        await ctx.app.inject({
          method: 'POST',
          url: '/api/chat',
          headers: user.headers,
          payload: { message, ...(conversationId && { conversationId }) },
        })
      ).json() as { conversationId: string };
    const { conversationId } = await say('thanks 1');
    for (let turn = 2; turn <= 5; turn++) await say(`thanks ${turn}`, conversationId);
    for (let other = 1; other <= 2; other++) await say(`another ${other}`);

    const conversations = await get('/api/conversations?limit=2&offset=1');
    expect(conversations).toMatchObject({ total: 3, limit: 2, offset: 1 });
    expect(conversations.conversations).toHaveLength(2);

    const url = `/api/conversations/${conversationId}/messages`;
    const contents = (page: { messages: { content: string }[] }) =>
      page.messages.map((m) => m.content.slice(0, 8).trim());
    const latest = await get(`${url}?limit=4`);
    expect(contents(latest)).toEqual(['thanks 4', "You're w", 'thanks 5', "You're w"]);
    expect(latest.hasOlder).toBe(true);
    const older = await get(`${url}?limit=4&before=${latest.messages[0].id}`);
    expect(contents(older)).toEqual(['thanks 2', "You're w", 'thanks 3', "You're w"]);
    const oldest = await get(`${url}?limit=4&before=${older.messages[0].id}`);
    expect(contents(oldest)).toEqual(['thanks 1', "You're w"]);
    expect(oldest.hasOlder).toBe(false);

    const elsewhere = await get(`/api/conversations`);
    const otherId = elsewhere.conversations.find((c: { id: string }) => c.id !== conversationId).id;
    const foreignCursor = await ctx.app.inject({ url: `${url}?before=${otherId}`, headers: user.headers });
    expect(foreignCursor.statusCode).toBe(400);
    expect(foreignCursor.json().error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'before' });
  });

  it.each(['0x10', '1e2', '+5', '', ' 5', '5.0', '-1', '201'])(
    'refuses limit=%j: only decimal digits in range are a number',
    async (limit) => {
      const user = await signUp(ctx.app);
      for (const path of ['/api/tasks', '/api/conversations']) {
        const response = await ctx.app.inject({
          url: `${path}?limit=${encodeURIComponent(limit)}`,
          headers: user.headers,
        });
        expect(response.statusCode, `${path} ${response.body}`).toBe(400);
        expect(response.json().error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'limit' });
      }
    },
  );
});
