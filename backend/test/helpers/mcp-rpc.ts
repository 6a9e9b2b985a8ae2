/** A JSON-RPC call of an MCP tool, as one message of a request body. */
export const toolCall = (id: number, name: string, args: Record<string, unknown>) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name, arguments: args },
});

/** Headers a Streamable HTTP MCP request needs, with the caller's own. */
export const mcpHeaders = (headers: Record<string, string>) => ({
  ...headers,
  accept: 'application/json, text/event-stream',
  'content-type': 'application/json',
});
