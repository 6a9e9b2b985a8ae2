import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../test/setup';
import { renderWithQuery } from '../../test/render';
import { ChatPanel } from './ChatPanel';

describe('ChatPanel', () => {
  it('shows the reply with the actions taken, and refreshes the tasks it changed', async () => {
    const conversationId = crypto.randomUUID();
    const action = { tool: 'add_task', args: { title: 'Buy milk' }, ok: true, result: { title: 'Buy milk' } };
    let sent: unknown;
    server.use(
      http.get('*/api/conversations', () => HttpResponse.json({ conversations: [], total: 0, limit: 50, offset: 0 })),
      http.post('*/api/chat', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ conversationId, reply: 'Added "Buy milk".', actions: [action] });
      }),
      http.get(`*/api/conversations/${conversationId}/messages`, () =>
        HttpResponse.json({
          messages: [
            { id: crypto.randomUUID(), role: 'user', content: 'add buy milk', actions: [], createdAt: '' },
            {
              id: crypto.randomUUID(),
              role: 'assistant',
              content: 'Added "Buy milk".',
              actions: [action],
              createdAt: '',
            },
          ],
          hasOlder: false,
        }),
      ),
    );
    const { client } = renderWithQuery(<ChatPanel />);
    client.setQueryData(['tasks', { status: 'all' }], []);
    await userEvent.type(screen.getByLabelText('Message'), 'add buy milk{Enter}');
    expect(await screen.findByText('Added "Buy milk".')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Actions taken' }).textContent).toBe('Added "Buy milk"');
    expect(sent).toEqual({ message: 'add buy milk' });
    await waitFor(() => expect(client.getQueryState(['tasks', { status: 'all' }])?.isInvalidated).toBe(true));
  });

  it('opens the latest conversation after a reload, loads older messages, and sums up a listed page', async () => {
    const [latest, older, firstShown] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    const page = { tasks: [{ title: 'Buy milk' }, { title: 'Call mom' }], total: 7, limit: 2, offset: 0 };
    const listed = { tool: 'list_tasks', args: {}, ok: true, result: page };
    const at = '2026-11-18T10:00:00.000Z';
    server.use(
      http.get('*/api/conversations', () =>
        HttpResponse.json({
          conversations: [
            { id: latest, title: 'how many tasks do I have left this week', createdAt: at, updatedAt: at },
            { id: older, title: 'add buy milk', createdAt: at, updatedAt: at },
          ],
          total: 2,
          limit: 50,
          offset: 0,
        }),
      ),
      // Two pages: the latest messages, and before the first of them, an older one.
      http.get(`*/api/conversations/${latest}/messages`, ({ request }) => {
        const before = new URL(request.url).searchParams.get('before');
        if (before === firstShown) {
          const old = {
            id: crypto.randomUUID(),
            role: 'user',
            content: 'an older question',
            actions: [],
            createdAt: at,
          };
          return HttpResponse.json({ messages: [old], hasOlder: false });
        }
        return HttpResponse.json({
          messages: [
            { id: firstShown, role: 'user', content: 'show my tasks', actions: [], createdAt: at },
            {
              id: crypto.randomUUID(),
              role: 'assistant',
              content: 'You have 7 tasks',
              actions: [listed],
              createdAt: at,
            },
          ],
          hasOlder: true,
        });
      }),
    );
    renderWithQuery(<ChatPanel />);
    expect(await screen.findByText('You have 7 tasks')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Actions taken' }).textContent).toBe('Listed 7 tasks');
    const tab = screen.getByRole('button', { name: 'how many tasks do I have left this week' });
    expect(tab.getAttribute('aria-current')).toBe('true');
    await userEvent.click(screen.getByRole('button', { name: 'Load older messages' }));
    expect(await screen.findByText('an older question')).toBeTruthy();
    const shown = screen.getAllByRole('listitem').map((item) => item.querySelector('p')?.textContent);
    expect(shown.filter(Boolean)).toEqual(['an older question', 'show my tasks', 'You have 7 tasks']);
    expect(screen.queryByRole('button', { name: 'Load older messages' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'New conversation' }));
    expect(screen.queryByText('You have 7 tasks')).toBeNull();
  });
});
