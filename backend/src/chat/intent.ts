/** What a chat message asks for: parse-intent.ts reads it from the message, assistant.ts acts on it. */
import type { Priority } from '../domain/tasks.js';
import type { Period } from './dates.js';

/**
 * How the user pointed at a task: by its place in the last list, by "it", by words of its title,
 * or (guess.ts) as the task, or the tasks, that the message's words name.
 */
export type TaskRef =
  | { kind: 'index'; index: number }
  | { kind: 'last' }
  | { kind: 'focus' }
  | { kind: 'words'; text: string }
  | { kind: 'id'; id: string }
  | { kind: 'ids'; ids: string[] };

export type TaskChanges = { title?: string; priority?: Priority; dueDate?: string | null; description?: string };

export type Scope = 'all' | 'pending' | 'completed';

export type Intent =
  | { kind: 'greet' | 'help' | 'thanks' | 'unknown' | 'undo' }
  | { kind: 'add'; title: string; priority?: Priority; dueDate?: string; tags?: string[]; description?: string }
  | { kind: 'list'; status: Scope; priority?: Priority; q?: string; period?: Period }
  | { kind: 'bulk'; op: 'delete' | 'complete' | 'reopen'; scope: Scope }
  | { kind: 'answer'; yes: boolean }
  | { kind: 'complete'; ref: TaskRef; completed: boolean }
  | { kind: 'delete'; ref: TaskRef }
  | { kind: 'update'; ref: TaskRef; changes: TaskChanges }
  | { kind: 'update-unclear'; ref: TaskRef; value: string }
  | { kind: 'select'; ref: TaskRef };
