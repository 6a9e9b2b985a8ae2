import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { inputLimits } from '../../shared/api-schema';
import { useConversations, useMessages, useSendMessage, type ChatAction } from './api';
import './chat.css';

const TOOL_LABELS: Record<string, string> = {
  add_task: 'Added',
  list_tasks: 'Listed',
  complete_task: 'Updated status',
  delete_task: 'Deleted',
  update_task: 'Updated',
};

function describe(action: ChatAction): string {
  const result = action.result as { title?: string; error?: string; tasks?: unknown[]; total?: number } | null;
  if (!action.ok) return `${action.tool} failed: ${result?.error ?? 'error'}`;
  // list_tasks answers a page: its tasks and the total.
  if (Array.isArray(result?.tasks)) {
    const total = result.total ?? result.tasks.length;
    return `${TOOL_LABELS[action.tool]} ${total} task${total === 1 ? '' : 's'}`;
  }
  return `${TOOL_LABELS[action.tool] ?? action.tool} "${result?.title ?? ''}"`;
}

export function ChatPanel() {
  // Until the user picks one (or a new one: null), the chat shows the latest conversation.
  const [picked, setPicked] = useState<string | null>();
  const conversations = useConversations();
  const conversationId = picked === undefined ? conversations.data?.[0]?.id : (picked ?? undefined);
  const messages = useMessages(conversationId);
  const send = useSendMessage(setPicked);
  const [draft, setDraft] = useState('');
  const [pendingText, setPendingText] = useState<string>();
  const logRef = useRef<HTMLDivElement>(null);

  // To the newest message when one arrives; loading older ones keeps the place.
  const newest = messages.data?.at(-1)?.id;
  useEffect(() => {
    logRef.current?.querySelector('.messages')?.lastElementChild?.scrollIntoView?.({ block: 'end' });
  }, [newest, pendingText]);

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const message = draft.trim();
    if (!message || send.isPending) return;
    setPendingText(message);
    setDraft('');
    send.mutate(
      { message, conversationId },
      { onSettled: () => setPendingText(undefined), onError: () => setDraft(message) },
    );
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey) submit(event);
  }

  return (
    <section className="panel chat" aria-labelledby="chat-heading">
      <div className="chat-header">
        <h2 id="chat-heading">Assistant</h2>
        <button type="button" onClick={() => setPicked(null)}>
          New conversation
        </button>
      </div>
      {conversations.data && conversations.data.length > 0 && (
        <nav aria-label="Past conversations" className="conversations">
          {conversations.data.map((c) => (
            <button key={c.id} type="button" aria-current={c.id === conversationId} onClick={() => setPicked(c.id)}>
              {c.title}
            </button>
          ))}
        </nav>
      )}
      {/* The log is the scrolling region: focusable, so a keyboard can scroll it too. */}
      <div className="messages-log" role="log" aria-label="Messages" tabIndex={0} ref={logRef}>
        {messages.hasNextPage && (
          <button type="button" className="older" onClick={() => void messages.fetchNextPage()}>
            {messages.isFetchingNextPage ? 'Loading…' : 'Load older messages'}
          </button>
        )}
        <ol className="messages">
          {!conversationId && !pendingText && (
            <li className="hint">Try “add buy milk tomorrow”, “show my pending tasks” or “mark buy milk as done”.</li>
          )}
          {conversationId &&
            messages.data?.map((m) => (
              <li key={m.id} className={`message ${m.role}`}>
                <span className="who">{m.role === 'user' ? 'You' : 'Assistant'}</span>
                <p>{m.content}</p>
                {m.actions.length > 0 && (
                  <ul className="chat-actions" aria-label="Actions taken">
                    {m.actions.map((a, i) => (
                      <li key={i} className={a.ok ? 'ok' : 'failed'}>
                        {describe(a)}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          {pendingText && (
            <li className="message user pending">
              <span className="who">You</span>
              <p>{pendingText}</p>
            </li>
          )}
        </ol>
      </div>
      {send.error && (
        <p className="field-error" role="alert">
          {send.error.message}
        </p>
      )}
      <form className="composer" onSubmit={submit}>
        <label className="grow">
          Message
          <textarea
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onKeyDown}
            maxLength={inputLimits.message}
            rows={2}
          />
        </label>
        <button type="submit" className="primary" disabled={send.isPending}>
          Send
        </button>
      </form>
    </section>
  );
}
