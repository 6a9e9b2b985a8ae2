import { expect } from 'vitest';
import type { Task, TaskPage } from '../../src/tasks/schemas.js';
import type { TestContext, TestUser } from './app.js';

/** The task routes as a user calls them, each asserting its success status. */
export function tasksApi(ctx: TestContext) {
  async function create(user: TestUser, payload: Record<string, unknown>): Promise<Task> {
    const response = await ctx.app.inject({ method: 'POST', url: '/api/tasks', headers: user.headers, payload });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }
  async function page(user: TestUser, query = ''): Promise<TaskPage> {
    const response = await ctx.app.inject({ method: 'GET', url: `/api/tasks${query}`, headers: user.headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }
  const list = async (user: TestUser, query = ''): Promise<Task[]> => (await page(user, query)).tasks;
  return { create, page, list };
}
