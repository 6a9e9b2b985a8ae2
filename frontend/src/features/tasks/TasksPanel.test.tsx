import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../test/setup';
import { renderWithQuery } from '../../test/render';
import { makeTask as task, pageOf } from '../../test/tasks';
import { TasksPanel } from './TasksPanel';

describe('TasksPanel', () => {
  it('lists tasks with their details, and sends the filters to the API', async () => {
    const queries: string[] = [];
    server.use(
      http.get('*/api/tasks', ({ request }) => {
        queries.push(new URL(request.url).search);
        return HttpResponse.json(
          pageOf([task('Pay rent', { priority: 'high', dueDate: '2026-12-01', tags: ['home'] })]),
        );
      }),
    );
    renderWithQuery(<TasksPanel />);
    expect(await screen.findByRole('checkbox', { name: 'Pay rent' })).toBeTruthy();
    expect(screen.getByText('high')).toBeTruthy();
    expect(screen.getByText('#home')).toBeTruthy();
    await userEvent.click(screen.getByText('Completed'));
    await waitFor(() => expect(queries).toContain('?status=completed&sort=created'));
  });

  it('keeps "Give the task a title" when the list first arrives after the click, and drops it when the list changes', async () => {
    let answer: () => void = () => undefined;
    const firstLoad = new Promise<void>((resolve) => (answer = resolve));
    let tasks = [task('Pay rent')];
    server.use(
      http.get('*/api/tasks', async () => {
        await firstLoad;
        return HttpResponse.json(pageOf(tasks));
      }),
    );
    const { client } = renderWithQuery(<TasksPanel />);
    await userEvent.click(screen.getByRole('button', { name: 'Add task' }));
    expect(await screen.findByText('Give the task a title.')).toBeTruthy();
    answer();
    await screen.findByRole('checkbox', { name: 'Pay rent' });
    expect(screen.queryByText('Give the task a title.')).not.toBeNull();
    tasks = [task('Water the ferns'), ...tasks];
    await client.invalidateQueries();
    await screen.findByRole('checkbox', { name: 'Water the ferns' });
    await waitFor(() => expect(screen.queryByText('Give the task a title.')).toBeNull());
  });

  it('shows a new task at once and takes it back when the server refuses it', async () => {
    server.use(
      http.get('*/api/tasks', () => HttpResponse.json(pageOf([]))),
      http.post('*/api/tasks', async () => {
        await delay(100);
        return HttpResponse.json(
          { error: { code: 'VALIDATION_ERROR', message: 'title: too long', field: 'title' } },
          { status: 400 },
        );
      }),
    );
    renderWithQuery(<TasksPanel />);
    await screen.findByText(/No tasks yet/);
    await userEvent.type(screen.getByLabelText('Task title'), 'Doomed task');
    await userEvent.click(screen.getByRole('button', { name: 'Add task' }));
    expect(await screen.findByRole('checkbox', { name: 'Doomed task' })).toBeTruthy();
    expect(await screen.findByText('title: too long')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('checkbox', { name: 'Doomed task' })).toBeNull());
  });

  it("pages through a long list by the server's page size, and starts again at the first page when a filter changes", async () => {
    const all = Array.from({ length: 120 }, (_, i) => task(`Task ${i + 1}`));
    // Not the API's default: the pager must follow what the server answers.
    const limit = 40;
    const offsets: string[] = [];
    server.use(
      http.get('*/api/tasks', ({ request }) => {
        const params = new URL(request.url).searchParams;
        expect(params.has('limit')).toBe(false);
        const offset = Number(params.get('offset') ?? 0);
        offsets.push(String(offset));
        return HttpResponse.json(pageOf(all.slice(offset, offset + limit), { total: all.length, limit, offset }));
      }),
    );
    renderWithQuery(<TasksPanel />);
    expect(await screen.findByText('1–40 of 120')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Previous' })).toHaveProperty('disabled', true);
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('checkbox', { name: 'Task 41' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('81–120 of 120')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Next' })).toHaveProperty('disabled', true);
    await userEvent.click(screen.getByRole('button', { name: 'Previous' }));
    expect(await screen.findByText('41–80 of 120')).toBeTruthy();
    await userEvent.click(screen.getByText('Pending'));
    expect(await screen.findByText('1–40 of 120')).toBeTruthy();
    // A page seen before may be fetched again in the background: which pages, not how often.
    expect(new Set(offsets)).toEqual(new Set(['0', '40', '80']));
    expect(offsets.at(-1)).toBe('0');
  });
});
