import { describe, expect, inject, it } from 'vitest';
import { addTask, signUpThroughUi } from './pages.js';
import { useBrowser } from './use-browser.js';

const baseURL = inject('baseURL');
const onFreshPage = useBrowser(baseURL);

describe(`the app's details in a browser (${baseURL})`, () => {
  it('asks for sign-in again when the session ends, and keeps the title being added', async () => {
    await onFreshPage('session-ended', async (page, context) => {
      const email = await signUpThroughUi(page, 'Grace');
      await context.clearCookies();
      await page.getByLabel('Task title').fill('Draft the newsletter');
      await page.getByRole('button', { name: 'Add task' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Your session has ended').waitFor();
      expect(await page.getByText('Sign in first').count()).toBe(0);
      await dialog.getByLabel('Email').fill(email);
      await dialog.getByLabel('Password').fill('correct-horse-battery');
      await dialog.getByRole('button', { name: 'Sign in', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await page.getByLabel('Task title').inputValue()).toBe('Draft the newsletter');
      await page.getByRole('button', { name: 'Add task' }).click();
      await page.getByRole('checkbox', { name: 'Draft the newsletter', exact: true }).waitFor();
    });
  });

  it('says what is wrong with the sign-in and sign-up forms next to each field', async () => {
    await onFreshPage('auth-form', async (page) => {
      await page.goto('/');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      const errorOf = async (label: string) => {
        const id = await page.getByLabel(label).getAttribute('aria-describedby');
        return id ? page.locator(`#${id}`).textContent() : null;
      };
      await expect.poll(() => errorOf('Email')).toBe('Enter your email address.');
      expect(await errorOf('Password')).toBe('Enter your password.');
      await page.getByRole('button', { name: 'Create an account' }).click();
      await page.getByLabel('Name').fill('Lin');
      await page.getByLabel('Email').fill('lin@example');
      await page.getByLabel('Password').fill('short');
      await page.getByRole('button', { name: 'Sign up', exact: true }).click();
      await expect.poll(() => errorOf('Email')).toBe('Enter an email address such as ada@example.com.');
      expect(await errorOf('Password')).toBe('Use at least 8 characters for the password.');
    });
  });

  it('drops "Give the task a title" once the assistant has added a task', async () => {
    await onFreshPage('title-error', async (page) => {
      await signUpThroughUi(page);
      await page.getByRole('button', { name: 'Add task' }).click();
      await page.getByText('Give the task a title.').waitFor();
      await page.getByLabel('Message', { exact: true }).fill('add water the ferns');
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByRole('checkbox', { name: 'Water the ferns', exact: true }).waitFor();
      await page.getByText('Give the task a title.').waitFor({ state: 'detached' });
      expect(await page.getByText('Give the task a title.').count()).toBe(0);
    });
  });

  it('serves a favicon, and gives the edited title the row’s width', async () => {
    await onFreshPage('favicon-edit', async (page) => {
      const missing: string[] = [];
      page.on('response', (response) => response.status() === 404 && missing.push(response.url()));
      await page.setViewportSize({ width: 1280, height: 800 });
      await signUpThroughUi(page);
      const icon = await page.request.get(
        (await page.locator('link[rel="icon"]').getAttribute('href')) ?? '/favicon.ico',
      );
      expect(icon.status()).toBe(200);
      expect(icon.headers()['content-type']).toContain('image/svg+xml');
      await addTask(page, 'Renew the passport');
      await page.getByRole('button', { name: 'Edit Renew the passport' }).click();
      const title = await page.getByLabel('Edit title').boundingBox();
      const row = await page.locator('li.task').first().boundingBox();
      expect(title!.width).toBeGreaterThan(row!.width * 0.6);
      expect(missing).toEqual([]);
    });
  });

  it('serves the licences of the packages bundled into its scripts', async () => {
    const response = await fetch(new URL('/licenses.md', baseURL));
    expect(response.status).toBe(200);
    const text = await response.text();
    for (const name of ['react', 'react-dom', '@tanstack/query-core'])
      expect(text).toMatch(new RegExp(`^## ${name} - \\S+ \\(MIT\\)$`, 'm'));
    expect(text).toContain('Permission is hereby granted');
  });

  it('undoes a delete', async () => {
    await onFreshPage('undo-delete', async (page) => {
      await signUpThroughUi(page);
      await addTask(page, 'Return the library books');
      await page.getByRole('checkbox', { name: 'Return the library books' }).check();
      await page.locator('li.task.done').first().waitFor();
      await page.getByRole('button', { name: 'Delete Return the library books' }).click();
      await page.getByRole('status').getByText('Deleted “Return the library books”.').waitFor();
      await page.getByRole('button', { name: 'Undo' }).click();
      const box = page.getByRole('checkbox', { name: 'Return the library books', exact: true });
      await page.locator('li.task.done', { has: box }).waitFor();
      await page.reload();
      await page.locator('li.task.done', { has: box }).waitFor();
      // Back once, still done: the undo restored the task itself, not a copy.
      expect(await box.count()).toBe(1);
      expect(await box.isChecked()).toBe(true);
    });
  });

  it('puts the assistant within the first screen on a phone', async () => {
    await onFreshPage('phone', async (page) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await signUpThroughUi(page);
      for (const title of ['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight']) await addTask(page, title);
      const composer = await page.getByLabel('Message', { exact: true }).boundingBox();
      expect(composer!.y + composer!.height).toBeLessThan(844);
      // And short however long the conversation grows: at most 60% of the screen, so the list starts on it.
      const maxHeight = await page
        .locator('.chat')
        .evaluate((chat) => chat.ownerDocument.defaultView!.getComputedStyle(chat).maxHeight);
      expect(Number.parseFloat(maxHeight)).toBeLessThanOrEqual(844 * 0.6 + 1);
    });
  });
});
