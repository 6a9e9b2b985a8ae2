import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChatCompletion, ChatCompletionMessage } from 'openai/resources/chat/completions';

export type ChatRequest = {
  model: string;
  messages: { role: string; content: string | null; tool_calls?: unknown[]; tool_call_id?: string }[];
  tools?: { type: string; function: { name: string; parameters: unknown } }[];
};
export type ToolCall = { name: string; args: Record<string, unknown> };
/** What the scripted model answers: a final text, tool calls, or an HTTP error status. */
export type ModelTurn = { text: string } | { calls: ToolCall[] } | { status: number };

export type FakeOpenAI = {
  baseURL: string;
  requests: { body: ChatRequest; authorization: string | undefined }[];
  /** The next answers, in order; the handler is asked when the script runs out. */
  script: ModelTurn[];
  /** Called when a request arrives, before the answer is sent (after delayMs). */
  onRequest?: () => void;
  delayMs: number;
  close(): Promise<void>;
};

/** A reply typed as the SDK's own response, so the fake cannot drift from what the client parses. */
function completion(turn: Exclude<ModelTurn, { status: number }>, model: string, n: number): ChatCompletion {
  const message: ChatCompletionMessage =
    'text' in turn
      ? { role: 'assistant', content: turn.text, refusal: null }
      : {
          role: 'assistant',
          content: null,
          refusal: null,
          tool_calls: turn.calls.map((call, i) => ({
            id: `call_${n}_${i}`,
            type: 'function',
            function: { name: call.name, arguments: JSON.stringify(call.args) },
          })),
        };
  return {
    id: `chatcmpl-${n}`,
    object: 'chat.completion',
    created: 1_790_000_000,
    model,
    choices: [{ index: 0, message, finish_reason: 'text' in turn ? 'stop' : 'tool_calls', logprobs: null }],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  };
}

/** A local server speaking the OpenAI chat-completions protocol, answering from a script. */
export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const fake: FakeOpenAI = { baseURL: '', requests: [], script: [], delayMs: 0, close: async () => {} };
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
        return;
      }
      const body = JSON.parse(raw) as ChatRequest;
      fake.requests.push({ body, authorization: request.headers.authorization });
      fake.onRequest?.();
      const turn = fake.script.shift() ?? { text: 'OK.' };
      setTimeout(() => {
        if ('status' in turn) {
          response.writeHead(turn.status, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ error: { message: 'scripted failure', type: 'server_error' } }));
          return;
        }
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(completion(turn, body.model, fake.requests.length)));
      }, fake.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}
