import { AuthScreen } from '../features/auth/AuthScreen';
import { useSession, useSignOut } from '../features/auth/api';
import { ChatPanel } from '../features/chat/ChatPanel';
import { TasksPanel } from '../features/tasks/TasksPanel';
import { ErrorBanner } from './ErrorBanner';

export function App() {
  const session = useSession();
  const signOut = useSignOut();

  let body;
  if (session.isPending) body = <p className="muted center">Loading…</p>;
  else if (!session.data) body = <AuthScreen />;
  else
    body = (
      <>
        <header className="topbar">
          <h1>Todo Chatbot</h1>
          <span className="muted">{session.data.user.name}</span>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </header>
        <main className="layout">
          <TasksPanel />
          <ChatPanel />
        </main>
      </>
    );

  return (
    <>
      <ErrorBanner />
      {body}
    </>
  );
}
