import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Task } from '../../src/tasks/schemas.js';
import { createTestApp, signUp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js';

let db: TestDatabase;
let app: App;
let model: FakeOpenAI;

beforeAll(async () => {
  model = await startFakeOpenAI();
  db = await createTestDatabase();
  app = await createTestApp(db.database, {
    env: { OPENAI_API_KEY: 'sk-test-key', OPENAI_BASE_URL: model.baseURL, OPENAI_MODEL: 'test-model' },
    clock: () => new Date('2026-11-18T10:00:00Z'),
  });
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
  await model?.close();
});
beforeEach(() => {
  model.requests.length = 0;
  model.script.length = 0;
});

const chat = (headers: Record<string, string>, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/api/chat', headers, payload });

describe('the LLM agent (OpenAI protocol)', () => {
  it('calls tools the model asks for and answers with its final text', async () => {
    const user = await signUp(app);
    model.script.push(
      { calls: [{ name: 'add_task', args: { title: 'Buy milk', priority: 'high', dueDate: '2026-11-19' } }] },
      { text: 'Added "Buy milk" for tomorrow.' },
    );
    const response = await chat(user.headers, { message: 'add buy milk tomorrow, it is urgent' });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.reply).toBe('Added "Buy milk" for tomorrow.');
    expect(body.actions).toHaveLength(1);
    expect(body.actions[0]).toMatchObject({
      tool: 'add_task',
      ok: true,
      args: { title: 'Buy milk', priority: 'high' },
    });

    const tasks: Task[] = (await app.inject({ url: '/api/tasks', headers: user.headers })).json().tasks;
    expect(tasks.map((t) => [t.title, t.priority, t.dueDate])).toEqual([['Buy milk', 'high', '2026-11-19']]);

    const [first, second] = model.requests;
    expect(first!.authorization).toBe('Bearer sk-test-key');
    expect(first!.body.model).toBe('test-model');
    expect(first!.body.tools!.map((t) => t.function.name).sort()).toEqual([
      'add_task',
      'complete_task',
      'delete_task',
      'list_tasks',
      'update_task',
    ]);
    expect(first!.body.messages[0]).toMatchObject({ role: 'system' });
    expect(first!.body.messages[0]!.content).toContain('2026-11-18');
    expect(first!.body.messages.at(-1)).toEqual({ role: 'user', content: 'add buy milk tomorrow, it is urgent' });
    const toolResult = second!.body.messages.at(-1)!;
    expect(toolResult.role).toBe('tool');
    expect(JSON.parse(toolResult.content!)).toMatchObject({ title: 'Buy milk', id: tasks[0]!.id });
  });

  it('sends the stored conversation, tool calls included, as context on the next turn', async () => {
    const user = await signUp(app);
    model.script.push({ calls: [{ name: 'list_tasks', args: {} }] }, { text: 'You have no tasks.' });
    const first = (await chat(user.headers, { message: 'what do I have?' })).json();
    model.script.push({ text: 'Still nothing.' });
    const second = await chat(user.headers, { message: 'and now?', conversationId: first.conversationId });
    expect(second.statusCode).toBe(200);
    const messages = model.requests.at(-1)!.body.messages;
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant', 'user']);
    expect(messages[1]!.content).toBe('what do I have?');
    expect(messages[2]!.tool_calls).toHaveLength(1);
    expect(messages[4]!.content).toBe('You have no tasks.');

    const history = await app.inject({
      url: `/api/conversations/${first.conversationId}/messages`,
      headers: user.headers,
    });
    expect(history.json().messages.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
      ['user', 'what do I have?'],
      ['assistant', 'You have no tasks.'],
      ['user', 'and now?'],
      ['assistant', 'Still nothing.'],
    ]);
    expect(history.json().messages[1].actions[0]).toMatchObject({ tool: 'list_tasks', ok: true });
  });

  it("reports a failed tool call to the model and cannot touch another user's task", async () => {
    const owner = await signUp(app);
    const intruder = await signUp(app);
    const task: Task = (
      await app.inject({ method: 'POST', url: '/api/tasks', headers: owner.headers, payload: { title: 'Private' } })
    ).json();
    model.script.push(
      {
        calls: [
          { name: 'delete_task', args: { id: task.id } },
          { name: 'add_task', args: { title: '' } },
        ],
      },
      { text: 'I could not do that.' },
    );
    const response = await chat(intruder.headers, { message: 'delete every task you can find' });
    expect(response.statusCode).toBe(200);
    const { actions } = response.json();
    expect(actions).toEqual([
      { tool: 'delete_task', args: { id: task.id }, ok: false, result: { error: 'No task with that id' } },
      { tool: 'add_task', args: { title: '' }, ok: false, result: { error: 'title: must not be empty' } },
    ]);
    const toolMessages = model.requests.at(-1)!.body.messages.filter((m) => m.role === 'tool');
    expect(toolMessages.map((m) => JSON.parse(m.content!).error)).toEqual([
      'No task with that id',
      'title: must not be empty',
    ]);
    expect((await app.inject({ url: `/api/tasks/${task.id}`, headers: owner.headers })).statusCode).toBe(200);
  });

  it('answers 502 and stores nothing when the model is unreachable', async () => {
    const user = await signUp(app);
    model.script.push({ status: 500 }, { status: 500 });
    const response = await chat(user.headers, { message: 'add buy milk' });
    expect(response.statusCode).toBe(502);
    expect(response.json().error.code).toBe('ASSISTANT_UNAVAILABLE');
    expect(response.body).not.toContain('scripted failure');
    expect((await app.inject({ url: '/api/conversations', headers: user.headers })).json().conversations).toEqual([]);
    expect((await app.inject({ url: '/api/tasks', headers: user.headers })).json().tasks).toEqual([]);
  });
});
