import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import { getExecOutput } from '@actions/exec';
import { commands, podStates, renderMarkdown } from './collect.js';

async function capture(args: [string, ...string[]]): Promise<string> {
  const [tool, ...rest] = args;
  const result = await getExecOutput(tool, rest, { ignoreReturnCode: true, silent: true });
  return result.exitCode === 0 ? result.stdout : `${result.stdout}${result.stderr}\n(exit code ${result.exitCode})`;
}

export async function run(): Promise<void> {
  try {
    const namespace = core.getInput('namespace') || 'default';
    const release = core.getInput('release') || 'todo';
    const output = core.getInput('output') || 'cluster-diagnostics';
    mkdirSync(output, { recursive: true });

    const podsJson = await capture(['kubectl', 'get', 'pods', '-n', namespace, '-o', 'json']);
    let pods: ReturnType<typeof podStates> = [];
    try {
      pods = podStates(podsJson);
    } catch {
      core.warning(`could not list pods in ${namespace}: ${podsJson.trim().split('\n')[0]}`);
    }
    const extra = {
      ingressNamespace: core.getInput('ingress-namespace') || undefined,
      kindCluster: core.getInput('kind-cluster') || undefined,
      output,
    };
    for (const command of commands(
      namespace,
      release,
      pods.map((p) => p.name),
      extra,
    )) {
      const text = await capture(command.args);
      writeFileSync(join(output, command.file), text);
      core.startGroup(command.args.join(' '));
      core.info(text);
      core.endGroup();
    }
    const warnings = (
      await capture([
        'kubectl',
        'get',
        'events',
        '-n',
        namespace,
        '--field-selector',
        'type=Warning',
        '--sort-by=.lastTimestamp',
      ])
    )
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('LAST SEEN'));
    await core.summary.addRaw(renderMarkdown(namespace, pods, warnings)).write();
    core.setOutput('path', output);
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
