import { describe, expect, it } from 'vitest';
import type { ChatAction } from '../../src/domain/chat.js';
import type { Task } from '../../src/tasks/schemas.js';
import { signUp, useTestApp, type TestUser } from '../helpers/app.js';
import { cases, SEED, type Seeded } from './chat-engine-cases.js';

// A Wednesday: "Friday" is 2026-11-20, "next week" starts on Monday 2026-11-23.
const NOW = new Date('2026-11-18T10:00:00Z');
const ctx = useTestApp({ clock: () => NOW });

async function seed(user: TestUser): Promise<Seeded> {
  const created: Task[] = [];
  for (const { completed, ...payload } of SEED.map((s) => ({ completed: false, ...s }))) {
    const response = await ctx.app.inject({ method: 'POST', url: '/api/tasks', headers: user.headers, payload });
    let task: Task = response.json();
    if (completed) {
      const patched = await ctx.app.inject({
        method: 'PATCH',
        url: `/api/tasks/${task.id}`,
        headers: user.headers,
        payload: { completed },
      });
      task = patched.json();
    }
    created.push(task);
  }
  const [milk, bread, mom, report, rent] = created as [Task, Task, Task, Task, Task];
  return { milk, bread, mom, report, rent };
}

describe('the built-in assistant', () => {
  it('deletes on "yes" only the tasks its question named', async () => {
    const user = await signUp(ctx.app);
    await seed(user);
    const chat = async (message: string, conversationId?: string) =>
      (
        await ctx.app.inject({
          method: 'POST',
          url: '/api/chat',
          headers: user.headers,
          payload: { message, ...(conversationId && { conversationId }) },
        })
      ).json() as { conversationId: string; reply: string; actions: ChatAction[] };
    const asked = await chat('delete everything');
    // Added in the task list while the question waits: not among the tasks the user agreed to.
    await ctx.app.inject({ method: 'POST', url: '/api/tasks', headers: user.headers, payload: { title: 'New one' } });
    const done = await chat('yes', asked.conversationId);
    expect(done.actions.map((a) => [a.tool, a.ok])).toEqual(SEED.map(() => ['delete_task', true]));
    const left: Task[] = (await ctx.app.inject({ url: '/api/tasks', headers: user.headers })).json().tasks;
    expect(left.map((t) => t.title)).toEqual(['New one']);

    const undone = await chat('undo', asked.conversationId);
    expect(undone.reply).toBe('Undone: I brought back 5 tasks.');
    const back: Task[] = (await ctx.app.inject({ url: '/api/tasks', headers: user.headers })).json().tasks;
    const content = (t: Task) => [t.title, t.completed, t.dueDate, t.priority];
    expect(back.map(content).sort()).toEqual(
      [{ title: 'New one' }, ...SEED]
        .map((t) => ({ completed: false, dueDate: null, priority: 'medium', ...t }))
        .map((t) => [t.title, t.completed, t.dueDate, t.priority])
        .sort(),
    );
  });

  it('knows at least 40 phrasings across the five tools', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const tools = new Set(cases.map((c) => c.tool));
    for (const tool of ['add_task', 'list_tasks', 'complete_task', 'delete_task', 'update_task'])
      expect(tools).toContain(tool);
  });

  it.each(cases.map((c) => [c.turns.join(' → '), c] as const))('%s', async (_name, testCase) => {
    const user = await signUp(ctx.app);
    const seeded = await seed(user);
    let conversationId: string | undefined;
    let last: { reply: string; actions: ChatAction[] } | undefined;
    for (const message of testCase.turns) {
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/chat',
        headers: user.headers,
        payload: conversationId ? { message, conversationId } : { message },
      });
      expect(response.statusCode, response.body).toBe(200);
      last = response.json();
      conversationId = response.json().conversationId;
    }
    const { reply, actions } = last!;
    if (testCase.tool === null) {
      expect(actions).toEqual([]);
    } else {
      expect(actions.map((a) => a.tool)).toEqual([testCase.tool]);
      expect(actions[0]!.ok, JSON.stringify(actions[0])).toBe(true);
      if (testCase.args) expect(actions[0]!.args).toMatchObject(testCase.args(seeded));
    }
    if (testCase.reply) expect(reply).toMatch(testCase.reply);
    expect(reply.length).toBeGreaterThan(0);
    const tasks: Task[] = (await ctx.app.inject({ url: '/api/tasks', headers: user.headers })).json().tasks;
    testCase.check?.(tasks, seeded);
  });
});
