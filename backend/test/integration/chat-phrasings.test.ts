import { describe, expect, it } from 'vitest';
import type { ChatAction } from '../../src/domain/chat.js';
import type { Task } from '../../src/tasks/schemas.js';
import { signUp, useTestApp, type TestUser } from '../helpers/app.js';

// A Wednesday: "Friday" is 2026-11-20, "tomorrow" 2026-11-19, "Monday" and "next week" 2026-11-23.
const NOW = new Date('2026-11-18T10:00:00Z');
const ctx = useTestApp({ clock: () => NOW });

// This week runs from Monday 2026-11-16 to Sunday 2026-11-22.
const TASKS = [
  { title: 'Book dentist appointment' },
  { title: 'Renew gym membership', dueDate: '2026-11-25' },
  { title: 'Call mom', dueDate: '2026-11-19' },
  { title: 'Buy milk' },
  { title: 'Pay electricity bill', dueDate: '2026-11-21' },
  { title: 'Write the quarterly report', priority: 'high' },
  { title: 'Water the plants', completed: true, dueDate: '2026-11-20' },
  { title: 'Fix the leaking tap' },
] as const;

/** A message, the tool it must call, the task it must act on, and what else the call must carry. */
type Phrasing = [message: string, tool: string, title: string, args?: Record<string, unknown>];
const done = { completed: true };
const undone = { completed: false };

// What the matching was written and tuned against: every one must pass.
const BUILT_ON: Phrasing[] = [
  ['finally got the dentist appointment sorted', 'complete_task', 'Book dentist appointment', done],
  ['the gym membership is handled', 'complete_task', 'Renew gym membership', done],
  ['bin the gym thing', 'delete_task', 'Renew gym membership'],
  ['ditch the milk', 'delete_task', 'Buy milk'],
  ['I called mom', 'complete_task', 'Call mom', done],
  ['paid the electricity bill', 'complete_task', 'Pay electricity bill', done],
  ['the report can wait till friday', 'update_task', 'Write the quarterly report', { dueDate: '2026-11-20' }],
  ['push the leaky tap to next week', 'update_task', 'Fix the leaking tap', { dueDate: '2026-11-23' }],
  ['the plants still need watering', 'complete_task', 'Water the plants', undone],
  ['scratch the dentist', 'delete_task', 'Book dentist appointment'],
  ['knocked out the quarterly report', 'complete_task', 'Write the quarterly report', done],
  ['the tap is urgent', 'update_task', 'Fix the leaking tap', { priority: 'high' }],
  ['no longer need to buy milk', 'delete_task', 'Buy milk'],
  ['took care of the electricity bill', 'complete_task', 'Pay electricity bill', done],
  ['forget the gym', 'delete_task', 'Renew gym membership'],
  ['dentist appointment done', 'complete_task', 'Book dentist appointment', done],
];

// Written before the matching and never tuned against: they measure how far it generalises.
const HELD_OUT: Phrasing[] = [
  ['wrapped up the quarterly report', 'complete_task', 'Write the quarterly report', done],
  ['just bought the milk', 'complete_task', 'Buy milk', done],
  ['toss the gym membership', 'delete_task', 'Renew gym membership'],
  ["mom's been called", 'complete_task', 'Call mom', done],
  ['the electricity bill is paid', 'complete_task', 'Pay electricity bill', done],
  ['I fixed the leaking tap', 'complete_task', 'Fix the leaking tap', done],
  ['cancel my dentist appointment', 'delete_task', 'Book dentist appointment'],
  ['dentist can wait until monday', 'update_task', 'Book dentist appointment', { dueDate: '2026-11-23' }],
  ['gym membership no longer needed', 'delete_task', 'Renew gym membership'],
  ['make the electricity bill a priority', 'update_task', 'Pay electricity bill', { priority: 'high' }],
  ["the report isn't finished after all", 'complete_task', 'Write the quarterly report', undone],
  ['renewed the gym membership', 'complete_task', 'Renew gym membership', done],
  ['nuke the report', 'delete_task', 'Write the quarterly report'],
  ['watered the plants already', 'complete_task', 'Water the plants', done],
  ['the tap can wait, low priority', 'update_task', 'Fix the leaking tap', { priority: 'low' }],
  ['get the milk off my list', 'delete_task', 'Buy milk'],
  ['booked the dentist', 'complete_task', 'Book dentist appointment', done],
  ['move mom to tomorrow', 'update_task', 'Call mom', { dueDate: '2026-11-19' }],
  ["report's done", 'complete_task', 'Write the quarterly report', done],
  ['remove the bill', 'delete_task', 'Pay electricity bill'],
];
const HELD_OUT_PASS_RATE = 0.75;

