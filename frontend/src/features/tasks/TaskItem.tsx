import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { inputLimits } from '../../shared/api-schema';
import { parseTags, useUpdateTask, type Priority, type Task, type TaskPatch } from './api';

const dateFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

type Props = { task: Task; onDelete: (task: Task) => void };

const sameTags = (a: string[], b: string[]) => a.length === b.length && a.every((tag, i) => tag === b[i]);

export function TaskItem({ task, onDelete }: Props) {
  // Two mutations: TanStack Query runs a mutate() call's own callbacks only for the latest call of a
  // hook, so a tick of the box while a save is in flight would otherwise leave the form open.
  const edit = useUpdateTask();
  const toggle = useUpdateTask();
  const [editing, setEditing] = useState(false);
  const [titleMissing, setTitleMissing] = useState(false);
  const pending = task.id.startsWith('pending-');

  function close() {
    setEditing(false);
    setTitleMissing(false);
    edit.reset();
  }

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const title = String(data.get('title') ?? '').trim();
    // A cleared title is a mistake to show, not a change to drop without a word.
    setTitleMissing(!title);
    if (!title) return;
    const priority = String(data.get('priority')) as Priority;
    const dueDate = String(data.get('dueDate') ?? '') || null;
    const description = String(data.get('description') ?? '').trim() || null;
    const tags = parseTags(String(data.get('tags') ?? ''));
    const patch: TaskPatch = {
      ...(title !== task.title && { title }),
      ...(priority !== task.priority && { priority }),
      ...(dueDate !== task.dueDate && { dueDate }),
      ...(description !== (task.description ?? null) && { description }),
      ...(!sameTags(tags, task.tags) && { tags }),
    };
    // The form stays open until the change is saved, so a refused one keeps what was typed.
    // The version the form was filled from: a change made elsewhere meanwhile is not overwritten.
    if (Object.keys(patch).length > 0) edit.mutate({ id: task.id, patch, version: task.version }, { onSuccess: close });
    else close();
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  }

  return (
    <li className={`task${task.completed ? ' done' : ''}`} aria-busy={pending}>
      {/* Uncontrolled, so the box flips at the click; the key re-mounts it when the saved state differs. */}
      <input
        key={String(task.completed)}
        type="checkbox"
        aria-label={task.title}
        defaultChecked={task.completed}
        disabled={pending}
        onChange={() => toggle.mutate({ id: task.id, patch: { completed: !task.completed } })}
      />
      {editing ? (
        <form className="edit" onSubmit={save} onKeyDown={onKeyDown}>
          {(edit.error || titleMissing) && (
            <p className="field-error" role="alert" id={`edit-error-${task.id}`}>
              {titleMissing ? 'The title must not be empty.' : edit.error?.message}
            </p>
          )}
          <input
            name="title"
            aria-label="Edit title"
            aria-invalid={titleMissing}
            aria-describedby={titleMissing ? `edit-error-${task.id}` : undefined}
            defaultValue={task.title}
            maxLength={inputLimits.title}
            autoFocus
          />
          <select name="priority" aria-label="Edit priority" defaultValue={task.priority}>
            <option value="low">Low</option>
            <option value="medium">Medium</option>
            <option value="high">High</option>
          </select>
          <input name="dueDate" type="date" aria-label="Edit due date" defaultValue={task.dueDate ?? ''} />
          <textarea
            name="description"
            aria-label="Edit description"
            defaultValue={task.description ?? ''}
            maxLength={inputLimits.description}
            rows={2}
          />
          <input name="tags" aria-label="Edit tags" defaultValue={task.tags.join(', ')} placeholder="home, errands" />
          <button type="submit">Save</button>
          <button type="button" onClick={close}>
            Cancel
          </button>
        </form>
      ) : (
        <div className="task-body">
          <span className="title">{task.title}</span>
          <span className="meta">
            {task.priority !== 'medium' && <span className={`badge ${task.priority}`}>{task.priority}</span>}
            {task.dueDate && <span>due {dateFormat.format(new Date(`${task.dueDate}T00:00:00Z`))}</span>}
            {task.tags.map((tag) => (
              <span key={tag} className="tag">
                #{tag}
              </span>
            ))}
          </span>
          {task.description && <span className="description">{task.description}</span>}
        </div>
      )}
      {!editing && (
        <div className="actions">
          <button type="button" aria-label={`Edit ${task.title}`} disabled={pending} onClick={() => setEditing(true)}>
            Edit
          </button>
          <button type="button" aria-label={`Delete ${task.title}`} disabled={pending} onClick={() => onDelete(task)}>
            Delete
          </button>
        </div>
      )}
    </li>
  );
}
