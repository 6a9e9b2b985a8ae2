import { execFileSync } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from '../../scripts/lib/browser.js';
import { addTask, signUpThroughUi } from '../browser/pages.js';
import { repoRoot } from '../../project/root.js';
import { composeCommand, docker } from '../../scripts/lib/docker.js';
import { healthIs as waitForStatus, StackClient, uniqueEmail } from './client.js';

// Faults against the compose stack (npm run stack:up first): restarts, a full down/up keeping the
// volume, and a database outage. Run with npm run test:stack.
const baseURL = (process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const [composeBin, ...composeArgs] = composeCommand();
const compose = (...args: string[]) =>
  execFileSync(composeBin, [...composeArgs, ...args], { cwd: repoRoot, stdio: 'pipe', encoding: 'utf8' });
const stackScript = (...args: string[]) =>
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/stack.ts', ...args], { cwd: repoRoot, stdio: 'pipe' });
const startedAt = (service: string) =>
  execFileSync(docker, ['inspect', '--format', '{{.State.StartedAt}}', compose('ps', '-q', service).trim()], {
    encoding: 'utf8',
  }).trim();

const user = new StackClient(baseURL);
let conversationId: string;

const snapshot = () => user.snapshot(conversationId);
const healthIs = (status: number) => waitForStatus(baseURL, status);

describe(`the compose stack at ${baseURL} under faults`, { timeout: 240_000 }, () => {
  let before: Awaited<ReturnType<typeof snapshot>>;

  beforeAll(async () => {
    await healthIs(200);
    expect((await user.authenticate('sign-up', uniqueEmail('stack'), 'correct-horse-battery')).status).toBe(200);
    for (const title of ['Renew passport', 'Book dentist']) await user.post('/api/tasks', { title });
    const reply = await user.post('/api/chat', { message: 'add call the plumber tomorrow' });
    conversationId = (reply.body as { conversationId: string }).conversationId;
    before = await snapshot();
    expect(before.tasks).toHaveLength(3);
    expect(before.messages).toHaveLength(2);
  });

  it('keeps every task and message, and the session, across a backend restart', async () => {
    compose('restart', 'backend');
    await healthIs(200);
    expect(await snapshot()).toEqual(before);
  });

  it('keeps everything across a database restart, without restarting the backend', async () => {
    const backendStarted = startedAt('backend');
    compose('restart', 'postgres');
    await healthIs(200);
    expect(await snapshot()).toEqual(before);
    expect(startedAt('backend')).toBe(backendStarted);
  });

  it('keeps everything across stack:down and stack:up (the volume stays)', async () => {
    stackScript('down');
    stackScript('up');
    expect(await snapshot()).toEqual(before);
  });

  describe('with the database stopped', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launch();
    });
    afterAll(async () => {
      compose('start', 'postgres');
      await browser?.close();
    });

    it('answers 503, shows the banner in the UI, and recovers when the database is back', async () => {
      const backendStarted = startedAt('backend');
      const context = await browser.newContext({ baseURL });
      const page = await context.newPage();
      await signUpThroughUi(page, 'Outage');
      await addTask(page, 'Before the outage');

      compose('stop', 'postgres');
      await healthIs(503);
      expect((await user.get('/health')).body).toEqual({ status: 'unhealthy', database: 'disconnected' });
      expect(await user.get('/api/tasks')).toMatchObject({
        status: 503,
        body: { error: { code: 'DATABASE_UNAVAILABLE' } },
      });

      await page.getByLabel('Task title').fill('During the outage');
      await page.getByRole('button', { name: 'Add task' }).click();
      await page.getByText('Can’t reach the server').waitFor();

      compose('start', 'postgres');
      await healthIs(200);
      await page.getByText('Can’t reach the server').waitFor({ state: 'detached', timeout: 30_000 });
      await addTask(page, 'After the outage');
      expect(await snapshot()).toEqual(before);
      expect(startedAt('backend')).toBe(backendStarted);
      await context.close();
    });
  });
});
