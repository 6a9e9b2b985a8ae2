import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { addTask, signUpThroughUi } from './pages.js';
import { useBrowser } from './use-browser.js';

const baseURL = inject('baseURL');
const onFreshPage = useBrowser(baseURL);

/**
 * axe-core's serious and critical findings on the page as it is. Evaluated through the browser's
 * debugging protocol, which a Content-Security-Policy does not stop (nginx's would stop a script tag).
 */
async function seriousProblems(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    // The page's globals: this runs in the browser, which the project's Node types do not describe.
    const { axe: checker, document: page } = globalThis as unknown as { axe: typeof axe; document: axe.ElementContext };
    return (await checker.run(page, { resultTypes: ['violations'] })).violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.join(', ')}`);
}

async function chat(page: Page, message: string) {
  const replies = page.locator('li.message.assistant');
  const before = await replies.count();
  await page.getByLabel('Message', { exact: true }).fill(message);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect.poll(() => replies.count(), { timeout: 15_000 }).toBe(before + 1);
}

describe(`accessibility and layout in a browser (${baseURL})`, () => {
  it('has no serious or critical accessibility problem on the sign-in screen', async () => {
    await onFreshPage('a11y-sign-in', async (page) => {
      await page.goto('/');
      await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
      expect(await seriousProblems(page)).toEqual([]);
      await page.getByRole('button', { name: 'Create an account' }).click();
      expect(await seriousProblems(page)).toEqual([]);
    });
  });

  it('has none on the signed-in screen with tasks and a conversation, and reopens it after a reload', async () => {
    await onFreshPage('a11y-signed-in', async (page) => {
      await signUpThroughUi(page, 'Axe');
      // Earlier conversations, enough tabs to fill the row.
      await page.evaluate(async () => {
        for (const message of ['hello', 'help', 'thanks', 'hi', 'what can you do', 'show my tasks']) {
          await fetch('/api/chat', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ message }),
          });
        }
      });
      await page.reload();
      await page.getByRole('button', { name: 'New conversation' }).click();
      await addTask(page, 'Water the plants');
      await chat(page, 'add buy milk tomorrow with high priority');
      for (const message of ['help', 'what can you do', 'help']) await chat(page, message);
      await chat(page, 'show my tasks');
      // Long enough to scroll: the log must then be reachable by keyboard.
      const log = page.getByRole('log', { name: 'Messages' });
      expect(await log.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
      expect(await seriousProblems(page)).toEqual([]);

      await page.reload();
      await page.getByText('You have 2 tasks', { exact: false }).waitFor();
      const tab = page.getByRole('navigation', { name: 'Past conversations' }).getByRole('button').first();
      expect(await tab.getAttribute('aria-current')).toBe('true');
      // Each tab is as wide as its title or its largest width, never squeezed to "a…" by the others.
      const tabs = page.getByRole('navigation', { name: 'Past conversations' }).getByRole('button');
      expect(await tabs.count()).toBe(7);
      const squeezed = await tabs.evaluateAll(
        (buttons) =>
          buttons.filter((b) => {
            const largest = parseFloat(b.ownerDocument.defaultView!.getComputedStyle(b).maxWidth);
            return b.getBoundingClientRect().width < Math.min(b.scrollWidth, largest) - 1;
          }).length,
      );
      expect(squeezed).toBe(0);
      expect(await seriousProblems(page)).toEqual([]);
    });
  });

  it('keeps Undo on screen after deleting a task with a long title', async () => {
    await onFreshPage('undo-long-title', async (page) => {
      await page.setViewportSize({ width: 390, height: 800 });
      await signUpThroughUi(page);
      // Words and one that cannot break, as a pasted address is.
      const title = `Renew the home insurance at https://insurance.example.com/${'policy_'.repeat(14)}renewal`;
      await addTask(page, title);
      await page.getByRole('button', { name: `Delete ${title}` }).click();
      const undo = page.getByRole('button', { name: 'Undo' });
      await undo.waitFor();
      const box = (await undo.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      expect(await page.locator('html').evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(390);
      await undo.click();
      await page.getByRole('checkbox', { name: title, exact: true }).waitFor();
    });
  });
});
