import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../test/setup';
import { renderWithQuery } from '../../test/render';
import type { Task } from './api';
import { TaskItem } from './TaskItem';

const task: Task = {
  id: '6f1c2f8e-4a55-4c43-9c1e-2b8f8b1f0a11',
  title: 'Write report',
  description: null,
  completed: false,
  priority: 'medium',
  dueDate: null,
  tags: [],
  createdAt: '2026-11-20T10:00:00Z',
  updatedAt: '2026-11-20T10:00:00Z',
};

describe('TaskItem', () => {
  it('sends only the fields that the edit changed', async () => {
    let patch: unknown;
    server.use(
      http.patch(`*/api/tasks/${task.id}`, async ({ request }) => {
        patch = await request.json();
        return HttpResponse.json({ ...task, ...(patch as object) });
      }),
    );
    renderWithQuery(<TaskItem task={task} />);
    await userEvent.click(screen.getByRole('button', { name: 'Edit Write report' }));
    await userEvent.selectOptions(screen.getByLabelText('Edit priority'), 'high');
    await userEvent.type(screen.getByLabelText('Edit due date'), '2026-12-24');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patch).toEqual({ priority: 'high', dueDate: '2026-12-24' }));
  });

  it('toggles done with a click on the checkbox labelled by the title', async () => {
    let patch: unknown;
    server.use(
      http.patch(`*/api/tasks/${task.id}`, async ({ request }) => {
        patch = await request.json();
        return HttpResponse.json({ ...task, completed: true });
      }),
    );
    renderWithQuery(<TaskItem task={task} />);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Write report' }));
    await waitFor(() => expect(patch).toEqual({ completed: true }));
  });
});
