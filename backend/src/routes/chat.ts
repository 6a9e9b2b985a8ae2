import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_SECURITY } from './openapi.js';
import { Assistant, type AssistantTurn } from '../chat/assistant.js';
import { listConversations, loadMessages, saveExchange } from '../chat/conversations.js';
import { LlmAgent, LlmUnavailableError } from '../chat/llm-agent.js';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { ApiError, notFound } from '../errors.js';

const chatBody = z.strictObject({
  message: z.string().trim().min(1, 'must not be empty').max(4000, 'must be at most 4000 characters'),
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
const message = z.object({
  id: z.uuid(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  actions: z.array(action),
  createdAt: z.string(),
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
    { schema: { tags: ['chat'], security: SESSION_SECURITY, body: chatBody, response: { 200: chatReply } } },
    async (request) => {
      const { message, conversationId } = request.body;
      const userId = request.user.id;
      const db = app.database.db;
      const history = conversationId ? await loadMessages(db, userId, conversationId) : [];
      if (!history) throw notFound('Conversation');
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
    { schema: { tags: ['chat'], security: SESSION_SECURITY, response: { 200: z.array(conversation) } } },
    (request) => listConversations(app.database.db, request.user.id),
  );

  app.get(
    '/conversations/:id/messages',
    {
      schema: {
        tags: ['chat'],
        security: SESSION_SECURITY,
        params: z.strictObject({ id: z.uuid({ error: 'must be a conversation id (UUID)' }) }),
        response: { 200: z.array(message) },
      },
    },
    async (request) => {
      const messages = await loadMessages(app.database.db, request.user.id, request.params.id);
      if (!messages) throw notFound('Conversation');
      return messages.map(({ context: _context, ...rest }) => rest);
    },
  );
}
