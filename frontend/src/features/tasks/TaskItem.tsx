import { useState, type FormEvent } from 'react';
import { useDeleteTask, useUpdateTask, type Task } from './api';

const dateFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

export function TaskItem({ task }: { task: Task }) {
  const update = useUpdateTask();
  const remove = useDeleteTask();
  const [editing, setEditing] = useState(false);
  const pending = task.id.startsWith('pending-');

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const title = String(new FormData(event.currentTarget).get('title') ?? '').trim();
    if (title && title !== task.title) update.mutate({ id: task.id, patch: { title } });
    setEditing(false);
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
        onChange={() => update.mutate({ id: task.id, patch: { completed: !task.completed } })}
      />
      {editing ? (
        <form className="edit" onSubmit={save}>
          <input name="title" aria-label="Edit title" defaultValue={task.title} maxLength={200} autoFocus />
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
          <button
            type="button"
            aria-label={`Delete ${task.title}`}
            disabled={pending}
            onClick={() => remove.mutate(task.id)}
          >
            Delete
          </button>
        </div>
      )}
    </li>
  );
}
