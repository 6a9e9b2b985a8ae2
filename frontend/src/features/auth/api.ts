import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api';
import { isUserData, sessionKey } from '../../shared/query-keys';

export type User = { id: string; name: string; email: string };
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
