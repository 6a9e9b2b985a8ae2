import { createConfig, lintFromString } from '@redocly/openapi-core';
import createClient, { type Middleware } from 'openapi-fetch';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { paths } from '../../frontend/src/shared/api-schema.js';
import { API_TYPES_FILE, apiTypes } from '../../scripts/lib/api-types.js';
import { uniqueEmail } from './client.js';

// The API as a client generated from its own document sees it, wherever it runs.
const baseURL = inject('baseURL');

/** Operations that can only answer 2xx (or 5xx): the linter's wish for a 4xx does not apply. */
const NO_4XX = ['/metrics', '/health', '/health/live', '/health/ready', '/api/docs'].map(
  (path) => `#/paths/${path.replaceAll('/', '~1')}/get/responses`,
);

describe(`the OpenAPI document of ${baseURL}`, () => {
  let document: string;
  beforeAll(async () => {
    document = await (await fetch(`${baseURL}/api/docs`)).text();
  });

  it("passes Redocly's recommended rules with no error", async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: document, absoluteRef: 'openapi.json', config });
    const shown = problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
    expect(
      problems.filter((p) => p.severity === 'error'),
      shown.join('\n'),
    ).toEqual([]);
    const unexpected = problems.filter(
      (p) => !(p.ruleId === 'operation-4xx-response' && NO_4XX.includes(p.location[0]!.pointer!)),
    );
    expect(unexpected.map((p) => `${p.ruleId} ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it(`generates the types in ${API_TYPES_FILE}: they are current`, async () => {
    expect(await apiTypes(JSON.parse(document) as object)).toBe(readFileSync(API_TYPES_FILE, 'utf8'));
  });

  it('drives sign-up, tasks, paging and chat through the generated client', async () => {
    let token = '';
    const bearer: Middleware = {
      onRequest: ({ request }) => {
        if (token) request.headers.set('authorization', `Bearer ${token}`);
        return request;
      },
    };
    const api = createClient<paths>({ baseUrl: baseURL });
    api.use(bearer);

    const signUp = await api.POST('/api/auth/sign-up/email', {
      body: { name: 'Client', email: uniqueEmail('openapi'), password: 'correct-horse-battery' },
    });
    expect(signUp.response.status).toBe(200);
    token = signUp.response.headers.get('set-auth-token')!;
    expect(signUp.data?.user.name).toBe('Client');

    const titles = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'];
    for (const title of titles) {
      const created = await api.POST('/api/tasks', { body: { title, priority: 'low' } });
      expect(created.response.status).toBe(201);
    }
    const first = await api.GET('/api/tasks', { params: { query: { sort: 'title', limit: 2 } } });
    const second = await api.GET('/api/tasks', { params: { query: { sort: 'title', limit: 2, offset: 2 } } });
    expect(first.data?.total).toBe(5);
    expect([...first.data!.tasks, ...second.data!.tasks].map((t) => t.title)).toEqual(titles.slice(0, 4));

    const alpha = first.data!.tasks[0]!;
    const patched = await api.PATCH('/api/tasks/{id}', {
      params: { path: { id: alpha.id } },
      body: { completed: true, tags: ['done'] },
    });
    expect(patched.data).toMatchObject({ completed: true, tags: ['done'] });
    const refused = await api.PATCH('/api/tasks/{id}', { params: { path: { id: alpha.id } }, body: { title: '  ' } });
    expect(refused.response.status).toBe(400);
    expect(refused.error).toMatchObject({ error: { code: 'VALIDATION_ERROR', field: 'title' } });
    const deleted = await api.DELETE('/api/tasks/{id}', { params: { path: { id: alpha.id } } });
    expect(deleted.response.status).toBe(204);
    const gone = await api.GET('/api/tasks/{id}', { params: { path: { id: alpha.id } } });
    expect(gone.error).toMatchObject({ error: { code: 'NOT_FOUND' } });

    const chat = await api.POST('/api/chat', { body: { message: 'add buy milk tomorrow' } });
    expect(chat.data?.actions.map((a) => a.tool)).toEqual(['add_task']);
    const conversations = await api.GET('/api/conversations', { params: { query: { limit: 1 } } });
    expect(conversations.data?.conversations.map((c) => c.id)).toEqual([chat.data!.conversationId]);
    const messages = await api.GET('/api/conversations/{id}/messages', {
      params: { path: { id: chat.data!.conversationId }, query: { limit: 1 } },
    });
    expect(messages.data).toMatchObject({ hasOlder: true, messages: [{ role: 'assistant' }] });

    const signOut = await api.POST('/api/auth/sign-out');
    expect(signOut.response.status).toBe(200);
    // Better Auth's answer: at once on every replica (another replica's session cache may still
    // accept the token for SESSION_CACHE_MS, as README says).
    expect((await api.GET('/api/auth/get-session')).data).toBeNull();
  });
});
