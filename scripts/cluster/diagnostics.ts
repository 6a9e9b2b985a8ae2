/**
 * npm run cluster:diagnostics [-- --namespace todo] — prints what the cluster-diagnostics action
 * collects on GitHub (nodes, events, pods, descriptions, logs, Helm history), for a failed local or
 * .ci/run cluster stage.
 */
import { spawnSync } from 'node:child_process';
import { commands, podStates } from '@todo/action-cluster-diagnostics/collect';
import { helmBinary, kubectlBinary } from '../lib/tools.js';
import { CLUSTER, INGRESS, NAMESPACE, RELEASE } from '../../project/names.js';
import { parseCommandLine } from '../lib/cli.js';

const { namespace } = parseCommandLine(process.argv.slice(2), {
  usage: 'npm run cluster:diagnostics -- [options]',
  about: 'Prints the nodes, events, pods, their descriptions and logs, and the Helm history of the release.',
  options: { namespace: { default: NAMESPACE, description: 'the namespace of the release' } },
});
const binaries: Record<string, string> = { kubectl: kubectlBinary(), helm: helmBinary() };
const output = ([tool, ...args]: string[]) => {
  const result = spawnSync(binaries[tool!] ?? tool!, args, { encoding: 'utf8' });
  return `${result.stdout}${result.stderr}${result.status === 0 ? '' : `(exit code ${result.status})\n`}`;
};

let pods: string[] = [];
try {
  pods = podStates(output(['kubectl', 'get', 'pods', '-n', namespace, '-o', 'json'])).map((pod) => pod.name);
} catch {
  console.log(`(no pods listed in ${namespace})`);
}
const extra = { ingressNamespace: INGRESS.kind.namespace, kindCluster: CLUSTER, output: 'test-results' };
for (const command of commands(namespace, RELEASE, pods, extra)) {
  console.log(`\n--- ${command.args.join(' ')}\n${output(command.args)}`);
}
