/**
 * npm run aiops:scripted-llm [-- --port 8089] — a chat-completions server (the OpenAI protocol
 * kubectl-ai speaks, streamed or not) on 127.0.0.1 that plays a model which knows only the table of
 * docs/aiops.md: asked one of its questions, it calls kubectl-ai's `kubectl` tool with each of the
 * row's commands in turn, then answers with what those commands returned. So kubectl-ai's real tool
 * loop runs the documented translations, deterministically and without an LLM.
 * Point kubectl-ai at it: OPENAI_ENDPOINT=http://127.0.0.1:8089/v1 OPENAI_API_KEY=scripted
 * kubectl-ai --llm-provider openai --model scripted --quiet "show all pods in the todo namespace"
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseCommandLine } from '../lib/cli.js';
import { isMain } from '../lib/main.js';
import { translate } from './translations.js';

type Part = { type?: string; text?: string };
type Message = {
  role: string;
  content?: string | Part[] | null;
  tool_call_id?: string;
  tool_calls?: { id: string; function: { name: string; arguments: string } }[];
};
type Request = { model?: string; messages?: Message[]; tools?: { function?: { name?: string } }[]; stream?: boolean };

/** One turn of the script: the next tool call, or the final text. */
export type Turn = { question: string; toolCall?: { command: string; modifies: boolean }; text?: string };

const textOf = (content: Message['content']) =>
  typeof content === 'string' ? content : (content ?? []).map((part) => part.text ?? '').join('');

/** What a tool message carries: kubectl-ai sends its result as JSON (stdout, stderr, error). */
function toolOutput(message: Message): string {
  const text = textOf(message.content);
  try {
    const result = JSON.parse(text) as Record<string, unknown>;
    return (
      ['stdout', 'stderr', 'error']
        .map((key) => result[key])
        .filter((value) => typeof value === 'string' && value)
        .join('\n') || text
    );
  } catch {
    return text;
  }
}

const MODIFIES = /^kubectl\s+(?:\S+\s+)*?(scale|delete|patch|apply|create|edit|label|annotate|rollout\s+restart)\b/;

/** The final answer: each command with what it printed, and the pods it found crash-looping. */
function summary(commands: string[], outputs: string[]): string {
  const crashing = outputs
    .flatMap((output) => output.split('\n'))
    .filter((line) => /\bCrashLoopBackOff\b/.test(line))
    .map((line) => line.trim().split(/\s+/)[0]);
  const runs = commands.map((command, index) => `$ ${command}\n${(outputs[index] ?? '').trim()}`);
  const found = crashing.length ? `\n\nPods in CrashLoopBackOff: ${[...new Set(crashing)].join(', ')}` : '';
  return `${runs.join('\n\n')}${found}`;
}

/** The turn the script plays after `messages`: throws when kubectl-ai's kubectl tool is not offered. */
export function nextTurn(request: Request): Turn {
  const messages = request.messages ?? [];
  if (!(request.tools ?? []).some((tool) => tool.function?.name === 'kubectl')) {
    throw new Error('the request offers no "kubectl" tool: not kubectl-ai\'s tool loop');
  }
  const question = textOf(messages.find((message) => message.role === 'user')?.content).trim();
  const row = translate(question);
  if (!row) return { question, text: `There is no scripted answer for "${question}": see docs/aiops.md.` };
  const outputs = messages.filter((message) => message.role === 'tool').map(toolOutput);
  const command = row.commands[outputs.length];
  if (command !== undefined) return { question, toolCall: { command, modifies: MODIFIES.test(command) } };
  return { question, text: summary(row.commands, outputs) };
}

function completion(turn: Turn, model: string, id: string, stream: boolean) {
  const toolCalls = turn.toolCall
    ? [
        {
          index: 0,
          id: `call_${id}`,
          type: 'function',
          function: {
            name: 'kubectl',
            arguments: JSON.stringify({
              command: turn.toolCall.command,
              modifies_resource: turn.toolCall.modifies ? 'yes' : 'no',
            }),
          },
        },
      ]
    : undefined;
  const finish = toolCalls ? 'tool_calls' : 'stop';
  const base = { id: `chatcmpl-${id}`, created: Math.floor(Date.now() / 1000), model };
  if (!stream) {
    const message = { role: 'assistant', content: turn.text ?? null, ...(toolCalls ? { tool_calls: toolCalls } : {}) };
    return JSON.stringify({
      ...base,
      object: 'chat.completion',
      choices: [{ index: 0, message, finish_reason: finish }],
    });
  }
  const chunk = (delta: object, finishReason: string | null) =>
    `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
  const delta = toolCalls ? { role: 'assistant', tool_calls: toolCalls } : { role: 'assistant', content: turn.text };
  return `${chunk(delta, null)}${chunk({}, finish)}data: [DONE]\n\n`;
}

export type ScriptedLlm = { url: string; turns: Turn[]; server: Server; close: () => Promise<void> };

/** Starts the server on 127.0.0.1 (port 0: any free one); `turns` records every answer it gave. */
export async function startScriptedLlm(port = 0): Promise<ScriptedLlm> {
  const turns: Turn[] = [];
  let served = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const reply = (status: number, body: object) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.method !== 'POST' || !/\/chat\/completions$/.test(req.url ?? '')) {
        return reply(404, {
          error: { message: `only POST …/chat/completions is served, not ${req.method} ${req.url}` },
        });
      }
      let request: Request;
      let turn: Turn;
      try {
        request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Request;
        turn = nextTurn(request);
      } catch (error) {
        return reply(400, { error: { message: (error as Error).message, type: 'invalid_request_error' } });
      }
      turns.push(turn);
      const stream = request.stream === true;
      res.writeHead(200, { 'content-type': stream ? 'text/event-stream' : 'application/json' });
      res.end(completion(turn, request.model ?? 'scripted', String(++served), stream));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/v1`,
    turns,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

if (isMain(import.meta.url)) {
  try {
    const o = parseCommandLine(process.argv.slice(2), {
      usage: 'npm run aiops:scripted-llm -- [options]',
      about:
        'Serves the chat-completions protocol on 127.0.0.1, answering the questions of docs/aiops.md with their kubectl commands.',
      options: { port: { default: '8089', description: 'the port to listen on (0: any free one)' } },
    });
    if (!/^\d+$/.test(o.port)) throw new Error(`--port ${o.port} is not a port number`);
    const llm = await startScriptedLlm(Number(o.port));
    console.log(`scripted chat completions at ${llm.url} (OPENAI_ENDPOINT); Ctrl-C stops it`);
    for (const turn of ['SIGINT', 'SIGTERM'] as const)
      process.on(turn, () => void llm.close().then(() => process.exit(0)));
  } catch (error) {
    console.error(`aiops:scripted-llm: ${(error as Error).message}`);
    process.exit(1);
  }
}