// Messages that name a task but do not ask to delete it: a guess must never lose data.
const NOT_DELETES = [
  "I don't want to forget to call mom",
  "don't delete the report",
  'the milk is not to be removed',
  'why is the gym membership so expensive',
];

/**
 * A conversation and what must hold after it: the user's tasks (by content: a task brought back by
 * "undo" is a new row), and for a list, which tasks the last reply listed.
 */
type Scenario = [messages: string[], after: (tasks: TaskState[]) => TaskState[], listed?: string[]];
type TaskState = { title: string; completed: boolean; dueDate: string | null; priority: string };
const unchanged = (tasks: TaskState[]) => tasks;
const none = () => [];
const allDone = (tasks: TaskState[]) => tasks.map((t) => ({ ...t, completed: true }));
const withoutDone = (tasks: TaskState[]) => tasks.filter((t) => !t.completed);
const DUE_THIS_WEEK = ['Call mom', 'Pay electricity bill'];

// Bulk changes (confirmed before anything is deleted), undo, and periods: every one must pass.
const SCENARIOS_BUILT_ON: Scenario[] = [
  [['delete all my tasks'], unchanged],
  [['delete all my tasks', 'yes'], none],
  [['delete all my tasks', 'no'], unchanged],
  [['clear everything done', 'yes'], withoutDone],
  [['mark everything as done'], allDone],
  [['mark everything as done', 'undo'], unchanged],
  [['delete the milk', 'undo'], unchanged],
  [['what is due this week?'], unchanged, DUE_THIS_WEEK],
];

// Written with the ones above, before the code, and never tuned against.
const SCENARIOS_HELD_OUT: Scenario[] = [
  [['remove all completed tasks', 'yes please'], withoutDone],
  [['mark all my tasks as complete'], allDone],
  [['wipe my whole list', 'go ahead'], none],
  [['delete everything', 'cancel'], unchanged],
  [['get rid of all the finished ones', 'confirm'], withoutDone],
  [["what's due this week"], unchanged, DUE_THIS_WEEK],
  [['anything due this week?'], unchanged, DUE_THIS_WEEK],
  [['show me tasks due next week'], unchanged, ['Renew gym membership']],
  [['nuke the report', 'undo that'], unchanged],
  [['I called mom', 'oops, undo'], unchanged],
  [['clear all done tasks', 'yes', 'undo'], unchanged],
  [['finish everything'], allDone],
  [['move the report to friday', 'undo'], unchanged],
  [['delete all tasks', 'sure'], none],
  [['delete all my tasks', 'undo'], unchanged],
  [['what do I have due today?'], unchanged, []],
];

const stateOf = (tasks: readonly TaskState[]) =>
  tasks
    .map(({ title, completed, dueDate, priority }) => JSON.stringify({ title, completed, dueDate, priority }))
    .sort();

/** Plays the conversation as a fresh user with the tasks above; what went wrong, if anything. */
async function played([messages, after, listed]: Scenario): Promise<string | undefined> {
  const user = await signUpWithTasks();
  const before = await allTasks(user);
  let conversationId: string | undefined;
  let last: { reply: string; actions: ChatAction[] } | undefined;
  for (const message of messages) {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/chat',
      headers: user.headers,
      payload: { message, ...(conversationId && { conversationId }) },
    });
    last = response.json();
    conversationId = response.json().conversationId;
  }
  const said = `"${messages.join('" → "')}"`;
  const reply = last!.reply.split('\n')[0];
  const got = stateOf(await allTasks(user));
  const wanted = stateOf(after(before));
  if (JSON.stringify(got) !== JSON.stringify(wanted)) {
    return `${said}: ${got.length} tasks left (${wanted.length} wanted), last reply: ${reply}`;
  }
  if (listed) {
    const list = last!.actions.find((a) => a.tool === 'list_tasks')?.result as { tasks: Task[] } | undefined;
    const titles = list?.tasks.map((t) => t.title).sort();
    if (JSON.stringify(titles) !== JSON.stringify([...listed].sort())) {
      return `${said}: listed ${JSON.stringify(titles)}, wanted ${JSON.stringify(listed)} (${reply})`;
    }
  }
  return undefined;
}

