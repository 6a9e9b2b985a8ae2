import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../shared/api';
import { server } from '../test/setup';
import { renderWithQuery } from '../test/render';
import { ErrorBanner } from './ErrorBanner';

describe('ErrorBanner', () => {
  // Only the probe's interval is faked: the test moves it on, everything else runs as usual.
  afterEach(() => vi.useRealTimers());

  it('appears when the API is unreachable and goes away once a probe finds it again', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let probes = 0;
    server.use(
      http.get('*/api/tasks', () => HttpResponse.error()),
      http.get('*/health', () => {
        probes++;
        return HttpResponse.json({ status: 'healthy', database: 'connected' });
      }),
    );
    renderWithQuery(<ErrorBanner />);
    expect(screen.queryByRole('alert')).toBeNull();
    await expect(api('/api/tasks')).rejects.toThrow('The server cannot be reached.');
    expect((await screen.findByRole('alert')).textContent).toMatch(/Can’t reach the server/);

    await vi.advanceTimersByTimeAsync(2_999);
    expect(probes).toBe(0);
    expect(screen.queryByRole('alert')).not.toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(probes).toBe(1);
  });
});
