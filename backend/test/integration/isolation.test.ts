import { beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../src/tasks/schemas.js';
import { signUp, useTestApp, type TestUser } from '../helpers/app.js';

const ctx = useTestApp();
let owner: TestUser;
let other: TestUser;
let task: Task;
let conversationId: string;

const snapshot = async () => ({
  tasks: (await ctx.app.inject({ url: '/api/tasks', headers: owner.headers })).json().tasks,
  conversations: (await ctx.app.inject({ url: '/api/conversations', headers: owner.headers })).json().conversations,
  messages: (
    await ctx.app.inject({ url: `/api/conversations/${conversationId}/messages`, headers: owner.headers })
  ).json().messages,
});

beforeAll(async () => {
  owner = await signUp(ctx.app, 'Owner');
  other = await signUp(ctx.app, 'Other');
  task = (
    await ctx.app.inject({
      method: 'POST',
      url: '/api/tasks',
      headers: owner.headers,
      payload: { title: 'Secret plan' },
    })
  ).json();
  conversationId = (
    await ctx.app.inject({
      method: 'POST',
      url: '/api/chat',
      headers: owner.headers,
      payload: { message: 'show my tasks' },
    })
  ).json().conversationId;
});

describe("one user never sees or changes another user's data", () => {
  it('answers 404 on every route that names the other user’s task or conversation', async () => {
    const before = await snapshot();
    const attempts = [
      { method: 'GET', url: `/api/tasks/${task.id}` },
      { method: 'PATCH', url: `/api/tasks/${task.id}`, payload: { title: 'Hijacked' } },
      { method: 'PATCH', url: `/api/tasks/${task.id}`, payload: { completed: true } },
      { method: 'DELETE', url: `/api/tasks/${task.id}` },
      { method: 'GET', url: `/api/conversations/${conversationId}/messages` },
      { method: 'POST', url: '/api/chat', payload: { message: 'show my tasks', conversationId } },
    ] as const;
    for (const attempt of attempts) {
      const response = await ctx.app.inject({ ...attempt, headers: other.headers });
      expect(response.statusCode, `${attempt.method} ${attempt.url}`).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('keeps lists and the assistant to the caller’s own data', async () => {
    const before = await snapshot();
    expect((await ctx.app.inject({ url: '/api/tasks', headers: other.headers })).json().tasks).toEqual([]);
    expect((await ctx.app.inject({ url: '/api/tasks?q=secret', headers: other.headers })).json().tasks).toEqual([]);
    expect((await ctx.app.inject({ url: '/api/conversations', headers: other.headers })).json().conversations).toEqual(
      [],
    );
    for (const message of ['delete secret plan', 'mark secret plan as done', 'show my tasks']) {
      const reply = await ctx.app.inject({
        method: 'POST',
        url: '/api/chat',
        headers: other.headers,
        payload: { message },
      });
      expect(reply.statusCode).toBe(200);
      expect(reply.body).not.toContain('Secret plan');
    }
    expect(await snapshot()).toEqual(before);
  });
});
