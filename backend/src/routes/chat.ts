import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BODY_FAILURES, failures, SESSION_FAILURES, SESSION_SECURITY } from '../http/openapi.js';
import { Assistant, type AssistantTurn } from '../chat/assistant.js';
import { listConversations, loadMessages, saveExchange } from '../chat/conversations.js';
import { LlmAgent, LlmUnavailableError } from '../chat/llm-agent.js';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { ApiError, notFound } from '../errors.js';
import { PAGE, pageQuery } from '../http/query.js';
import { notBlankText } from '../http/text.js';

const chatBody = z.strictObject({
  message: notBlankText(4000),
  conversationId: z.uuid({ error: 'must be a conversation id (UUID)' }).optional(),
});
const action = z.object({
  tool: z.string(),
  args: z.record(z.string(), z.unknown()),
  ok: z.boolean(),
  result: z.unknown(),
});
const chatReply = z.object({ conversationId: z.uuid(), reply: z.string(), actions: z.array(action) });
const conversation = z.object({ id: z.uuid(), title: z.string(), createdAt: z.string(), updatedAt: z.string() });
// What the assistant reads of a conversation: enough turns for context, never the whole of a long one.
const RECENT_MESSAGES = 40;
const conversationsQuery = z.strictObject(pageQuery('conversations'));
const conversationPage = z.object({
  conversations: z.array(conversation),
  total: z.int(),
  limit: z.int(),
  offset: z.int(),
});
const messagesQuery = z.strictObject({
  limit: pageQuery('messages').limit.describe(`how many messages (default ${PAGE.size}): the latest before \`before\``),
  before: z.uuid({ error: 'must be a message id (UUID)' }).optional().describe('a message id: only older ones'),
});
const message = z.object({
  id: z.uuid(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  actions: z.array(action),
  createdAt: z.string(),
});
const messagePage = z.object({
  messages: z.array(message).describe('oldest first'),
  hasOlder: z.boolean().describe('whether older messages remain: ask with before = the first id'),
});

export type ChatRoutesOptions = { config: Config; clock?: (() => Date) | undefined };

export default async function chatRoutes(fastify: FastifyInstance, opts: ChatRoutesOptions) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', app.requireUser);
  const clock = opts.clock ?? (() => new Date());
  const { OPENAI_API_KEY: apiKey, OPENAI_BASE_URL: baseURL, OPENAI_MODEL: model } = opts.config;
  const llm = apiKey ? new LlmAgent({ apiKey, baseURL, model }) : undefined;

  app.post(
    '/chat',
    {
      schema: {
        tags: ['chat'],
        security: SESSION_SECURITY,
        operationId: 'chat',
        summary: 'Send the assistant a message; it may change tasks, and the reply says what it did',
        body: chatBody,
        response: { 200: chatReply, ...failures(...BODY_FAILURES, 404, 502) },
      },
    },
    async (request) => {
      const { message, conversationId } = request.body;
      const userId = request.user.id;
      const db = app.database.db;
      const recent = conversationId
        ? await loadMessages(db, userId, conversationId, { limit: RECENT_MESSAGES })
        : { messages: [] };
      if (!recent || recent === 'unknown cursor') throw notFound('Conversation');
      const history = recent.messages;
      const now = clock();
      // Stores the exchange and answers with it; `tx` is the transaction the turn belongs to.
      const record = async (tx: Db, turn: AssistantTurn) => {
        const actions = turn.actions ?? [];
        const id = await saveExchange(tx, {
          userId,
          conversationId,
          message,
          reply: turn.reply,
          actions,
          context: turn.context,
        });
        return { conversationId: id, reply: turn.reply, actions };
      };

      if (llm) {
        let turn: AssistantTurn;
        try {
          turn = await llm.respond({ db, userId }, history, message, now);
        } catch (error) {
          if (!(error instanceof LlmUnavailableError)) throw error;
          request.log.warn({ err: error }, 'language model unavailable');
          throw new ApiError(502, 'ASSISTANT_UNAVAILABLE', 'The assistant is unavailable right now: try again shortly');
        }
        return db.transaction((tx) => record(tx, turn));
      }

      // The built-in assistant's changes and the messages recording them commit together.
      const lastContext = history.findLast((m) => m.role === 'assistant')?.context ?? {};
      return db.transaction(async (tx) =>
        record(tx, await new Assistant({ db: tx, userId }, now, lastContext).respond(message)),
      );
    },
  );

  app.get(
    '/conversations',
    {
      schema: {
        tags: ['chat'],
        security: SESSION_SECURITY,
        operationId: 'listConversations',
        summary: "A page of the user's conversations, the latest first",
        querystring: conversationsQuery,
        response: { 200: conversationPage, ...failures(...SESSION_FAILURES) },
      },
    },
    ({ user, query }) =>
      listConversations(app.database.db, user.id, { limit: query.limit ?? PAGE.size, offset: query.offset ?? 0 }),
  );

  app.get(
    '/conversations/:id/messages',
    {
      schema: {
        tags: ['chat'],
        security: SESSION_SECURITY,
        operationId: 'listMessages',
        summary: "A conversation's latest messages, or those before one",
        params: z.strictObject({ id: z.uuid({ error: 'must be a conversation id (UUID)' }) }),
        querystring: messagesQuery,
        response: { 200: messagePage, ...failures(...SESSION_FAILURES, 404) },
      },
    },
    async (request) => {
      const { limit = PAGE.size, before } = request.query;
      const page = await loadMessages(app.database.db, request.user.id, request.params.id, { limit, before });
      if (!page) throw notFound('Conversation');
      if (page === 'unknown cursor') {
        throw new ApiError(400, 'VALIDATION_ERROR', 'before: is not a message of this conversation', 'before');
      }
      return { ...page, messages: page.messages.map(({ context: _context, ...rest }) => rest) };
    },
  );
}
