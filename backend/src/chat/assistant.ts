import type { AssistantContext, ChatAction } from '../domain/chat.js';
import type { Task, TaskPage } from '../tasks/schemas.js';
import { listTasks } from '../tasks/service.js';
import { describeDay } from './dates.js';
import { guessIntent } from './guess.js';
import type { Intent, Scope, TaskChanges, TaskRef } from './intent.js';
import { parseIntent } from './parse-intent.js';
import { bestMatches, contentStems } from './matching.js';
import { runTool, type ToolContext } from './tools.js';
import { applyUndo, combined, undoFor, type ChangeTool } from './undo.js';

export type AssistantTurn = { reply: string; actions?: ChatAction[]; context?: AssistantContext };

const HELP =
  'I can add, list, complete, update and delete your tasks, all at once too, and undo my last change. ' +
  'Try "add buy milk tomorrow", "what is due this week?", "mark buy milk as done", "move the report to ' +
  'Friday", "delete task 2" or "clear everything done".';
/** How many tasks a bulk question names before it says "and N more". */
const NAMED_IN_QUESTION = 10;
const plural = (count: number, word: string) => (count === 1 ? `one ${word}` : `${count} ${word}s`);

function describeTask(task: Task, now: Date): string {
  const details = [
    task.dueDate ? `due ${describeDay(task.dueDate, now)}` : undefined,
    task.priority === 'medium' ? undefined : `${task.priority} priority`,
  ].filter(Boolean);
  return `"${task.title}"${details.length ? ` (${details.join(', ')})` : ''}`;
}

function numbered(tasks: Task[], now: Date): string {
  return tasks.map((task, i) => `${i + 1}. ${describeTask(task, now)}${task.completed ? ' ✓' : ''}`).join('\n');
}

type Resolution = { task: Task } | { reply: string; context?: AssistantContext };

/** The offline assistant: understands everyday English for the five tools, with no network. */
export class Assistant {
  constructor(
    private readonly ctx: ToolContext,
    private readonly now: Date,
    /** What the previous assistant turn of this conversation remembered. */
    private readonly previous: AssistantContext = {},
  ) {}

  private tasks?: Promise<Task[]>;
  /** The user's tasks, read once a turn: by the guess, then by resolve(), before anything changes them. */
  private allTasks(): Promise<Task[]> {
    return (this.tasks ??= listTasks(this.ctx.db, this.ctx.userId));
  }

  async respond(message: string): Promise<AssistantTurn> {
    let intent = parseIntent(message, this.now);
    if (intent.kind === 'unknown') {
      intent = guessIntent(message, await this.allTasks(), this.now) ?? intent;
    }
    switch (intent.kind) {
      case 'greet':
        return { reply: `Hello! ${HELP}` };
      case 'thanks':
        return { reply: "You're welcome!" };
      case 'help':
        return { reply: HELP };
      case 'unknown':
        return { reply: `Sorry, I didn't understand that. ${HELP}` };
      case 'add':
        return this.add(intent);
      case 'list':
        return this.list(intent);
      case 'select':
        return this.select(intent.ref);
      case 'complete':
        return this.act(intent.ref, 'complete_task', { completed: intent.completed }, !intent.completed);
      case 'delete':
        return this.act(intent.ref, 'delete_task', {});
      case 'update':
        return this.act(intent.ref, 'update_task', intent.changes);
      case 'bulk':
        return this.bulk(intent.op, intent.scope);
      case 'answer':
        return this.answer(intent.yes);
      case 'undo':
        return this.undo();
      case 'update-unclear':
        return {
          reply: `I'm not sure how to set a task to "${intent.value}". Try a date like "Friday" or a priority like "high".`,
        };
    }
  }

  private async add(intent: Extract<Intent, { kind: 'add' }>): Promise<AssistantTurn> {
    if (!intent.title) return { reply: 'What should the new task be called?' };
    const { kind: _kind, ...args } = intent;
    const action = await runTool(this.ctx, 'add_task', args);
    if (!action.ok) return { reply: `I couldn't add that task: ${errorOf(action)}.`, actions: [action] };
    const task = action.result as Task;
    return {
      reply: `Added ${describeTask(task, this.now)}${task.tags.length ? ` tagged ${task.tags.join(', ')}` : ''}.`,
      actions: [action],
      context: { focusTaskId: task.id },
    };
  }

