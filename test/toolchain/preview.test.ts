import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/ports.js';
import { killStarted, startScript, stopAsUser } from '../lib/npm-script.js';

afterEach(killStarted);

describe('npm run preview', () => {
  it('serves the built UI and API together, signs a browser in from its address, and stops cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'preview-'));
    const webPort = await freePort();
    const env = {
      API_PORT: String(await freePort()),
      WEB_PORT: String(webPort),
      PGLITE_DATA_DIR: join(dir, 'pglite'),
      DEV_SECRET_FILE: join(dir, 'secret'),
    };
    const preview = await startScript('preview', env, 'The built app');
    for (const page of [`http://localhost:${webPort}`, `http://127.0.0.1:${webPort}`]) {
      const html = await (await fetch(page)).text();
      // The production bundle, not the dev server's module graph.
      expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js">/);
      // What a browser sends: its Origin and a cookie, so Better Auth checks the origin.
      const signUp = await fetch(`${page}/api/auth/sign-up/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: page, cookie: 'seen=1' },
        body: JSON.stringify({
          name: 'Pre',
          email: `pre-${Date.now()}@example.com`,
          password: 'correct-horse-battery',
        }),
      });
      expect(signUp.status, await signUp.clone().text()).toBe(200);
    }
    await stopAsUser(preview, 'Ctrl-C');
  }, 300_000);
});
