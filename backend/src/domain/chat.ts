/** What the assistant did and remembers: kept with each message in the database. */
import type { Priority } from './tasks.js';

export type ChatAction = {
  tool: string;
  args: Record<string, unknown>;
  ok: boolean;
  result: unknown;
};

/** What the built-in assistant remembers between turns; stored with its reply, never in memory. */
export type AssistantContext = {
  /** Task ids in the order the reply numbered them, so "the second one" can be resolved next turn. */
  listedTaskIds?: string[];
  /** A request waiting for the user to say which of the listed tasks they meant. */
  pending?: { tool: 'complete_task' | 'delete_task' | 'update_task'; args: Record<string, unknown> };
  /** The task the last reply was about, for "it" and "that one". */
  focusTaskId?: string;
  /** A bulk delete waiting for the user's yes: exactly the tasks the question named. */
  confirm?: { op: 'delete'; taskIds: string[] };
  /** How to reverse the change the last reply made, for "undo". */
  undo?: Undo;
};

/** A task as "undo" brings it back after a delete: a new row with the same content. */
export type RestorableTask = {
  title: string;
  description: string | null;
  priority: Priority;
  dueDate: string | null;
  tags: string[];
  completed: boolean;
};

/** Tasks to bring back, and tasks to put back as they were (earlier field values, earlier status). */
export type Undo = {
  restore?: RestorableTask[];
  revert?: { id: string; changes?: Record<string, unknown>; completed?: boolean }[];
};
