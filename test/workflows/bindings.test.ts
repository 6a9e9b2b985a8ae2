import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { BINDINGS_FILE } from '../../workflows-src/lib/bindings/generate.js';
import { formattedBindings } from '../../workflows-src/lib/bindings/format.js';
import { PINS } from '../../workflows-src/lib/pins.js';
import { generate } from '../../workflows-src/lib/render.js';

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );

describe('typed action bindings', () => {
  it('are current against every action.yml (npm run gen:bindings)', async () => {
    expect(readFileSync(BINDINGS_FILE, 'utf8')).toBe(await formattedBindings());
  });

  it('are the only way workflows-src names an action', () => {
    const raw = sources('workflows-src')
      .filter((file) => !file.includes('/bindings/'))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .filter((line) => /\buses:\s*['"`]|\buses\(/.test(line))
          .map((line) => `${file}: ${line.trim()}`),
      );
    expect(raw.filter((line) => !line.startsWith('workflows-src/lib/pins.ts'))).toEqual([]);
  });

  it('cover every action the generated workflows use', async () => {
    const bindings = readFileSync(BINDINGS_FILE, 'utf8');
    const used = new Set<string>();
    for (const [, text] of await generate()) {
      const workflow = load(text) as { jobs: Record<string, { steps?: { uses?: string }[] }> };
      for (const job of Object.values(workflow.jobs))
        for (const step of job.steps ?? []) if (step.uses) used.add(step.uses);
    }
    for (const ref of used) {
      const pinned = Object.entries(PINS).find(([, pin]) => ref === `${pin.repo}@${pin.sha}`);
      const name = pinned?.[0] ?? ref;
      expect(bindings, ref).toMatch(
        pinned ? new RegExp(`uses\\('${name}'\\)`) : new RegExp(`'${ref.replace(/[./]/g, '\\$&')}'`),
      );
    }
  });
});
