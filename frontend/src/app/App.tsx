import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { AuthScreen } from '../features/auth/AuthScreen';
import { useSession, useSignOut, type User } from '../features/auth/api';
import { ChatPanel } from '../features/chat/ChatPanel';
import { TasksPanel } from '../features/tasks/TasksPanel';
import { onSessionExpired, SESSION_ENDED } from '../shared/api';
import { isUserData, sessionKey } from '../shared/query-keys';
import { ErrorBanner } from './ErrorBanner';

export function App() {
  const session = useSession();
  const signOut = useSignOut();
  const queryClient = useQueryClient();
  // The session ended under a signed-in page: ask for sign-in over it, so nothing typed is lost.
  const [expired, setExpired] = useState(false);
  useEffect(() => onSessionExpired(() => setExpired(true)), []);

  function signedInAgain(user: User) {
    // Someone else signing in must not see the last user's data or drafts.
    if (user.id !== session.data?.user.id) queryClient.removeQueries({ predicate: isUserData });
    queryClient.setQueryData(sessionKey, { user });
    setExpired(false);
    void queryClient.invalidateQueries({ predicate: isUserData });
  }

  let body;
  if (session.isPending) body = <p className="muted center">Loading…</p>;
  else if (!session.data)
    body = (
      <main>
        <AuthScreen />
      </main>
    );
  else
    body = (
      <div key={session.data.user.id}>
        <header className="topbar" inert={expired}>
          <h1>Todo Chatbot</h1>
          <span className="muted">{session.data.user.name}</span>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </header>
        <main className="layout" inert={expired}>
          <TasksPanel />
          <ChatPanel />
        </main>
        {expired && (
          <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="auth-heading">
            <AuthScreen notice={`${SESSION_ENDED} What you typed is kept.`} onSignedIn={signedInAgain} />
          </div>
        )}
      </div>
    );

  return (
    <>
      <ErrorBanner />
      {body}
    </>
  );
}
