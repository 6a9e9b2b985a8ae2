import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api';
import type { Answer } from '../../shared/api-types';
import { tasksKey } from '../../shared/query-keys';

type ChatReply = Answer<'chat'>;
export type ChatAction = ChatReply['actions'][number];
type MessagePage = Answer<'listMessages'>;
export type Message = MessagePage['messages'][number];
type ConversationPage = Answer<'listConversations'>;
export type Conversation = ConversationPage['conversations'][number];

const conversationsKey = ['conversations'] as const;
const messagesKey = (id: string) => ['messages', id] as const;

/** The latest conversations: the tabs show one page. */
export function useConversations() {
  return useQuery({
    queryKey: conversationsKey,
    queryFn: () => api<ConversationPage>('/api/conversations'),
    select: (page) => page.conversations,
  });
}

/** A conversation's latest messages; fetchNextPage loads the ones before them. */
export function useMessages(conversationId: string | undefined) {
  return useInfiniteQuery({
    queryKey: messagesKey(conversationId ?? 'none'),
    queryFn: ({ pageParam }) =>
      api<MessagePage>(
        `/api/conversations/${conversationId}/messages${pageParam ? `?before=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    initialPageParam: '',
    getNextPageParam: (page) => (page.hasOlder ? page.messages[0]?.id : undefined),
    // Oldest first on screen: the pages came newest first.
    select: (data) => data.pages.toReversed().flatMap((page) => page.messages),
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
