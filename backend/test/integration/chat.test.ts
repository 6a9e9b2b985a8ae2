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

    const conversations = (await ctx.app.inject({ url: '/api/conversations', headers: user.headers })).json();
    expect(conversations.map((c: { id: string }) => c.id)).toEqual([second.conversationId, first.conversationId]);
    expect(conversations[1].title).toBe('add buy milk');

    const messages = (
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
    expect((await ctx.app.inject({ url: '/api/conversations', headers: user.headers })).json()).toEqual([]);
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
});
