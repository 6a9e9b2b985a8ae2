import { describe, expect, inject, it } from 'vitest';
import { addTask, signUpThroughUi } from './pages.js';
import { useBrowser } from './use-browser.js';

const baseURL = inject('baseURL');
const onFreshPage = useBrowser(baseURL);

describe(`the app in a browser (${baseURL})`, () => {
  it('signs up, and refuses a wrong password next to the form', async () => {
    await onFreshPage('sign-up', async (page) => {
      const email = await signUpThroughUi(page, 'Ada');
      await expect.poll(() => page.getByText('Ada').count()).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      const error = page.getByRole('alert');
      await error.waitFor();
      expect(await error.textContent()).toMatch(/invalid email or password/i);
      await page.getByLabel('Password').fill('correct-horse-battery');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
    });
  });

  it('adds, edits, completes and deletes a task', async () => {
    await onFreshPage('task-crud', async (page) => {
      await signUpThroughUi(page);
      await addTask(page, 'Water the plants');
      await page.getByRole('button', { name: 'Edit Water the plants' }).click();
      await page.getByLabel('Edit title').fill('Water the garden');
      await page.getByRole('button', { name: 'Save' }).click();
      const box = page.getByRole('checkbox', { name: 'Water the garden', exact: true });
      await box.waitFor();
      await box.check();
      await page.locator('li.task.done').first().waitFor();
      expect(await box.isChecked()).toBe(true);
      await page.getByRole('button', { name: 'Delete Water the garden' }).click();
      await page.getByText('No tasks yet').waitFor();
    });
  });

  it('filters by status and searches', async () => {
    await onFreshPage('filters', async (page) => {
      await signUpThroughUi(page);
      await addTask(page, 'Pay rent');
      await addTask(page, 'Call mom');
      await page.getByRole('checkbox', { name: 'Pay rent' }).check();
      const visible = async () =>
        page
          .getByRole('list', { name: 'Tasks' })
          .getByRole('checkbox')
          .evaluateAll((boxes) => boxes.map((b) => b.getAttribute('aria-label')));
      await page.getByRole('radiogroup', { name: 'Show' }).getByText('Completed', { exact: true }).click();
      await expect.poll(visible).toEqual(['Pay rent']);
      await page.getByRole('radiogroup', { name: 'Show' }).getByText('Pending', { exact: true }).click();
      await expect.poll(visible).toEqual(['Call mom']);
      await page.getByRole('radiogroup', { name: 'Show' }).getByText('All', { exact: true }).click();
      await page.getByLabel('Search tasks').fill('rent');
      await expect.poll(visible).toEqual(['Pay rent']);
    });
  });

  it('lets the assistant add a task that appears in the list, and keeps everything across a reload', async () => {
    await onFreshPage('chat', async (page) => {
      await signUpThroughUi(page);
      await page.getByLabel('Message', { exact: true }).fill('add a task to buy oat milk tomorrow');
      await page.getByRole('button', { name: 'Send' }).click();
      const log = page.getByRole('log', { name: 'Messages' });
      await log.getByText('Added "Buy oat milk" (due tomorrow).', { exact: true }).waitFor();
      await log.getByRole('list', { name: 'Actions taken' }).getByText('Added "Buy oat milk"').waitFor();
      await page.getByRole('checkbox', { name: 'Buy oat milk', exact: true }).waitFor();

      await page.reload();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      await page.getByRole('checkbox', { name: 'Buy oat milk', exact: true }).waitFor();
      await page.getByRole('navigation', { name: 'Past conversations' }).getByRole('button').first().click();
      await log.getByText('add a task to buy oat milk tomorrow').waitFor();
      expect(await page.getByRole('checkbox', { name: 'Buy oat milk', exact: true }).count()).toBe(1);
      expect(await log.getByText('Added "Buy oat milk" (due tomorrow).', { exact: true }).count()).toBe(1);
    });
  });

  it('never shows one user the tasks of another', async () => {
    await onFreshPage('isolation-a', async (first) => {
      await signUpThroughUi(first, 'First');
      await addTask(first, 'First user secret');
      await onFreshPage('isolation-b', async (second) => {
        await signUpThroughUi(second, 'Second');
        await addTask(second, 'Second user secret');
        expect(await second.getByText('First user secret').count()).toBe(0);
        await first.reload();
        await first.getByRole('checkbox', { name: 'First user secret' }).waitFor();
        expect(await first.getByText('Second user secret').count()).toBe(0);
      });
    });
  });
});
