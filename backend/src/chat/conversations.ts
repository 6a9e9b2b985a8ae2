import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { conversations, messages } from '../db/schema.js';
import type { AssistantContext, ChatAction } from '../domain/chat.js';

export type ConversationJson = { id: string; title: string; createdAt: string; updatedAt: string };
export type MessageJson = {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  actions: ChatAction[];
  createdAt: string;
};

export type ConversationPage = { conversations: ConversationJson[]; total: number; limit: number; offset: number };

/** A page of the user's conversations, the latest first, and how many there are. */
export async function listConversations(
  db: Db,
  userId: string,
  { limit, offset }: { limit: number; offset: number },
): Promise<ConversationPage> {
  const mine = eq(conversations.userId, userId);
  const rows = await db
    .select()
    .from(conversations)
    .where(mine)
    .orderBy(desc(conversations.updatedAt), desc(conversations.createdAt), desc(conversations.id))
    .limit(limit)
    .offset(offset);
  const total = await db.$count(conversations, mine);
  const page = rows.map((row) => ({
    id: row.id,
    title: row.title,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
  return { conversations: page, total, limit, offset };
}

export async function conversationExists(db: Db, userId: string, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.id, id), eq(conversations.userId, userId)));
  return row !== undefined;
}

export type StoredMessage = MessageJson & { context: AssistantContext | null };
export type MessagePage = { messages: StoredMessage[]; hasOlder: boolean };

/**
 * The latest `limit` messages before the message `before` (or the latest of all), oldest first,
 * and whether older ones remain; undefined when the conversation is not the user's, 'unknown
 * cursor' when `before` is not one of its messages.
 */
export async function loadMessages(
  db: Db,
  userId: string,
  id: string,
  { limit, before }: { limit: number; before?: string | undefined },
): Promise<MessagePage | 'unknown cursor' | undefined> {
  if (!(await conversationExists(db, userId, id))) return undefined;
  if (before) {
    const [known] = await db
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.id, before), eq(messages.conversationId, id)));
    if (!known) return 'unknown cursor';
  }
  const cursor = before
    ? lt(
        messages.seq,
        db
          .select({ seq: messages.seq })
          .from(messages)
          .where(and(eq(messages.id, before), eq(messages.conversationId, id))),
      )
    : undefined;
  const rows = await db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, id), cursor))
    .orderBy(desc(messages.seq))
    .limit(limit + 1);
  const page = rows.slice(0, limit).reverse();
  return {
    messages: page.map((row) => ({
      id: row.id,
      role: row.role,
      content: row.content,
      actions: row.actions,
      context: row.context,
      createdAt: row.createdAt.toISOString(),
    })),
    hasOlder: rows.length > limit,
  };
}

export type Exchange = {
  userId: string;
  conversationId?: string | undefined;
  message: string;
  reply: string;
  actions: ChatAction[];
  context?: AssistantContext | undefined;
};

/** Stores one user message and the reply to it, creating the conversation on its first message. */
export async function saveExchange(db: Db, exchange: Exchange): Promise<string> {
  let conversationId = exchange.conversationId;
  if (conversationId) {
    await db
      .update(conversations)
      .set({ updatedAt: sql`now()` })
      .where(eq(conversations.id, conversationId));
  } else {
    const title = exchange.message.replace(/\s+/g, ' ').trim().slice(0, 80);
    const [created] = await db
      .insert(conversations)
      .values({ userId: exchange.userId, title })
      .returning({ id: conversations.id });
    conversationId = created!.id;
  }
  await db.insert(messages).values([
    { conversationId, role: 'user', content: exchange.message },
    {
      conversationId,
      role: 'assistant',
      content: exchange.reply,
      actions: exchange.actions,
      context: exchange.context ?? null,
    },
  ]);
  return conversationId;
}
