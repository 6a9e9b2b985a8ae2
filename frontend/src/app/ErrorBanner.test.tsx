import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { api } from '../shared/api';
import { server } from '../test/setup';
import { renderWithQuery } from '../test/render';
import { ErrorBanner } from './ErrorBanner';

describe('ErrorBanner', () => {
  it('appears when the API is unreachable and goes away when it answers again', async () => {
    server.use(
      http.get('*/api/tasks', () => HttpResponse.error()),
      http.get('*/health', () => HttpResponse.json({ status: 'healthy', database: 'connected' })),
    );
    renderWithQuery(<ErrorBanner />);
    expect(screen.queryByRole('alert')).toBeNull();
    await expect(api('/api/tasks')).rejects.toThrow('The server cannot be reached.');
    expect((await screen.findByRole('alert')).textContent).toMatch(/Can’t reach the server/);
    await waitForGone();
  });
});

async function waitForGone() {
  const { waitFor } = await import('@testing-library/react');
  await waitFor(() => expect(screen.queryByRole('alert')).toBeNull(), { timeout: 5000 });
}
