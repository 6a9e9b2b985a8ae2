import { useEffect, useRef, useState, type FormEvent } from 'react';
import { inputLimits } from '../../shared/api-schema';
import {
  parseTags,
  useAddTask,
  useDeleteTask,
  useRestoreTask,
  useTasks,
  type Priority,
  type Task,
  type TaskFilters,
  type TaskPage,
} from './api';
import { TaskItem } from './TaskItem';
import './tasks.css';

const STATUSES: TaskFilters['status'][] = ['all', 'pending', 'completed'];
export const UNDO_MS = 10_000;

export function TasksPanel() {
  const [filters, setFilters] = useState<TaskFilters>({ status: 'all', q: '', sort: 'created', offset: 0 });
  // A new filter starts again at the first page.
  const filterBy = (change: Partial<Omit<TaskFilters, 'offset'>>) => setFilters({ ...filters, ...change, offset: 0 });
  const tasks = useTasks(filters);
  const add = useAddTask();
  const [formError, setFormError] = useState<string>();
  const [titleMissing, setTitleMissing] = useState(false);
  const [deleted, setDeleted] = useState<Task>();
  const restoreTask = useRestoreTask();
  const remove = useDeleteTask();
  // The panel, not the row, waits for the delete: the row is gone at the click.
  const deleteTask = (task: Task) => remove.mutate(task.id, { onSuccess: () => setDeleted(task) });
  useEffect(() => {
    if (!deleted) return;
    const timer = setTimeout(() => setDeleted(undefined), UNDO_MS);
    return () => clearTimeout(timer);
  }, [deleted]);
  // "Give the task a title" is stale once the list has changed (a task added by the assistant, say),
  // but not when the list first arrives: a click can come before it.
  const listUpdatedAt = useRef(tasks.dataUpdatedAt);
  useEffect(() => {
    const firstArrival = listUpdatedAt.current === 0;
    listUpdatedAt.current = tasks.dataUpdatedAt;
    if (!firstArrival) setTitleMissing(false);
  }, [tasks.dataUpdatedAt]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const title = String(data.get('title') ?? '').trim();
    setFormError(undefined);
    setTitleMissing(!title);
    if (!title) return;
    const description = String(data.get('description') ?? '').trim();
    const dueDate = String(data.get('dueDate') ?? '');
    const tags = parseTags(String(data.get('tags') ?? ''));
    add.mutate(
      {
        title,
        priority: String(data.get('priority')) as Priority,
        ...(description && { description }),
        ...(dueDate && { dueDate }),
        ...(tags.length > 0 && { tags }),
      },
      {
        onError: (error) => {
          setFormError(error.message);
          restore(form, data);
        },
      },
    );
    form.reset();
  }

  return (
    <section className="panel tasks" aria-labelledby="tasks-heading">
      <h2 id="tasks-heading">Tasks</h2>
      <form className="add-task" onSubmit={submit}>
        <label className="grow">
          Task title
          <input
            name="title"
            maxLength={inputLimits.title}
            placeholder="What needs doing?"
            aria-invalid={titleMissing || undefined}
            onChange={() => {
              setTitleMissing(false);
              setFormError(undefined);
            }}
          />
        </label>
        <details>
          <summary>More</summary>
          <label>
            Description
            <textarea name="description" maxLength={inputLimits.description} rows={2} />
          </label>
          <label>
            Priority
            <select name="priority" defaultValue="medium">
              <option value="low">Low</option>
              <option value="medium">Medium</option>
              <option value="high">High</option>
            </select>
          </label>
          <label>
            Due date
            <input name="dueDate" type="date" />
          </label>
          <label>
            Tags
            <input name="tags" placeholder="home, errands" />
          </label>
        </details>
        <button type="submit" className="primary">
          Add task
        </button>
        {(titleMissing || formError) && (
          <p className="field-error" role="alert">
            {titleMissing ? 'Give the task a title.' : formError}
          </p>
        )}
      </form>

      <div className="filters">
        <div role="radiogroup" aria-label="Show" className="segmented">
          {STATUSES.map((status) => (
            <label key={status}>
              <input
                type="radio"
                name="status"
                value={status}
                checked={filters.status === status}
                onChange={() => filterBy({ status })}
              />
              {status[0]!.toUpperCase() + status.slice(1)}
            </label>
          ))}
        </div>
        <label>
          Search tasks
          <input type="search" value={filters.q} onChange={(e) => filterBy({ q: e.target.value })} />
        </label>
        <label>
          Sort by
          <select value={filters.sort} onChange={(e) => filterBy({ sort: e.target.value as TaskFilters['sort'] })}>
            <option value="created">Newest</option>
            <option value="due">Due date</option>
            <option value="priority">Priority</option>
            <option value="title">Title</option>
          </select>
        </label>
      </div>

      {tasks.isPending ? (
        <p className="muted">Loading tasks…</p>
      ) : tasks.data && tasks.data.tasks.length > 0 ? (
        <ul className="task-list" aria-label="Tasks">
          {tasks.data.tasks.map((task) => (
            <TaskItem key={task.id} task={task} onDelete={deleteTask} />
          ))}
        </ul>
      ) : (
        <p className="empty">
          {filters.status === 'all' && !filters.q
            ? 'No tasks yet. Add one above, or ask the assistant.'
            : 'No tasks match.'}
        </p>
      )}
      {deleted && (
        <p className="undo" role="status">
          <span className="deleted-title" title={deleted.title}>
            Deleted “{deleted.title}”.
          </span>
          <button
            type="button"
            onClick={() => {
              restoreTask.mutate(deleted);
              setDeleted(undefined);
            }}
          >
            Undo
          </button>
        </p>
      )}
      {tasks.data && <Pager page={tasks.data} onOffset={(offset) => setFilters({ ...filters, offset })} />}
    </section>
  );
}

/** Puts what was typed back into the form, after a refused add had cleared it. */
function restore(form: HTMLFormElement, data: FormData) {
  for (const [name, value] of data) {
    const field = form.elements.namedItem(name);
    if (field && 'value' in field) field.value = String(value);
  }
}

/** "21–40 of 45" with the way to the pages before and after; nothing when one page holds all. */
function Pager({ page, onOffset }: { page: TaskPage; onOffset: (offset: number) => void }) {
  if (page.offset === 0 && page.total <= page.tasks.length) return null;
  const first = Math.min(page.offset + 1, page.total);
  const last = Math.min(page.offset + page.tasks.length, page.total);
  return (
    <nav className="pager" aria-label="Pages of tasks">
      <button
        type="button"
        disabled={page.offset === 0}
        onClick={() => onOffset(Math.max(0, page.offset - page.limit))}
      >
        Previous
      </button>
      <span aria-live="polite">
        {first}–{last} of {page.total}
      </span>
      <button type="button" disabled={last >= page.total} onClick={() => onOffset(page.offset + page.limit)}>
        Next
      </button>
    </nav>
  );
}
