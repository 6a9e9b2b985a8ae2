import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../test/setup';
import { renderWithQuery } from '../../test/render';
import { makeTask } from '../../test/tasks';
import { TaskItem } from './TaskItem';

const task = makeTask('Write report');

describe('TaskItem', () => {
  it('sends only the fields that the edit changed, and the version the form was filled from', async () => {
    let patch: unknown;
    let ifMatch: string | null = null;
    server.use(
      http.patch(`*/api/tasks/${task.id}`, async ({ request }) => {
        patch = await request.json();
        ifMatch = request.headers.get('if-match');
        return HttpResponse.json({ ...task, ...(patch as object) });
      }),
    );
    renderWithQuery(<TaskItem task={task} onDelete={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Edit Write report' }));
    await userEvent.selectOptions(screen.getByLabelText('Edit priority'), 'high');
    await userEvent.type(screen.getByLabelText('Edit due date'), '2026-12-24');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patch).toEqual({ priority: 'high', dueDate: '2026-12-24' }));
    expect(ifMatch).toBe(`"${task.version}"`);
  });

  it('toggles done with a click on the checkbox labelled by the title', async () => {
    let patch: unknown;
    server.use(
      http.patch(`*/api/tasks/${task.id}`, async ({ request }) => {
        patch = await request.json();
        return HttpResponse.json({ ...task, completed: true });
      }),
    );
    renderWithQuery(<TaskItem task={task} onDelete={() => {}} />);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Write report' }));
    await waitFor(() => expect(patch).toEqual({ completed: true }));
  });

  it('closes the edit form once the save lands, even when the box is ticked while it is in flight', async () => {
    let releaseSave = () => {};
    const saveHeld = new Promise<void>((resolve) => (releaseSave = resolve));
    server.use(
      http.patch(`*/api/tasks/${task.id}`, async ({ request }) => {
        const patch = (await request.json()) as object;
        if ('title' in patch) await saveHeld;
        return HttpResponse.json({ ...task, ...patch });
      }),
    );
    renderWithQuery(<TaskItem task={task} onDelete={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Edit Write report' }));
    await userEvent.clear(screen.getByLabelText('Edit title'));
    await userEvent.type(screen.getByLabelText('Edit title'), 'Write the report');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Write report' }));
    releaseSave();
    await waitFor(() => expect(screen.queryByLabelText('Edit title')).toBeNull());
  });

  it('edits the description and tags, and refuses a cleared title in words', async () => {
    const patches: unknown[] = [];
    server.use(
      http.patch(`*/api/tasks/${task.id}`, async ({ request }) => {
        const patch = (await request.json()) as object;
        patches.push(patch);
        return HttpResponse.json({ ...task, ...patch });
      }),
    );
    renderWithQuery(<TaskItem task={task} onDelete={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Edit Write report' }));
    await userEvent.clear(screen.getByLabelText('Edit title'));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('alert').textContent).toBe('The title must not be empty.');
    expect(screen.getByLabelText('Edit title').getAttribute('aria-invalid')).toBe('true');
    await userEvent.type(screen.getByLabelText('Edit title'), 'Write report');
    await userEvent.type(screen.getByLabelText('Edit description'), 'Two pages');
    await userEvent.type(screen.getByLabelText('Edit tags'), 'work, q4 ,');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patches).toEqual([{ description: 'Two pages', tags: ['work', 'q4'] }]));
  });

  it('cancels the edit on Escape, sending nothing', async () => {
    let patched = false;
    server.use(http.patch(`*/api/tasks/${task.id}`, () => ((patched = true), HttpResponse.json(task))));
    renderWithQuery(<TaskItem task={task} onDelete={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Edit Write report' }));
    await userEvent.type(screen.getByLabelText('Edit title'), ' changed{Escape}');
    expect(screen.queryByLabelText('Edit title')).toBeNull();
    expect(screen.getByText('Write report')).toBeTruthy();
    expect(patched).toBe(false);
  });
});
