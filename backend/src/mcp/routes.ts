import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { z } from 'zod';
import { runTool, TOOLS, type ToolContext } from '../chat/tools.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { ApiError } from '../errors.js';
import { BODY_FAILURES, failures, SESSION_SECURITY } from '../http/openapi.js';
import { copyResponseHead, toWebRequest } from '../web-fetch.js';

const VERSION = '1.0.0';

/** JSON-RPC messages one request may carry; each one also counts against the user's budget. */
export const MCP_BATCH_MAX = 20;

const toolResult = (isError: boolean, result: unknown) => ({
  isError,
  content: [{ type: 'text' as const, text: JSON.stringify(result) }],
});

/**
 * An MCP server with the assistant's tools, acting for the user the bearer token belongs to. A
 * tool that fails for a reason other than its input is logged; the client learns only that it
 * failed, never the query, its parameters or the error's own text.
 */
function createMcpServer(ctx: ToolContext, log: FastifyBaseLogger): McpServer {
  const server = new McpServer({ name: 'todo-chatbot', version: VERSION });
  for (const tool of TOOLS) {
    server.registerTool(
      tool.name,
      { description: tool.description, inputSchema: tool.input },
      async (args: Record<string, unknown>) => {
        try {
          const action = await runTool(ctx, tool.name, args);
          return toolResult(!action.ok, action.result);
        } catch (error) {
          const unavailable = isDatabaseUnavailable(error);
          log[unavailable ? 'warn' : 'error']({ err: error, tool: tool.name }, 'MCP tool failed');
          return toolResult(true, {
            error: unavailable ? 'The database is unavailable; retry shortly' : 'The tool failed: retry later',
          });
        }
      },
    );
  }
  return server;
}

export default async function mcpRoutes(app: FastifyInstance) {
  // Stateless Streamable HTTP: a fresh server and transport per request, so any replica can answer.
  app.route({
    method: ['GET', 'DELETE'],
    url: '/mcp',
    schema: { hide: true },
    onRequest: app.requireUser,
    async handler(_request, reply) {
      reply.header('allow', 'POST');
      return reply.status(405).send({
        jsonrpc: '2.0',
        error: { code: -32000, message: 'This MCP server is stateless: send JSON-RPC requests with POST' },
        id: null,
      });
    },
  });
  app.route({
    method: 'POST',
    url: '/mcp',
    schema: {
      tags: ['mcp'],
      security: SESSION_SECURITY,
      operationId: 'mcp',
      summary: "The assistant's tools over MCP (Streamable HTTP, stateless, JSON answers)",
      description:
        `A JSON-RPC 2.0 request, or a batch of at most ${MCP_BATCH_MAX}: initialize, tools/list, and ` +
        `tools/call with one of ${TOOLS.map((tool) => tool.name).join(', ')}. Answers JSON-RPC, not the API's ` +
        'error body, except for the failures listed.',
      // The handler sends the transport's text as it is: these describe it, they do not re-encode it.
      response: {
        200: z.unknown().describe('The JSON-RPC answer, or answers for a batch'),
        ...failures(...BODY_FAILURES, 405),
      },
    },
    onRequest: app.requireUser,
    async handler(request, reply) {
      const messages = Array.isArray(request.body) ? request.body.length : 1;
      if (messages > MCP_BATCH_MAX) {
        throw new ApiError(
          400,
          'VALIDATION_ERROR',
          `body: at most ${MCP_BATCH_MAX} JSON-RPC messages a request`,
          'body',
        );
      }
      app.spend('user', `user:${request.user.id}`, reply, messages);
      const server = createMcpServer({ db: app.database.db, userId: request.user.id }, request.log);
      const transport = new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: undefined,
        enableJsonResponse: true,
      });
      try {
        await server.connect(transport);
        const response = await transport.handleRequest(toWebRequest(request, 'http://localhost'), {
          parsedBody: request.body,
        });
        copyResponseHead(response, reply);
        return reply.send(await response.text());
      } finally {
        await server.close();
      }
    },
  });
}
