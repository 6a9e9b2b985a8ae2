import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../shared/api';
import { sessionKey } from '../../shared/query-keys';
import { signIn, signUp, type User } from './api';
import './auth.css';

type Mode = 'sign-in' | 'sign-up';
type Field = 'name' | 'email' | 'password';
type Errors = Partial<Record<Field | 'form', string>>;

export const MIN_PASSWORD = 8;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What is wrong with the form before it is sent, each next to its field. */
function validate(mode: Mode, name: string, email: string, password: string): Errors {
  const errors: Errors = {};
  if (mode === 'sign-up' && !name.trim()) errors.name = 'Enter your name.';
  if (!email.trim()) errors.email = 'Enter your email address.';
  else if (!EMAIL.test(email.trim())) errors.email = 'Enter an email address such as ada@example.com.';
  if (!password) errors.password = 'Enter your password.';
  else if (mode === 'sign-up' && password.length < MIN_PASSWORD)
    errors.password = `Use at least ${MIN_PASSWORD} characters for the password.`;
  return errors;
}

type Props = {
  /** Said above the form, such as why the user is asked to sign in again. */
  notice?: string;
  /** Called with the signed-in user instead of replacing the session in place. */
  onSignedIn?: (user: User) => void;
};

export function AuthScreen({ notice, onSignedIn }: Props) {
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<Mode>('sign-in');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (name: string) => String(data.get(name) ?? '');
    const invalid = validate(mode, value('name'), value('email'), value('password'));
    setErrors(invalid);
    if (Object.keys(invalid).length > 0) return;
    setBusy(true);
    try {
      const result =
        mode === 'sign-up'
          ? await signUp(value('name'), value('email').trim(), value('password'))
          : await signIn(value('email').trim(), value('password'));
      if (onSignedIn) onSignedIn(result.user);
      else queryClient.setQueryData(sessionKey, { user: result.user });
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
    <div className="auth">
      <h1 id="auth-heading">Todo Chatbot</h1>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : (
        <p className="muted">{mode === 'sign-in' ? 'Welcome back.' : 'Create your account.'}</p>
      )}
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
            minLength={MIN_PASSWORD}
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
    </div>
  );
}
