/**
 * The cluster scripts as plans: a list of commands, checked for prerequisites first, then run one
 * by one with each command shown, or only shown with --dry-run.
 */
import { spawnSync } from 'node:child_process';
import { repoRoot } from '../../project/root.js';

export type Step = { title: string; command: string[]; env?: Record<string, string> };

export type Tool = { name: string; binary: string; install: string };

function found(binary: string): boolean {
  return spawnSync('sh', ['-c', `command -v "${binary}"`], { stdio: 'ignore' }).status === 0;
}

/** The tools that are not installed, each with how to install it. */
export function missingTools(tools: Tool[]): string[] {
  return tools.filter((tool) => !found(tool.binary)).map((tool) => `${tool.name} is missing: ${tool.install}`);
}

const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`);
const shellLine = (step: Step) =>
  [...Object.entries(step.env ?? {}).map(([k, v]) => `${k}=${quote(v)}`), ...step.command.map(quote)].join(' ');

/** Runs the plan; with dryRun only prints it. Stops at the first failing command. */
export function execute(steps: Step[], dryRun: boolean): void {
  for (const [index, step] of steps.entries()) {
    console.log(`[${index + 1}/${steps.length}] ${step.title}\n  $ ${shellLine(step)}`);
    if (dryRun) continue;
    const result = spawnSync(step.command[0]!, step.command.slice(1), {
      cwd: repoRoot,
      stdio: 'inherit',
      env: { ...process.env, ...step.env },
    });
    if (result.status !== 0) {
      throw new Error(
        `step ${index + 1} (${step.title}) failed with exit code ${result.status ?? result.error?.message}`,
      );
    }
  }
}
