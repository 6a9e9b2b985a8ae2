import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** Runs a test on a fresh page; on failure saves a screenshot under test-results/ and rethrows. */
export async function onPage(
  browser: Browser,
  baseURL: string,
  name: string,
  test: (page: Page, context: BrowserContext) => Promise<void>,
) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  try {
    await test(page, context);
  } catch (error) {
    mkdirSync('test-results', { recursive: true });
    await page
      .screenshot({ path: `test-results/e2e-${name.replace(/\W+/g, '-')}.png`, fullPage: true })
      .catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
}

let counter = 0;
/** Signs up a new user through the UI and waits for the tasks page. */
export async function signUpThroughUi(page: Page, name = 'E2E User'): Promise<string> {
  counter += 1;
  const email = `e2e-${Date.now()}-${counter}@example.com`;
  await page.goto('/');
  await page.getByRole('button', { name: 'Create an account' }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct-horse-battery');
  await page.getByRole('button', { name: 'Sign up', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return email;
}

/** Adds a task through the form and waits until the server has saved it (the row is no longer busy). */
export async function addTask(page: Page, title: string) {
  await page.getByLabel('Task title').fill(title);
  await page.getByRole('button', { name: 'Add task' }).click();
  await page
    .locator('li.task[aria-busy="false"]', { has: page.getByRole('checkbox', { name: title, exact: true }) })
    .waitFor();
}
