import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api';
import type { Answer } from '../../shared/api-types';
import { isUserData, sessionKey } from '../../shared/query-keys';

/** What the UI shows of the signed-in user. */
export type User = Pick<Answer<'signIn'>['user'], 'id' | 'name' | 'email'>;
type SessionResponse = { user: User } | null;

export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: () => api<SessionResponse>('/api/auth/get-session'),
    staleTime: Infinity,
  });
}

export const signIn = (email: string, password: string) =>
  api<{ user: User }>('/api/auth/sign-in/email', { method: 'POST', body: { email, password } });

export const signUp = (name: string, email: string, password: string) =>
  api<{ user: User }>('/api/auth/sign-up/email', { method: 'POST', body: { name, email, password } });

export function useSignOut() {
  const queryClient = useQueryClient();
  return async () => {
    await api('/api/auth/sign-out', { method: 'POST', body: {} });
    queryClient.setQueryData(sessionKey, null);
    // Nothing of this user's data may stay in memory for the next one.
    queryClient.removeQueries({ predicate: isUserData });
  };
}
