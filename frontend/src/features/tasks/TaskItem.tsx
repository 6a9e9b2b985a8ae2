import { useState, type FormEvent } from 'react';
import { useUpdateTask, type Priority, type Task, type TaskPatch } from './api';

const dateFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

type Props = { task: Task; onDelete: (task: Task) => void };

export function TaskItem({ task, onDelete }: Props) {
  // Two mutations: TanStack Query runs a mutate() call's own callbacks only for the latest call of a
  // hook, so a tick of the box while a save is in flight would otherwise leave the form open.
  const edit = useUpdateTask();
  const toggle = useUpdateTask();
  const [editing, setEditing] = useState(false);
  const pending = task.id.startsWith('pending-');

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const title = String(data.get('title') ?? '').trim();
    const priority = String(data.get('priority')) as Priority;
    const dueDate = String(data.get('dueDate') ?? '') || null;
    const patch: TaskPatch = {
      ...(title && title !== task.title && { title }),
      ...(priority !== task.priority && { priority }),
      ...(dueDate !== task.dueDate && { dueDate }),
    };
    // The form stays open until the change is saved, so a refused one keeps what was typed.
    if (Object.keys(patch).length > 0) edit.mutate({ id: task.id, patch }, { onSuccess: () => setEditing(false) });
    else setEditing(false);
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
        <form className="edit" onSubmit={save}>
          {edit.error && (
            <p className="field-error" role="alert">
              {edit.error.message}
            </p>
          )}
          <input name="title" aria-label="Edit title" defaultValue={task.title} maxLength={200} autoFocus />
          <select name="priority" aria-label="Edit priority" defaultValue={task.priority}>
            <option value="low">Low</option>
            <option value="medium">Medium</option>
            <option value="high">High</option>
          </select>
          <input name="dueDate" type="date" aria-label="Edit due date" defaultValue={task.dueDate ?? ''} />
          <button type="submit">Save</button>
          <button type="button" onClick={() => setEditing(false)}>
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
