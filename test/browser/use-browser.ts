import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launch } from '../../scripts/lib/browser.js';
import { onPage } from './pages.js';

/**
 * One browser for a test file, launched before its tests and closed after them; the function it
 * returns runs a test on a fresh page of `baseURL` (a screenshot under test-results/ on failure).
 */
export function useBrowser(baseURL: string) {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return (name: string, test: (page: Page, context: BrowserContext) => Promise<void>) =>
    onPage(browser!, baseURL, name, test);
}
