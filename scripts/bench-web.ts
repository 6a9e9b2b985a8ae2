/**
 * npm run bench:web — the production bundle's gzipped JavaScript, and how long the tasks page of
 * the built app takes to show a signed-in user's tasks in Chromium (median of BENCH_LOADS cold loads).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { parseCommandLine } from './lib/cli.js';
import { launch } from './lib/browser.js';
import { startStack } from './lib/local-stack.js';
import { median } from './lib/median.js';

parseCommandLine(process.argv.slice(2), {
  usage: 'npm run bench:web [-- --help]',
  about:
    "Builds the app, then reports the production bundle's gzipped JavaScript and the median time the tasks\n" +
    "page takes to show a signed-in user's tasks in Chromium, over cold loads.",
  options: {},
  env: { BENCH_LOADS: 'cold loads (default 5)', CHROMIUM_PATH: 'the browser (default /usr/bin/chromium)' },
});
const loads = Number(process.env.BENCH_LOADS ?? 5);

const stack = await startStack();
const browser = await launch();
try {
  const assets = `${stack.dist}/assets`;
  const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const gzipped = js.reduce((sum, f) => sum + gzipSync(readFileSync(`${assets}/${f}`), { level: 9 }).length, 0);

  const setup = await browser.newContext({ baseURL: stack.baseURL });
  const page = await setup.newPage();
  await page.goto('/');
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  await page.evaluate(async (email) => {
    const headers = { 'content-type': 'application/json' };
    const password = 'correct-horse-battery';
    await fetch('/api/auth/sign-up/email', {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Bench', email, password }),
    });
    for (let i = 1; i <= 20; i += 1) {
      const body = JSON.stringify({ title: `Task ${i}`, priority: i % 3 ? 'medium' : 'high' });
      await fetch('/api/tasks', { method: 'POST', headers, body });
    }
  }, `bench-${Date.now()}@example.com`);
  const session = await setup.storageState();
  await setup.close();

  const interactive: number[] = [];
  const tasksShown: number[] = [];
  for (let i = 0; i < loads; i += 1) {
    const context = await browser.newContext({ baseURL: stack.baseURL, storageState: session });
    const tab = await context.newPage();
    await tab.goto('/');
    await tab.getByRole('checkbox', { name: 'Task 20', exact: true }).waitFor();
    // Runs in the page; this file is typed for Node, which lacks the navigation entry's type.
    const timing = await tab.evaluate(() => {
      const [navigation] = performance.getEntriesByType('navigation' as never) as unknown as {
        domInteractive: number;
      }[];
      return { shown: performance.now(), interactive: navigation!.domInteractive };
    });
    tasksShown.push(timing.shown);
    interactive.push(timing.interactive);
    await context.close();
  }
  console.log(
    `\nnpm run bench:web — built app on Vite preview, API on PGlite, Chromium headless, ${loads} cold loads\n`,
  );
  console.log(`| measure | value |\n| --- | ---: |`);
  console.log(
    `| JavaScript, gzipped (${js.length} file${js.length === 1 ? '' : 's'}) | ${(gzipped / 1024).toFixed(1)} kB |`,
  );
  console.log(`| DOM interactive, median | ${median(interactive).toFixed(0)} ms |`);
  console.log(`| signed-in tasks page showing 20 tasks, median | ${median(tasksShown).toFixed(0)} ms |`);
  console.log(`| all loads (tasks shown) | ${tasksShown.map((t) => t.toFixed(0)).join(', ')} ms |`);
} finally {
  await browser.close();
  await stack.stop();
}
