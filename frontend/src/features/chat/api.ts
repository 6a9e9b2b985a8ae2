import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api';
import { tasksKey } from '../../shared/query-keys';

export type ChatAction = { tool: string; args: Record<string, unknown>; ok: boolean; result: unknown };
export type Message = {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  actions: ChatAction[];
  createdAt: string;
};
export type Conversation = { id: string; title: string; createdAt: string; updatedAt: string };
type ChatReply = { conversationId: string; reply: string; actions: ChatAction[] };

const conversationsKey = ['conversations'] as const;
const messagesKey = (id: string) => ['messages', id] as const;

export function useConversations() {
  return useQuery({ queryKey: conversationsKey, queryFn: () => api<Conversation[]>('/api/conversations') });
}

export function useMessages(conversationId: string | undefined) {
  return useQuery({
    queryKey: messagesKey(conversationId ?? 'none'),
    queryFn: () => api<Message[]>(`/api/conversations/${conversationId}/messages`),
    enabled: conversationId !== undefined,
  });
}

export function useSendMessage(onConversation: (id: string) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (vars: { message: string; conversationId?: string | undefined }) =>
      api<ChatReply>('/api/chat', { method: 'POST', body: vars }),
    onSuccess: async (reply) => {
      onConversation(reply.conversationId);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: messagesKey(reply.conversationId) }),
        queryClient.invalidateQueries({ queryKey: conversationsKey }),
        // The assistant changed tasks: the list beside the chat shows it at once.
        reply.actions.some((a) => a.ok && a.tool !== 'list_tasks') &&
          queryClient.invalidateQueries({ queryKey: tasksKey }),
      ]);
    },
  });
}
