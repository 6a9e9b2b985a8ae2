import { and, asc, desc, eq, sql } from 'drizzle-orm';
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

export async function listConversations(db: Db, userId: string): Promise<ConversationJson[]> {
  const rows = await db
    .select()
    .from(conversations)
    .where(eq(conversations.userId, userId))
    .orderBy(desc(conversations.updatedAt), desc(conversations.createdAt));
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

export async function conversationExists(db: Db, userId: string, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.id, id), eq(conversations.userId, userId)));
  return row !== undefined;
}

export type StoredMessage = MessageJson & { context: AssistantContext | null };

/** The whole history, oldest first; undefined when the conversation is not the user's. */
export async function loadMessages(db: Db, userId: string, id: string): Promise<StoredMessage[] | undefined> {
  if (!(await conversationExists(db, userId, id))) return undefined;
  const rows = await db.select().from(messages).where(eq(messages.conversationId, id)).orderBy(asc(messages.seq));
  return rows.map((row) => ({
    id: row.id,
    role: row.role,
    content: row.content,
    actions: row.actions,
    context: row.context,
    createdAt: row.createdAt.toISOString(),
  }));
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
