import { beforeAll, describe, expect, it } from 'vitest';
import type { Task, TaskPage } from '../../src/tasks/schemas.js';
import { signUp, useTestApp, type TestUser } from '../helpers/app.js';
import { connectMcp, textOf } from '../helpers/mcp-client.js';

const ctx = useTestApp();
let baseUrl: string;
let user: TestUser;

beforeAll(async () => {
  baseUrl = await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  user = await signUp(ctx.app);
});

describe('the MCP server at /mcp', () => {
  it('lists the five tools with their input schemas', async () => {
    const client = await connectMcp(baseUrl, user.token);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'add_task',
      'complete_task',
      'delete_task',
      'list_tasks',
      'update_task',
    ]);
    const add = tools.find((t) => t.name === 'add_task')!;
    expect(add.inputSchema.required).toEqual(['title']);
    await client.close();
  });

  it("manages the token owner's tasks through the same tools", async () => {
    const client = await connectMcp(baseUrl, user.token);
    const added = textOf(
      await client.callTool({ name: 'add_task', arguments: { title: 'From an agent', priority: 'high' } }),
    ) as Task;
    expect(added).toMatchObject({ title: 'From an agent', priority: 'high' });
    await client.callTool({ name: 'complete_task', arguments: { id: added.id } });

    const viaApi: Task[] = (await ctx.app.inject({ url: '/api/tasks', headers: user.headers })).json().tasks;
    expect(viaApi.find((t) => t.id === added.id)?.completed).toBe(true);

    const listed = textOf(
      await client.callTool({ name: 'list_tasks', arguments: { status: 'completed' } }),
    ) as TaskPage;
    expect(listed.tasks.map((t) => t.id)).toContain(added.id);
    expect(listed.total).toBe(listed.tasks.length);
    await client.close();
  });

  it('returns tool errors as isError results, not as server failures', async () => {
    const client = await connectMcp(baseUrl, user.token);
    const missing = await client.callTool({
      name: 'delete_task',
      arguments: { id: '00000000-0000-4000-8000-000000000000' },
    });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toEqual({ error: 'No task with that id' });
    await client.close();
  });

  it('refuses requests without a valid bearer token', async () => {
    const response = await fetch(`${baseUrl}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(response.status).toBe(401);
    await expect(connectMcp(baseUrl, 'forged-token')).rejects.toThrow();
  });

  it('answers GET with 405, since it keeps no sessions', async () => {
    const response = await fetch(`${baseUrl}/mcp`, { headers: { authorization: `Bearer ${user.token}` } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});
