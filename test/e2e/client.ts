import { waitForStatus } from '../../scripts/lib/wait.js';

declare module 'vitest' {
  // Provided by test/browser/global-setup.ts: the stack under test.
  export interface ProvidedContext {
    baseURL: string;
  }
}

/** A client for a deployed stack's HTTP API, as an outside program uses it: bearer tokens, JSON. */
export type Reply = { status: number; body: unknown; headers: Headers };

export class StackClient {
  constructor(
    readonly baseURL: string,
    private token?: string,
  ) {}

  async request(method: string, path: string, body?: unknown): Promise<Reply> {
    try {
      return await this.requestOnce(method, path, body);
    } catch (error) {
      // A kept-alive socket to a container that has since been replaced: GETs may safely go again.
      if (method !== 'GET') throw error;
      return this.requestOnce(method, path, body);
    }
  }

  /** One attempt, never retried: for counting failures. */
  async requestOnce(method: string, path: string, body?: unknown): Promise<Reply> {
    const response = await fetch(`${this.baseURL}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    const json = response.headers.get('content-type')?.includes('json') && text ? (JSON.parse(text) as unknown) : text;
    return { status: response.status, body: json, headers: response.headers };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body: unknown) => this.request('POST', path, body);
  patch = (path: string, body: unknown) => this.request('PATCH', path, body);
  delete = (path: string) => this.request('DELETE', path);

  /** Signs up a new user (or signs in with the password) and keeps the bearer token. */
  async authenticate(kind: 'sign-up' | 'sign-in', email: string, password: string): Promise<Reply> {
    const name = kind === 'sign-up' ? { name: 'Stack User' } : {};
    const reply = await this.post(`/api/auth/${kind}/email`, { ...name, email, password });
    const token = reply.headers.get('set-auth-token');
    if (token) this.token = token;
    return reply;
  }

  /** Everything the user has, in a comparable form: tasks by title, and one conversation's messages. */
  async snapshot(conversationId: string) {
    const tasks = ((await this.get('/api/tasks?sort=title&limit=200')).body as TaskPage).tasks.map((t) => [
      t.id,
      t.title,
      t.completed,
    ]);
    const { messages } = (await this.get(`/api/conversations/${conversationId}/messages`)).body as {
      messages: Message[];
    };
    return { tasks, messages: messages.map((m) => [m.role, m.content]) };
  }
}

/** Polls <baseURL>/health until it answers the status; throws with the last answer at the timeout. */
export const healthIs = (baseURL: string, status: number, timeoutMs = 180_000): Promise<number> =>
  waitForStatus(`${baseURL}/health`, { status, timeoutMs, intervalMs: 500 });

let counter = 0;
export const uniqueEmail = (prefix: string) => `${prefix}-${Date.now()}-${++counter}@example.com`;

export type Task = { id: string; title: string; completed: boolean; priority: string; dueDate: string | null };
export type TaskPage = { tasks: Task[]; total: number; limit: number; offset: number };
export type Message = { role: string; content: string; actions: { tool: string; ok: boolean }[] };