  private async list(intent: Extract<Intent, { kind: 'list' }>): Promise<AssistantTurn> {
    const { kind: _kind, period, ...filters } = intent;
    const span = period && { ...(period.from && { dueFrom: period.from }), dueTo: period.to };
    const action = await runTool(this.ctx, 'list_tasks', { ...filters, ...span });
    const { tasks, total } = action.result as TaskPage;
    const what = [
      intent.status === 'all' ? '' : intent.status,
      intent.priority ? `${intent.priority}-priority` : '',
      'task',
    ]
      .filter(Boolean)
      .join(' ');
    const about = `${intent.q ? ` about "${intent.q}"` : ''}${period ? ` ${period.label}` : ''}`;
    if (tasks.length === 0) {
      const filtered = intent.status !== 'all' || intent.priority || intent.q || period;
      const hint = filtered ? '' : ' Try "add buy milk tomorrow".';
      return { reply: `You have no ${what}s${about}.${hint}`, actions: [action], context: { listedTaskIds: [] } };
    }
    const count = total === 1 ? `one ${what}` : `${total} ${what}s`;
    const shown = total > tasks.length ? ` (the first ${tasks.length})` : '';
    return {
      reply: `You have ${count}${about}${shown}:\n${numbered(tasks, this.now)}`,
      actions: [action],
      context: { listedTaskIds: tasks.map((t) => t.id) },
    };
  }

  /** A bare "2" or "the first one": the answer to a question we asked, or a pick from the last list. */
  private async select(ref: TaskRef): Promise<AssistantTurn> {
    const pending = this.previous.pending;
    if (!pending) {
      const resolved = await this.resolve(ref, false);
      if ('reply' in resolved) return resolved;
      return {
        reply: `That's ${describeTask(resolved.task, this.now)}. What should I do with it?`,
        context: { focusTaskId: resolved.task.id },
      };
    }
    const { tool, args } = pending;
    return this.act(ref, tool, args as TaskChanges);
  }

  private async act(
    ref: TaskRef,
    tool: ChangeTool,
    args: Record<string, unknown>,
    preferCompleted = false,
  ): Promise<AssistantTurn> {
    const resolved = await this.resolve(ref, preferCompleted, { tool, args });
    if ('reply' in resolved) return resolved;
    const { task } = resolved;
    const action = await runTool(this.ctx, tool, { id: task.id, ...args });
    if (!action.ok) return { reply: `I couldn't change "${task.title}": ${errorOf(action)}.`, actions: [action] };
    const after = action.result as Task;
    const undo = undoFor(tool, task, args);
    const context = tool === 'delete_task' ? { undo } : { focusTaskId: task.id, undo };
    return { reply: this.confirmation(tool, task, after, args), actions: [action], context };
  }

  /** Every task in scope at once: a delete asks first (naming the tasks), a status change does not. */
  private async bulk(op: 'delete' | 'complete' | 'reopen', scope: Scope): Promise<AssistantTurn> {
    const all = await this.allTasks();
    const tasks = all.filter((t) => scope === 'all' || t.completed === (scope === 'completed'));
    const which = scope === 'all' ? 'task' : `${scope} task`;
    if (tasks.length === 0) return { reply: `You have no ${which}s${op === 'delete' ? ' to delete' : ''}.` };
    if (op === 'delete') {
      const named = numbered(tasks.slice(0, NAMED_IN_QUESTION), this.now);
      const more = tasks.length > NAMED_IN_QUESTION ? `\n…and ${tasks.length - NAMED_IN_QUESTION} more.` : '';
      return {
        reply:
          `This deletes ${plural(tasks.length, which)}:\n${named}${more}\n` +
          `Say "yes" to delete ${tasks.length === 1 ? 'it' : 'them'}, or "no" to keep ${tasks.length === 1 ? 'it' : 'them'}.`,
        context: { confirm: { op: 'delete', taskIds: tasks.map((t) => t.id) } },
      };
    }
    const completed = op === 'complete';
    const actions = [];
    for (const task of tasks) actions.push(await runTool(this.ctx, 'complete_task', { id: task.id, completed }));
    const undo = combined(tasks.map((task) => undoFor('complete_task', task, {})));
    return {
      reply: `Marked ${plural(tasks.length, 'task')} as ${completed ? 'done' : 'not done'}. Say "undo" to reverse that.`,
      actions,
      context: { undo },
    };
  }

  /** "yes" or "no" to a bulk delete: only the tasks the question named, those still there. */
  private async answer(yes: boolean): Promise<AssistantTurn> {
    const confirm = this.previous.confirm;
    if (!confirm) return { reply: yes ? `There's nothing waiting for a yes. ${HELP}` : 'All right: nothing changed.' };
    if (!yes) return { reply: 'All right: I kept them all.' };
    const byId = new Map((await this.allTasks()).map((t) => [t.id, t]));
    const tasks = confirm.taskIds.map((id) => byId.get(id)).filter((t): t is Task => t !== undefined);
    const actions = [];
    for (const task of tasks) actions.push(await runTool(this.ctx, 'delete_task', { id: task.id }));
    const undo = combined(tasks.map((task) => undoFor('delete_task', task, {})));
    return {
      reply: `Deleted ${plural(tasks.length, 'task')}. Say "undo" to bring ${tasks.length === 1 ? 'it' : 'them'} back.`,
      actions,
      context: { undo },
    };
  }

