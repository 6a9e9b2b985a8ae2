import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { BINDINGS_FILE } from '../../workflows-src/lib/bindings/generate.js';
import { factsOfActionYml, tagOfCall } from '../../workflows-src/lib/bindings/facts.js';
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

describe("an action.yml reduced to the lock's facts (what gen:bindings keeps from GitHub)", () => {
  it('keeps inputs with required and default, output names and calls with their tags, and no prose', () => {
    const text = readFileSync('scripts/act/stand-ins/aquasecurity/trivy-action/action.yml', 'utf8');
    const at = { repo: 'aquasecurity/trivy-action', sha: 'f'.repeat(40), tag: 'v0.0.0', why: 'pinned' };
    const facts = factsOfActionYml(text, at);
    expect(facts.using).toBe('composite');
    expect(facts.inputs['scan-type']).toEqual({ required: false, default: 'image' });
    expect(facts.inputs['image-ref']).toEqual({ required: false });
    expect(facts.calls).toEqual([
      'aquasecurity/setup-trivy@3fb12ec12f41e471780db15c232d5dd185dcb514',
      'actions/cache@27d5ce7f107fe9357f9df03efb73ab90386fccae',
    ]);
    expect(facts.calls.map((call) => tagOfCall(text, call))).toEqual(['v0.2.6', 'v5.0.5']);
    expect(JSON.stringify(facts)).not.toContain('description');
    const required = factsOfActionYml(
      'inputs:\n  key: {required: true, description: x}\n  old: {deprecationMessage: gone}\noutputs: {hit: {description: y}}\nruns: {using: node24, main: a.js}\n',
      at,
    );
    expect(required).toMatchObject({
      inputs: { key: { required: true }, old: { required: false, deprecated: true } },
      outputs: ['hit'],
      calls: [],
    });
  });
});
