/**
 * "undo": what reverses the assistant's last change, kept with its reply, and putting it back.
 * A deleted task comes back as a new task with the same content; a changed one gets its earlier
 * values again.
 */
import type { ChatAction, Undo } from '../domain/chat.js';
import type { Task } from '../tasks/schemas.js';
import { runTool, type ToolContext } from './tools.js';

export type ChangeTool = 'complete_task' | 'delete_task' | 'update_task';

/** What reverses `tool` run with `args` on the task as it was before. */
export function undoFor(tool: ChangeTool, before: Task, args: Record<string, unknown>): Undo {
  if (tool === 'delete_task') {
    const { title, description, priority, dueDate, tags, completed } = before;
    return { restore: [{ title, description, priority, dueDate, tags, completed }] };
  }
  if (tool === 'complete_task') return { revert: [{ id: before.id, completed: before.completed }] };
  const earlier = Object.keys(args).map((field) => [field, before[field as keyof Task]]);
  return { revert: [{ id: before.id, changes: Object.fromEntries(earlier) }] };
}

export const combined = (undos: Undo[]): Undo => ({
  restore: undos.flatMap((undo) => undo.restore ?? []),
  revert: undos.flatMap((undo) => undo.revert ?? []),
});

/** Puts everything back; the actions it took, and how many tasks came back or were reverted. */
export async function applyUndo(ctx: ToolContext, undo: Undo) {
  const actions: ChatAction[] = [];
  const run = async (tool: string, args: Record<string, unknown>) => {
    const action = await runTool(ctx, tool, args);
    actions.push(action);
    return action;
  };
  for (const { completed, description, ...task } of undo.restore ?? []) {
    const added = await run('add_task', { ...task, ...(description !== null && { description }) });
    if (added.ok && completed) await run('complete_task', { id: (added.result as Task).id, completed });
  }
  for (const { id, changes, completed } of undo.revert ?? []) {
    if (changes && Object.keys(changes).length > 0) await run('update_task', { id, ...changes });
    if (completed !== undefined) await run('complete_task', { id, completed });
  }
  return { actions, restored: undo.restore?.length ?? 0, reverted: undo.revert?.length ?? 0 };
}