/** Sends the message as a fresh user with the tasks above; whether the one call was the expected one. */
async function understood([message, tool, title, args]: Phrasing): Promise<string | undefined> {
  const { byId, reply, actions } = await say(message);
  const [action] = actions;
  const got = action
    ? `${action.tool} ${byId.get(String(action.args.id)) ?? '?'} ${JSON.stringify(action.args)}`
    : 'no call';
  const right =
    actions.length === 1 &&
    action!.ok &&
    action!.tool === tool &&
    byId.get(String(action!.args.id)) === title &&
    Object.entries(args ?? {}).every(([key, value]) => action!.args[key] === value);
  return right ? undefined : `"${message}": wanted ${tool} "${title}", got ${got} (${reply.split('\n')[0]})`;
}

async function say(message: string) {
  const user = await signUpWithTasks();
  const byId = new Map((await allTasks(user)).map((task) => [task.id, task.title]));
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/chat',
    headers: user.headers,
    payload: { message },
  });
  const { reply, actions } = response.json() as { reply: string; actions: ChatAction[] };
  return { byId, reply, actions };
}

const allTasks = async (user: TestUser) =>
  ((await ctx.app.inject({ url: '/api/tasks?limit=200', headers: user.headers })).json() as { tasks: Task[] }).tasks;

async function signUpWithTasks(): Promise<TestUser> {
  const user = await signUp(ctx.app);
  for (const { completed, ...payload } of TASKS.map((t) => ({ completed: false, ...t }))) {
    const task: Task = (
      await ctx.app.inject({ method: 'POST', url: '/api/tasks', headers: user.headers, payload })
    ).json();
    if (completed)
      await ctx.app.inject({
        method: 'PATCH',
        url: `/api/tasks/${task.id}`,
        headers: user.headers,
        payload: { completed },
      });
  }
  return user;
}

describe('the built-in assistant on everyday phrasings', () => {
  it.each(BUILT_ON.map((p) => [p[0], p] as const))('understands "%s" (built on)', async (_message, phrasing) => {
    expect(await understood(phrasing)).toBeUndefined();
  });

  it(`understands at least ${HELD_OUT_PASS_RATE * 100} % of ${HELD_OUT.length} phrasings it was not built on`, async () => {
    const misses = (await Promise.all(HELD_OUT.map(understood))).filter((miss) => miss !== undefined);
    expect(misses.length, misses.join('\n')).toBeLessThanOrEqual(HELD_OUT.length * (1 - HELD_OUT_PASS_RATE));
  });

  it.each(SCENARIOS_BUILT_ON.map((s) => [s[0].join('" → "'), s] as const))(
    'plays "%s" (built on)',
    async (_messages, scenario) => {
      expect(await played(scenario)).toBeUndefined();
    },
  );

  it(`plays at least ${HELD_OUT_PASS_RATE * 100} % of ${SCENARIOS_HELD_OUT.length} conversations it was not built on`, async () => {
    const misses = (await Promise.all(SCENARIOS_HELD_OUT.map(played))).filter((miss) => miss !== undefined);
    expect(misses.length, misses.join('\n')).toBeLessThanOrEqual(SCENARIOS_HELD_OUT.length * (1 - HELD_OUT_PASS_RATE));
  });

  it.each(NOT_DELETES)('deletes nothing on "%s"', async (message) => {
    const { actions } = await say(message);
    expect(actions.map((a) => a.tool)).not.toContain('delete_task');
  });
});
