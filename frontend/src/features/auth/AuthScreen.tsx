import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../shared/api';
import { sessionKey, signIn, signUp } from './api';

type Mode = 'sign-in' | 'sign-up';
type Errors = Partial<Record<'name' | 'email' | 'password' | 'form', string>>;

export function AuthScreen() {
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<Mode>('sign-in');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (name: string) => String(data.get(name) ?? '');
    setBusy(true);
    setErrors({});
    try {
      const result =
        mode === 'sign-up'
          ? await signUp(value('name'), value('email'), value('password'))
          : await signIn(value('email'), value('password'));
      queryClient.setQueryData(sessionKey, { user: result.user });
    } catch (error) {
      const field =
        error instanceof ApiError && error.field && ['name', 'email', 'password'].includes(error.field)
          ? error.field
          : 'form';
      setErrors({ [field]: error instanceof Error ? error.message : 'Something went wrong' });
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (name: keyof Errors) =>
    errors[name] ? (
      <p className="field-error" id={`${name}-error`} role="alert">
        {errors[name]}
      </p>
    ) : null;
  const described = (name: keyof Errors) =>
    errors[name] ? { 'aria-describedby': `${name}-error`, 'aria-invalid': true } : {};

  return (
    <main className="auth">
      <h1>Todo Chatbot</h1>
      <p className="muted">{mode === 'sign-in' ? 'Welcome back.' : 'Create your account.'}</p>
      <form onSubmit={submit} noValidate>
        {mode === 'sign-up' && (
          <>
            <label>
              Name
              <input name="name" autoComplete="name" required {...described('name')} />
            </label>
            {fieldError('name')}
          </>
        )}
        <label>
          Email
          <input name="email" type="email" autoComplete="email" required {...described('email')} />
        </label>
        {fieldError('email')}
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
            required
            minLength={8}
            {...described('password')}
          />
        </label>
        {fieldError('password')}
        {fieldError('form')}
        <button type="submit" className="primary" disabled={busy}>
          {mode === 'sign-in' ? 'Sign in' : 'Sign up'}
        </button>
      </form>
      <button
        type="button"
        className="link"
        onClick={() => (setMode(mode === 'sign-in' ? 'sign-up' : 'sign-in'), setErrors({}))}
      >
        {mode === 'sign-in' ? 'Create an account' : 'I already have an account'}
      </button>
    </main>
  );
}
