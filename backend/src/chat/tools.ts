import { z } from 'zod';
import type { Db } from '../db/client.js';
import type { ChatAction } from '../domain/chat.js';
import {
  createTaskBody,
  description,
  dueDate,
  priority,
  STATUSES,
  tags,
  taskFilters,
  taskId,
  taskPageQuery,
  title,
} from '../tasks/schemas.js';
import { createTask, deleteTask, listTaskPage, updateTask } from '../tasks/service.js';

export type ToolContext = { db: Db; userId: string };

type ToolDefinition<S extends z.ZodObject> = {
  name: string;
  description: string;
  input: S;
  run: (ctx: ToolContext, args: z.infer<S>) => Promise<unknown>;
};
const defineTool = <S extends z.ZodObject>(tool: ToolDefinition<S>) => tool;

class ToolError extends Error {}
const found = <T>(value: T | undefined): T => {
  if (value === undefined) throw new ToolError('No task with that id');
  return value;
};

/** The one tool set behind the built-in assistant, the LLM agent and the MCP server. */
export const TOOLS = [
  defineTool({
    name: 'add_task',
    description: 'Create a task for the user.',
    input: createTaskBody,
    run: ({ db, userId }, args) => createTask(db, userId, args),
  }),
  defineTool({
    name: 'list_tasks',
    description:
      "List a page of the user's tasks (50 unless limit says otherwise, and the total), optionally filtered by status, priority, a search text or a span of due dates.",
    input: z.strictObject({
      status: z.enum(STATUSES).optional(),
      priority: priority.optional(),
      q: z.string().max(200).optional().describe('text to search for in titles and descriptions'),
      dueFrom: taskFilters.shape.dueFrom,
      dueTo: taskFilters.shape.dueTo,
      ...taskPageQuery,
    }),
    run: ({ db, userId }, args) => listTaskPage(db, userId, args),
  }),
  defineTool({
    name: 'complete_task',
    description: 'Mark a task as done (or, with completed=false, as not done).',
    input: z.strictObject({ id: taskId, completed: z.boolean().optional() }),
    run: async ({ db, userId }, { id, completed }) =>
      found(await updateTask(db, userId, id, { completed: completed ?? true })),
  }),
  defineTool({
    name: 'delete_task',
    description: 'Delete a task.',
    input: z.strictObject({ id: taskId }),
    run: async ({ db, userId }, { id }) => found(await deleteTask(db, userId, id)),
  }),
  defineTool({
    name: 'update_task',
    description: "Change a task's title, description, priority, due date or tags.",
    input: z.strictObject({
      id: taskId,
      title: title.optional(),
      description: description.nullable().optional(),
      priority: priority.optional(),
      dueDate: dueDate.nullable().optional(),
      tags: tags.optional(),
    }),
    run: async ({ db, userId }, { id, ...patch }) => found(await updateTask(db, userId, id, patch)),
  }),
] as const;

export type ToolName = (typeof TOOLS)[number]['name'];

export function findTool(name: string) {
  return TOOLS.find((tool) => tool.name === name);
}

/**
 * Validates the arguments and runs the tool. Bad arguments or a missing task become a failed
 * action ({ok: false}) with a message the caller can show; anything else is a real error.
 */
export async function runTool(ctx: ToolContext, name: string, args: unknown): Promise<ChatAction> {
  const record = (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>;
  const tool = findTool(name);
  if (!tool) return { tool: name, args: record, ok: false, result: { error: `Unknown tool ${name}` } };
  const parsed = tool.input.safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = issue ? `${issue.path.join('.') || 'arguments'}: ${issue.message}` : 'invalid arguments';
    return { tool: name, args: record, ok: false, result: { error: message } };
  }
  try {
    const result = await (tool.run as (c: ToolContext, a: unknown) => Promise<unknown>)(ctx, parsed.data);
    return { tool: name, args: parsed.data as Record<string, unknown>, ok: true, result };
  } catch (error) {
    if (error instanceof ToolError) return { tool: name, args: record, ok: false, result: { error: error.message } };
    throw error;
  }
}
