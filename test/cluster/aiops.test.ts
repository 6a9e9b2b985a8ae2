import OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedLlm, type ScriptedLlm } from '../../scripts/aiops/scripted-llm.js';
import { parseTranslations, translate, TRANSLATIONS } from '../../scripts/aiops/translations.js';

// The scripted chat-completions server, driven through OpenAI's own client as kubectl-ai drives it
// (its Go client speaks the same protocol): the tool kubectl-ai offers, streamed answers, and its
// tool results sent back as JSON.
const KUBECTL_TOOL: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'kubectl',
    description: "Executes a kubectl command against the user's Kubernetes cluster.",
    parameters: {
      type: 'object',
      properties: { command: { type: 'string' }, modifies_resource: { type: 'string' } },
    },
  },
};
const POD = 'aiops-crashloop-7d9f';
const question = (ask: string) => ask.replace('{pod}', POD);

let llm: ScriptedLlm;
let client: OpenAI;

beforeAll(async () => {
  llm = await startScriptedLlm();
  client = new OpenAI({ baseURL: llm.url, apiKey: 'scripted', maxRetries: 0 });
});
afterAll(() => llm.close());

/** Runs kubectl-ai's loop against the server, with `run` standing in for the tool; returns the calls and the answer. */
async function loop(ask: string, run: (command: string) => string, stream: boolean) {
  const messages: ChatCompletionMessageParam[] = [
    { role: 'system', content: 'You are kubectl-ai.' },
    { role: 'user', content: ask },
  ];
  const calls: { command: string; modifies: string }[] = [];
  for (let round = 0; round < 10; round++) {
    const message = stream
      ? (
          await client.chat.completions
            .stream({ model: 'scripted', messages, tools: [KUBECTL_TOOL] })
            .finalChatCompletion()
        ).choices[0]!.message
      : (await client.chat.completions.create({ model: 'scripted', messages, tools: [KUBECTL_TOOL] })).choices[0]!
          .message;
    const toolCalls = (message.tool_calls ?? []).filter((call) => call.type === 'function');
    if (toolCalls.length === 0) return { calls, answer: message.content ?? '' };
    messages.push({ role: 'assistant', content: message.content, tool_calls: message.tool_calls });
    for (const call of toolCalls) {
      const { command, modifies_resource } = JSON.parse(call.function.arguments) as Record<string, string>;
      calls.push({ command: command!, modifies: modifies_resource! });
      messages.push({
        role: 'tool',
        tool_call_id: call.id,
        content: JSON.stringify({ command, stdout: run(command!) }),
      });
    }
  }
  throw new Error('the script never gave a final answer');
}

describe('the scripted chat-completions server', () => {
  it('reads the table of docs/aiops.md: the seeds’ five commands and the refusals, each with its profile', () => {
    const asks = TRANSLATIONS.map((row) => row.ask);
    expect(asks).toEqual(
      expect.arrayContaining([
        'show all pods in the todo namespace',
        'get the backend logs',
        'scale the backend to 3 replicas',
        'why is pod {pod} failing',
        'find pods in CrashLoopBackOff',
      ]),
    );
    expect(translate('scale the backend to 3 replicas')?.profile).toBe('operator');
    for (const row of TRANSLATIONS) for (const command of row.commands) expect(command).toMatch(/^kubectl /);
  });

  for (const stream of [true, false]) {
    it(`answers every row with its commands in order, then what they printed (${stream ? 'streamed' : 'whole'})`, async () => {
      for (const row of TRANSLATIONS) {
        const ask = question(row.ask);
        const printed = (command: string) => `output of ${command}`;
        const { calls, answer } = await loop(ask, printed, stream);
        const expected = translate(ask)!.commands;
        expect(
          calls.map((call) => call.command),
          ask,
        ).toEqual(expected);
        expect(calls.map((call) => call.modifies)).toEqual(
          expected.map((command) => (/^kubectl (scale|delete) /.test(command) ? 'yes' : 'no')),
        );
        for (const command of expected) expect(answer).toContain(printed(command));
      }
    });
  }

  it('names the crash-looping pods in its answer, from what kubectl printed', async () => {
    const table = [
      'todo-chatbot-backend-5c9d-x2x   1/1   Running            0    3m',
      `${POD}                          0/1   CrashLoopBackOff   4    2m`,
    ].join('\n');
    const { answer } = await loop('find pods in CrashLoopBackOff', () => table, true);
    expect(answer).toContain(`Pods in CrashLoopBackOff: ${POD}`);
    expect(answer).not.toMatch(/CrashLoopBackOff: .*todo-chatbot-backend/);
  });

  it('fills {pod} from the question, and says so when a question has no script', async () => {
    expect(translate(`why is pod ${POD} failing`)?.commands[0]).toBe(`kubectl describe pod -n todo ${POD}`);
    const { calls, answer } = await loop('delete the whole cluster', () => '', true);
    expect(calls).toEqual([]);
    expect(answer).toContain('no scripted answer for "delete the whole cluster"');
  });

  it('refuses a request that does not offer kubectl-ai’s kubectl tool, with a 400 that says so', async () => {
    const refused = client.chat.completions.create({
      model: 'scripted',
      messages: [{ role: 'user', content: 'get the backend logs' }],
    });
    await expect(refused).rejects.toMatchObject({ status: 400, message: expect.stringContaining('"kubectl" tool') });
  });

  it('rejects a table row it cannot read, naming the row', () => {
    const table = (row: string) =>
      `## Commands and their kubectl translations\n\n| Ask | Profile | kubectl |\n| - | - | - |\n${row}\n`;
    expect(() => parseTranslations(table('| show pods | admin | `kubectl get pods` |'))).toThrow(
      '| show pods | admin | `kubectl get pods` |: the profile is reader or operator',
    );
    expect(() => parseTranslations(table('| show pods | reader | kubectl get pods |'))).toThrow(/write \| ask/);
    expect(() => parseTranslations('# nothing here')).toThrow('has no section');
  });
});
