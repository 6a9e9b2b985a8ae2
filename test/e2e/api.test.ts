import { beforeAll, describe, expect, inject, it } from 'vitest';
import { StackClient, uniqueEmail, type Message, type Task, type TaskPage } from './client.js';

// The deployed stack's API end to end: a local stack, compose (E2E_BASE_URL) or a cluster's ingress.
const baseURL = inject('baseURL');
const PASSWORD = 'correct-horse-battery';

describe(`the API through ${baseURL}`, () => {
  const alice = new StackClient(baseURL);
  let email: string;

  beforeAll(async () => {
    email = uniqueEmail('api-e2e');
    expect((await alice.authenticate('sign-up', email, PASSWORD)).status).toBe(200);
  });

  it('answers health, readiness and docs without a session, and nothing else', async () => {
    const anonymous = new StackClient(baseURL);
    expect(await anonymous.get('/health')).toMatchObject({
      status: 200,
      body: { status: 'healthy', database: 'connected' },
    });
    expect((await anonymous.get('/health/ready')).status).toBe(200);
    expect((await anonymous.get('/api/docs')).body).toMatchObject({ openapi: expect.stringMatching(/^3\./) });
    expect(await anonymous.get('/api/tasks')).toMatchObject({
      status: 401,
      body: { error: { code: expect.any(String) } },
    });
  });

  it('signs in with the password and refuses a wrong one', async () => {
    const again = new StackClient(baseURL);
    expect((await again.authenticate('sign-in', email, PASSWORD)).status).toBe(200);
    expect((await again.get('/api/tasks')).status).toBe(200);
    expect((await new StackClient(baseURL).authenticate('sign-in', email, 'wrong-password-123')).status).toBe(401);
  });

  it('creates, reads, updates, completes and deletes a task', async () => {
    const created = await alice.post('/api/tasks', { title: 'Ship the release', priority: 'high', tags: ['work'] });
    expect(created.status).toBe(201);
    const task = created.body as Task;
    expect(task).toMatchObject({ title: 'Ship the release', priority: 'high', completed: false });

    const updated = await alice.patch(`/api/tasks/${task.id}`, { title: 'Ship release 1.0', completed: true });
    expect(updated.body).toMatchObject({ title: 'Ship release 1.0', completed: true });
    const completed = ((await alice.get('/api/tasks?status=completed')).body as TaskPage).tasks;
    expect(completed.map((t) => t.id)).toContain(task.id);

    expect((await alice.delete(`/api/tasks/${task.id}`)).status).toBe(204);
    expect((await alice.get(`/api/tasks/${task.id}`)).status).toBe(404);
  });

  it('names the field of a bad request, through the proxy', async () => {
    const reply = await alice.post('/api/tasks', { title: '' });
    expect(reply).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_ERROR', field: 'title' } } });
  });

  it('lets the assistant change tasks and keeps the conversation', async () => {
    const first = await alice.post('/api/chat', { message: 'add water the plants tomorrow' });
    expect(first.status).toBe(200);
    const { conversationId, actions } = first.body as {
      conversationId: string;
      actions: { tool: string; ok: boolean }[];
    };
    expect(actions).toEqual([expect.objectContaining({ tool: 'add_task', ok: true })]);
    const tasks = ((await alice.get('/api/tasks')).body as TaskPage).tasks;
    expect(tasks.find((t) => /water the plants/i.test(t.title))?.dueDate).toEqual(expect.any(String));

    await alice.post('/api/chat', { message: 'complete water the plants', conversationId });
    const after = ((await alice.get('/api/tasks?status=completed')).body as TaskPage).tasks;
    expect(after.some((t) => /water the plants/i.test(t.title))).toBe(true);

    const { conversations } = (await alice.get('/api/conversations')).body as { conversations: { id: string }[] };
    expect(conversations[0]?.id).toBe(conversationId);
    const { messages } = (await alice.get(`/api/conversations/${conversationId}/messages`)).body as {
      messages: Message[];
    };
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(messages[3]?.actions[0]).toMatchObject({ tool: 'complete_task', ok: true });
  });

  it("never shows one user another user's task", async () => {
    const task = (await alice.post('/api/tasks', { title: 'Private note' })).body as Task;
    const mallory = new StackClient(baseURL);
    await mallory.authenticate('sign-up', uniqueEmail('mallory'), PASSWORD);
    expect((await mallory.get(`/api/tasks/${task.id}`)).status).toBe(404);
    expect(((await mallory.get('/api/tasks')).body as TaskPage).tasks).toEqual([]);
  });
});
