import type { Workflow } from '@github-actions-workflow-ts/lib';
import { dump } from 'js-yaml';
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
