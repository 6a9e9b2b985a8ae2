/**
 * What the built-in assistant must do with each message (chat-engine.test.ts runs them): the tasks
 * every case starts from, the tool its last turn calls with which arguments, its reply, and what the
 * task list holds after.
 */
import { expect } from 'vitest';
import type { Task } from '../../src/tasks/schemas.js';

export const SEED = [
  { title: 'Buy milk' },
  { title: 'Buy bread' },
  { title: 'Call mom', dueDate: '2026-11-20' },
  { title: 'Write the quarterly report', priority: 'high' },
  { title: 'Pay rent', completed: true },
] as const;
export type Seeded = Record<'milk' | 'bread' | 'mom' | 'report' | 'rent', Task>;

export type Case = {
  turns: string[];
  /** The tool the last turn must call, or null when it must call none. */
  tool: string | null;
  args?: (seed: Seeded) => Record<string, unknown>;
  reply?: RegExp;
  check?: (tasks: Task[], seed: Seeded) => void;
};

export const cases: Case[] = [
  // add_task
  {
    turns: ['add buy stamps tomorrow'],
    tool: 'add_task',
    args: () => ({ title: 'Buy stamps', dueDate: '2026-11-19' }),
  },
  {
    turns: ['Please add a task to call the plumber on Friday with high priority'],
    tool: 'add_task',
    args: () => ({ title: 'Call the plumber', dueDate: '2026-11-20', priority: 'high' }),
  },
  {
    turns: ['remind me to renew my passport next week'],
    tool: 'add_task',
    args: () => ({ title: 'Renew my passport', dueDate: '2026-11-23' }),
  },
  {
    turns: ['I need to finish the slides by Dec 5 #work'],
    tool: 'add_task',
    args: () => ({ title: 'Finish the slides', dueDate: '2026-12-05', tags: ['work'] }),
  },
  {
    turns: ["create a new task called 'Water the plants' in 3 days"],
    tool: 'add_task',
    args: () => ({ title: 'Water the plants', dueDate: '2026-11-21' }),
  },
  {
    turns: ['new task: book dentist appointment, low priority'],
    tool: 'add_task',
    args: () => ({ title: 'Book dentist appointment', priority: 'low' }),
  },
  {
    turns: ['Could you add pay the electricity bill on the 1st of December, thanks'],
    tool: 'add_task',
    args: () => ({ title: 'Pay the electricity bill', dueDate: '2026-12-01' }),
  },
  {
    turns: ["don't let me forget to email Sam today"],
    tool: 'add_task',
    args: () => ({ title: 'Email Sam', dueDate: '2026-11-18' }),
  },
  { turns: ['add groceries to my list'], tool: 'add_task', args: () => ({ title: 'Groceries' }) },
  {
    turns: ['todo: clean the garage this weekend'],
    tool: 'add_task',
    args: () => ({ title: 'Clean the garage', dueDate: '2026-11-21' }),
  },
  {
    turns: ['add an urgent task to fix the leaking tap'],
    tool: 'add_task',
    args: () => ({ title: 'Fix the leaking tap', priority: 'high' }),
  },
  {
    turns: ['add write thank-you notes with description for the wedding gifts'],
    tool: 'add_task',
    args: () => ({ title: 'Write thank-you notes', description: 'for the wedding gifts' }),
  },
  {
    turns: ['add submit taxes on 2026-12-15 tagged finance, home'],
    tool: 'add_task',
    args: () => ({ title: 'Submit taxes', dueDate: '2026-12-15', tags: ['finance', 'home'] }),
  },
  // list_tasks
  { turns: ['show my tasks'], tool: 'list_tasks', args: () => ({ status: 'all' }), reply: /You have 5 tasks:\n1\. / },
  { turns: ["what's left to do?"], tool: 'list_tasks', args: () => ({ status: 'pending' }), reply: /4 pending tasks/ },
  {
    turns: ['show completed tasks'],
    tool: 'list_tasks',
    args: () => ({ status: 'completed' }),
    reply: /one completed task:\n1\. "Pay rent"/,
  },
  {
    turns: ['list high priority tasks'],
    tool: 'list_tasks',
    args: () => ({ priority: 'high' }),
    reply: /Write the quarterly report/,
  },
  { turns: ['what tasks do I have about milk'], tool: 'list_tasks', args: () => ({ q: 'milk' }), reply: /"Buy milk"/ },
  { turns: ['tasks'], tool: 'list_tasks', args: () => ({ status: 'all' }) },
  { turns: ['What do I still have to do'], tool: 'list_tasks', args: () => ({ status: 'pending' }) },
  { turns: ["show me what I've finished"], tool: 'list_tasks', args: () => ({ status: 'completed' }) },
  { turns: ['do I have anything pending?'], tool: 'list_tasks', args: () => ({ status: 'pending' }) },
  // complete_task
  {
    turns: ['mark buy milk as done'],
    tool: 'complete_task',
    args: (s) => ({ id: s.milk.id, completed: true }),
    reply: /Marked "Buy milk" as done/,
  },
  {
    turns: ['I finished the quarterly report'],
    tool: 'complete_task',
    args: (s) => ({ id: s.report.id, completed: true }),
  },
  { turns: ['call mom is done'], tool: 'complete_task', args: (s) => ({ id: s.mom.id }) },
  { turns: ['check off the bread'], tool: 'complete_task', args: (s) => ({ id: s.bread.id }) },
  { turns: ['tick off call mom, please'], tool: 'complete_task', args: (s) => ({ id: s.mom.id }) },
  { turns: ['done with the report'], tool: 'complete_task', args: (s) => ({ id: s.report.id }) },
  {
    turns: ['show my pending tasks', 'complete the second one'],
    tool: 'complete_task',
    args: (s) => ({ id: s.mom.id }),
  },
  { turns: ['reopen pay rent'], tool: 'complete_task', args: (s) => ({ id: s.rent.id, completed: false }) },
  { turns: ['mark pay rent as not done'], tool: 'complete_task', args: (s) => ({ id: s.rent.id, completed: false }) },
  // delete_task
  {
    turns: ['delete buy bread'],
    tool: 'delete_task',
    args: (s) => ({ id: s.bread.id }),
    check: (t) => expect(t.map((x) => x.title)).not.toContain('Buy bread'),
  },
  { turns: ['remove the call mom task'], tool: 'delete_task', args: (s) => ({ id: s.mom.id }) },
  { turns: ['get rid of the report'], tool: 'delete_task', args: (s) => ({ id: s.report.id }) },
  { turns: ['show my pending tasks', 'cancel task 1'], tool: 'delete_task', args: (s) => ({ id: s.report.id }) },
  { turns: ['show my tasks', 'delete the last one'], tool: 'delete_task', args: (s) => ({ id: s.milk.id }) },
  { turns: ['forget about pay rent'], tool: 'delete_task', args: (s) => ({ id: s.rent.id }) },
  // update_task
  {
    turns: ['rename buy milk to buy oat milk'],
    tool: 'update_task',
    args: (s) => ({ id: s.milk.id, title: 'Buy oat milk' }),
  },
  {
    turns: ['change the priority of call mom to high'],
    tool: 'update_task',
    args: (s) => ({ id: s.mom.id, priority: 'high' }),
  },
  { turns: ['make the report low priority'], tool: 'update_task', args: (s) => ({ id: s.report.id, priority: 'low' }) },
  {
    turns: ['move call mom to next monday'],
    tool: 'update_task',
    args: (s) => ({ id: s.mom.id, dueDate: '2026-11-23' }),
  },
  {
    turns: ['reschedule the report to tomorrow'],
    tool: 'update_task',
    args: (s) => ({ id: s.report.id, dueDate: '2026-11-19' }),
  },
  {
    turns: ['set the due date of buy bread to Dec 24'],
    tool: 'update_task',
    args: (s) => ({ id: s.bread.id, dueDate: '2026-12-24' }),
  },
  {
    turns: ["change buy milk's description to two litres, semi-skimmed"],
    tool: 'update_task',
    args: (s) => ({ id: s.milk.id, description: 'two litres, semi-skimmed' }),
  },
  {
    turns: ['postpone call mom until the end of the month'],
    tool: 'update_task',
    args: (s) => ({ id: s.mom.id, dueDate: '2026-11-30' }),
  },
  { turns: ['remove the due date of call mom'], tool: 'update_task', args: (s) => ({ id: s.mom.id, dueDate: null }) },
  {
    turns: ['show my pending tasks', 'change the title of task 1 to Write the annual report'],
    tool: 'update_task',
    args: (s) => ({ id: s.report.id, title: 'Write the annual report' }),
  },
  {
    turns: ['add buy stamps', 'make it high priority'],
    tool: 'update_task',
    check: (tasks) => expect(tasks.find((t) => t.title === 'Buy stamps')?.priority).toBe('high'),
  },
  // Asking back, and answering politely when nothing fits.
  {
    turns: ['mark buy as done'],
    tool: null,
    reply: /I found 2 tasks matching "buy":\n1\. "Buy bread"\n2\. "Buy milk"\nWhich one do you mean\?/,
    check: (tasks) => expect(tasks.filter((t) => t.completed).map((t) => t.title)).toEqual(['Pay rent']),
  },
  {
    turns: ['mark buy as done', 'the second one'],
    tool: 'complete_task',
    args: (s) => ({ id: s.milk.id, completed: true }),
  },
  { turns: ['delete buy', '1'], tool: 'delete_task', args: (s) => ({ id: s.bread.id }) },
  { turns: ['what is the meaning of life'], tool: null, reply: /^Sorry, I didn't understand that\. I can add, list/ },
  { turns: ['delete the spaceship'], tool: null, reply: /couldn't find a task matching "spaceship"/ },
  { turns: ['show my tasks', 'complete number 9'], tool: null, reply: /no task number 9: the list has 5/ },
  { turns: ['hello'], tool: null, reply: /^Hello!/ },
  // Replies that read right, and bulk changes, answers and undo.
  { turns: ['push call mom to next week'], tool: 'update_task', reply: /^Done: I made "Call mom" due on Monday\.$/ },
  {
    turns: ['delete all my tasks'],
    tool: null,
    reply: /^This deletes 5 tasks:\n(?:\d\. "[^"]+".*\n){5}Say "yes" to delete them, or "no" to keep them\.$/,
    check: (tasks) => expect(tasks).toHaveLength(5),
  },
  { turns: ['clear all done tasks', 'yes'], tool: 'delete_task', args: (s) => ({ id: s.rent.id }) },
  { turns: ['yes'], tool: null, reply: /^There's nothing waiting for a yes\./ },
  { turns: ['undo'], tool: null, reply: /^There's nothing for me to undo/ },
  {
    turns: ['rename buy milk to buy oat milk', 'undo'],
    tool: 'update_task',
    args: (s) => ({ id: s.milk.id, title: 'Buy milk' }),
    reply: /^Undone: I put one task back as it was\.$/,
  },
  {
    turns: ['what is due this week'],
    tool: 'list_tasks',
    args: () => ({ status: 'pending', dueFrom: '2026-11-16', dueTo: '2026-11-22' }),
    reply: /^You have one pending task due this week:\n1\. "Call mom" \(due on Friday\)$/,
  },
];
