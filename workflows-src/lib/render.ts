import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Workflow } from '@github-actions-workflow-ts/lib';
import { dump } from 'js-yaml';
import { repoRoot } from '../../project/root.js';
import { PINS } from './pins.js';

const TAG_OF = new Map(Object.values(PINS).map((pin) => [`${pin.repo}@${pin.sha}`, pin.tag]));

/** The YAML of one workflow: a header naming its source, then the jobs, pins annotated with their tag. */
export function renderWorkflow(workflow: Workflow, source: string): string {
  const body = dump(workflow.workflow, { lineWidth: -1, noRefs: true });
  const annotated = body.replace(/^(\s*(?:- )?uses: )(\S+)$/gm, (line, prefix: string, ref: string) => {
    const tag = TAG_OF.get(ref);
    return tag ? `${prefix}${ref} # ${tag}` : line;
  });
  return `# Generated from ${source} by npm run gen:workflows. Do not edit: change the source and re-generate.\n${annotated}`;
}

export const SOURCE_DIR = 'workflows-src';
export const OUTPUT_DIR = '.github/workflows';

/** The YAML of every workflow of workflows-src/*.wac.ts, by file name (`ci.yml`). */
export async function generate(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const sources = readdirSync(join(repoRoot, SOURCE_DIR)).filter((f) => f.endsWith('.wac.ts'));
  for (const source of sources.sort()) {
    const url = pathToFileURL(join(repoRoot, SOURCE_DIR, source)).href;
    const module = (await import(url)) as Record<string, unknown>;
    for (const value of Object.values(module)) {
      if (value instanceof Workflow)
        files.set(`${value.filename}.yml`, renderWorkflow(value, `${SOURCE_DIR}/${source}`));
    }
  }
  return files;
}
