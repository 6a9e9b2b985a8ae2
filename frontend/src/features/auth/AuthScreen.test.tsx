import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { server } from '../../test/setup';
import { renderWithQuery } from '../../test/render';
import { AuthScreen } from './AuthScreen';

describe('AuthScreen', () => {
  it('shows the API error next to the field it names', async () => {
    server.use(
      http.post('*/api/auth/sign-up/email', () =>
        HttpResponse.json(
          { error: { code: 'VALIDATION_ERROR', message: 'email: Invalid email address', field: 'email' } },
          { status: 400 },
        ),
      ),
    );
    renderWithQuery(<AuthScreen />);
    await userEvent.click(screen.getByRole('button', { name: 'Create an account' }));
    await userEvent.type(screen.getByLabelText('Name'), 'Ada');
    await userEvent.type(screen.getByLabelText('Email'), 'ada@rejected.example');
    await userEvent.type(screen.getByLabelText('Password'), 'correct-horse-battery');
    await userEvent.click(screen.getByRole('button', { name: 'Sign up' }));
    const email = screen.getByLabelText('Email');
    expect(await screen.findByText('email: Invalid email address')).toBeTruthy();
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(email.getAttribute('aria-describedby')!)?.textContent).toBe(
      'email: Invalid email address',
    );
  });

  it('stores the session when sign-in succeeds', async () => {
    let sent: unknown;
    server.use(
      http.post('*/api/auth/sign-in/email', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ user: { id: 'u1', name: 'Ada', email: 'ada@example.com' } });
      }),
    );
    const { client } = renderWithQuery(<AuthScreen />);
    await userEvent.type(screen.getByLabelText('Email'), 'ada@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'correct-horse-battery');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await vi.waitFor(() =>
      expect(client.getQueryData(['session'])).toEqual({ user: { id: 'u1', name: 'Ada', email: 'ada@example.com' } }),
    );
    expect(sent).toEqual({ email: 'ada@example.com', password: 'correct-horse-battery' });
  });
});
