import OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { z } from 'zod';
import type { ChatAction } from '../domain/chat.js';
import type { AssistantTurn } from './assistant.js';
import { runTool, TOOLS, type ToolContext } from './tools.js';

export type LlmSettings = { apiKey: string; baseURL?: string | undefined; model: string };
export type HistoryMessage = { role: 'user' | 'assistant'; content: string; actions: ChatAction[] };

const MAX_TOOL_ROUNDS = 6;
const HISTORY_LIMIT = 40;

const toolSpecs: ChatCompletionTool[] = TOOLS.map((tool) => ({
  type: 'function',
  function: {
    name: tool.name,
    description: tool.description,
    parameters: z.toJSONSchema(tool.input, { io: 'input' }) as Record<string, unknown>,
  },
}));

function systemPrompt(now: Date): string {
  return (
    `You are the assistant of a todo app. Today is ${now.toISOString().slice(0, 10)}. ` +
    "Manage the user's tasks only through the tools. To act on a task, find its id with list_tasks first. " +
    'Before deleting more than one task, name them and ask the user to confirm; delete only after a yes. ' +
    'Dates are YYYY-MM-DD. Answer in one or two short sentences.'
  );
}

/** Replays stored turns, tool calls included, so the model sees the conversation as it happened. */
function replay(history: HistoryMessage[]): ChatCompletionMessageParam[] {
  return history.slice(-HISTORY_LIMIT).flatMap((message, turn): ChatCompletionMessageParam[] => {
    if (message.role === 'user' || message.actions.length === 0)
      return [{ role: message.role, content: message.content }];
    const ids = message.actions.map((_, i) => `call_${turn}_${i}`);
    return [
      {
        role: 'assistant',
        content: null,
        tool_calls: message.actions.map((action, i) => ({
          id: ids[i]!,
          type: 'function' as const,
          function: { name: action.tool, arguments: JSON.stringify(action.args) },
        })),
      },
      ...message.actions.map((action, i) => ({
        role: 'tool' as const,
        tool_call_id: ids[i]!,
        content: JSON.stringify(action.result),
      })),
      { role: 'assistant', content: message.content },
    ];
  });
}

export class LlmUnavailableError extends Error {}

/** An agent on the OpenAI chat-completions protocol that calls the same tools as the built-in assistant. */
export class LlmAgent {
  private readonly client: OpenAI;

  constructor(private readonly settings: LlmSettings) {
    this.client = new OpenAI({ apiKey: settings.apiKey, baseURL: settings.baseURL, maxRetries: 1, timeout: 30_000 });
  }

  async respond(ctx: ToolContext, history: HistoryMessage[], message: string, now: Date): Promise<AssistantTurn> {
    const conversation: ChatCompletionMessageParam[] = [
      { role: 'system', content: systemPrompt(now) },
      ...replay(history),
      { role: 'user', content: message },
    ];
    const actions: ChatAction[] = [];
    for (let round = 0; round < MAX_TOOL_ROUNDS; round += 1) {
      const completion = await this.complete(conversation, actions);
      if (!completion)
        return { reply: 'Sorry, I lost my connection while working on that. Please check your tasks.', actions };
      const choice = completion.choices[0]?.message;
      const calls = (choice?.tool_calls ?? []).filter((call) => call.type === 'function');
      if (calls.length === 0) return { reply: choice?.content?.trim() || 'Done.', actions };
      conversation.push({ role: 'assistant', content: choice?.content ?? null, tool_calls: calls });
      for (const call of calls) {
        let args: unknown;
        try {
          args = JSON.parse(call.function.arguments || '{}');
        } catch {
          args = undefined;
        }
        const action = await runTool(ctx, call.function.name, args);
        actions.push(action);
        conversation.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(action.result) });
      }
    }
    return { reply: 'That took more steps than I can take at once. Here is what I did so far.', actions };
  }

  /** One model call. Fails the whole turn when nothing was done yet; else ends it gracefully. */
  private async complete(conversation: ChatCompletionMessageParam[], actionsSoFar: ChatAction[]) {
    try {
      return await this.client.chat.completions.create({
        model: this.settings.model,
        messages: conversation,
        tools: toolSpecs,
      });
    } catch (error) {
      if (actionsSoFar.length === 0) throw new LlmUnavailableError(String(error));
      return undefined;
    }
  }
}
