import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { FastifyInstance } from 'fastify';
import { runTool, TOOLS, type ToolContext } from '../chat/tools.js';
import { copyResponseHead, toWebRequest } from '../web-fetch.js';

const VERSION = '1.0.0';

/** An MCP server with the assistant's tools, acting for the user the bearer token belongs to. */
function createMcpServer(ctx: ToolContext): McpServer {
  const server = new McpServer({ name: 'todo-chatbot', version: VERSION });
  for (const tool of TOOLS) {
    server.registerTool(
      tool.name,
      { description: tool.description, inputSchema: tool.input },
      async (args: Record<string, unknown>) => {
        const action = await runTool(ctx, tool.name, args);
        return {
          isError: !action.ok,
          content: [{ type: 'text' as const, text: JSON.stringify(action.result) }],
        };
      },
    );
  }
  return server;
}

export default async function mcpRoutes(app: FastifyInstance) {
  // Stateless Streamable HTTP: a fresh server and transport per request, so any replica can answer.
  app.route({
    method: ['POST', 'GET', 'DELETE'],
    url: '/mcp',
    schema: { hide: true },
    onRequest: app.requireUser,
    async handler(request, reply) {
      if (request.method !== 'POST') {
        reply.header('allow', 'POST');
        return reply.status(405).send({
          jsonrpc: '2.0',
          error: { code: -32000, message: 'This MCP server is stateless: send JSON-RPC requests with POST' },
          id: null,
        });
      }
      const server = createMcpServer({ db: app.database.db, userId: request.user.id });
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
