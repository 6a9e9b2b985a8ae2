/**
 * npm run chart:kubeconform — every scenario's rendered chart through `kubeconform -strict`
 * against the schemas of the Kubernetes version kind-config.yaml pins. Needs kubeconform
 * (KUBECONFORM, or on PATH) and the network to fetch its schemas: it runs in the chart job on GitHub.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseCommandLine } from '../lib/cli.js';
import { repoRoot } from '../../project/root.js';
import { TOOLCHAIN } from '../../project/toolchain.js';
import { renderYaml, scenarios } from './render.js';

parseCommandLine(process.argv.slice(2), {
  usage: 'npm run chart:kubeconform [-- --help]',
  about:
    "Every scenario's rendered chart through kubeconform -strict, against the schemas of the Kubernetes\n" +
    'version kind-config.yaml pins (fetched from the network).',
  options: {},
  env: { KUBECONFORM: 'the kubeconform binary (default: on PATH)' },
});
const binary = process.env.KUBECONFORM ?? 'kubeconform';
const kindConfig = readFileSync(`${repoRoot}/kind-config.yaml`, 'utf8');
const kubernetesVersion = /kindest\/node:v([\d.]+)@/.exec(kindConfig)?.[1];

let failed = 0;
for (const scenario of scenarios()) {
  const rendered = renderYaml({ values: scenario.values });
  const result = spawnSync(binary, ['-strict', '-summary', '-kubernetes-version', kubernetesVersion ?? 'master', '-'], {
    input: rendered,
    encoding: 'utf8',
  });
  if (result.error) {
    console.error(
      `chart:kubeconform: ${binary} not found: go install github.com/yannh/kubeconform/cmd/kubeconform@${TOOLCHAIN.KUBECONFORM_VERSION}`,
    );
    process.exit(1);
  }
  console.log(`${scenario.name}: ${result.stdout.trim()}${result.stderr ? `\n${result.stderr.trim()}` : ''}`);
  if (result.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