  private async undo(): Promise<AssistantTurn> {
    const undo = this.previous.undo;
    if (!undo) return { reply: "There's nothing for me to undo: I can undo the change my last reply made." };
    const { actions, restored, reverted } = await applyUndo(this.ctx, undo);
    const failed = actions.filter((a) => !a.ok);
    if (failed.length > 0) return { reply: `I couldn't undo all of it: ${errorOf(failed[0]!)}.`, actions };
    const parts = [
      restored > 0 ? `brought back ${plural(restored, 'task')}` : '',
      reverted > 0 ? `put ${plural(reverted, 'task')} back as ${reverted === 1 ? 'it was' : 'they were'}` : '',
    ].filter(Boolean);
    return { reply: `Undone: I ${parts.join(' and ')}.`, actions };
  }

  private confirmation(tool: string, before: Task, after: Task, args: Record<string, unknown>): string {
    if (tool === 'delete_task') return `Deleted "${before.title}".`;
    if (tool === 'complete_task') {
      return after.completed ? `Marked "${after.title}" as done. Nice work!` : `Marked "${after.title}" as not done.`;
    }
    const changes: string[] = [];
    if ('title' in args) changes.push(`renamed "${before.title}" to "${after.title}"`);
    if ('priority' in args) changes.push(`set the priority of "${after.title}" to ${after.priority}`);
    if ('dueDate' in args) {
      changes.push(
        after.dueDate
          ? `made "${after.title}" due ${describeDay(after.dueDate, this.now)}`
          : `removed the due date of "${after.title}"`,
      );
    }
    if ('description' in args) changes.push(`updated the description of "${after.title}"`);
    const sentence = changes.join(' and ');
    return `Done: I ${sentence}.`;
  }

  /**
   * The tasks whose titles the words name best, when they name at least half of the words given
   * (so one common word of a long phrase does not pick a task); undefined when no word is left.
   */
  private named(text: string, all: Task[]): { words: string[]; matches: Task[] } | undefined {
    const wanted = contentStems(text);
    if (wanted.length === 0) return undefined;
    const { matches, score } = bestMatches(all, wanted);
    return { words: wanted, matches: score * 2 >= wanted.length ? matches : [] };
  }

  /** Finds the one task a reference means, or a reply that asks which one (remembering the request). */
  private async resolve(
    ref: TaskRef,
    preferCompleted: boolean,
    pending?: AssistantContext['pending'],
  ): Promise<Resolution> {
    const all = await this.allTasks();
    const byId = new Map(all.map((t) => [t.id, t]));
    if (ref.kind === 'focus') {
      const task = this.previous.focusTaskId ? byId.get(this.previous.focusTaskId) : undefined;
      return task ? { task } : { reply: "I'm not sure which task you mean. Could you say its name?" };
    }
    if (ref.kind === 'index' || ref.kind === 'last') {
      const listed =
        this.previous.listedTaskIds?.map((id) => byId.get(id)).filter((t): t is Task => t !== undefined) ?? all;
      const index = ref.kind === 'last' ? listed.length : ref.index;
      const task = listed[index - 1];
      if (task) return { task };
      return listed.length === 0
        ? { reply: 'There are no tasks to pick from. Ask me to show your tasks first.' }
        : { reply: `There is no task number ${index}: the list has ${listed.length}.` };
    }
    if (ref.kind === 'id') {
      const task = byId.get(ref.id);
      return task ? { task } : { reply: "I couldn't find that task any more." };
    }
    const named =
      ref.kind === 'ids'
        ? { words: [], matches: ref.ids.map((id) => byId.get(id)).filter((t): t is Task => t !== undefined) }
        : this.named(ref.text, all);
    if (!named) return { reply: 'Which task do you mean? Tell me a few words of its title.' };
    const { words: wanted, matches } = named;
    const label = ref.kind === 'words' ? ref.text : 'that';
    const exact = matches.filter((t) => contentStems(t.title).join(' ') === wanted.join(' '));
    const preferred = matches.filter((t) => t.completed === preferCompleted);
    const candidates = exact.length === 1 ? exact : preferred.length > 0 ? preferred : matches;
    if (candidates.length === 1) return { task: candidates[0]! };
    if (candidates.length === 0) return { reply: `I couldn't find a task matching "${label}".` };
    return {
      reply: `I found ${candidates.length} tasks matching "${label}":\n${numbered(candidates, this.now)}\nWhich one do you mean?`,
      context: { listedTaskIds: candidates.map((t) => t.id), ...(pending ? { pending } : {}) },
    };
  }
}

function errorOf(action: ChatAction): string {
  const result = action.result as { error?: string } | undefined;
  return result?.error ?? 'something went wrong';
}
