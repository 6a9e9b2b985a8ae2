/**
 * Where toolchain.env's values, names.ts's names and the API's Node flags are copied into files
 * that other tools read on their own: nvm and setup-node, Docker, Compose, Helm, kind, npm, the
 * shell scripts. `npm run gen:stamps` writes them and its --check fails on a stale copy; the
 * version and names tests accept a value only on these lines.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_NODE_FLAGS } from './api-runtime.js';
import {
  CHART_DIR,
  CHART_NAME,
  CLUSTER,
  HOST,
  IMAGE_NAMES,
  NAMESPACE,
  OFFLINE_NODE_IMAGE_NAME,
  RELEASE,
} from './names.js';
import { repoRoot } from './root.js';
import { TOOLCHAIN } from './toolchain.js';

/** One copy: in `file`, each match of `line` (its first group kept) ends with `value`. */
export type Stamp = { file: string; line: RegExp; value: string };

const {
  NODE_VERSION,
  NODE_IMAGE,
  DEBIAN_IMAGE,
  POSTGRES_IMAGE,
  KIND_NODE_IMAGE,
  TRAEFIK_IMAGE,
  METRICS_SERVER_IMAGE,
  KUBE_ROUTER_IMAGE,
} = TOOLCHAIN;
const dockerfiles = ['docker/backend.Dockerfile', 'docker/frontend.Dockerfile'];
const { backend, frontend } = IMAGE_NAMES;
/** A shell script's `name=value` line of a name, under the comment that says gen:stamps writes it. */
const shellName = (file: string, variable: string, value: string): Stamp => ({
  file,
  line: new RegExp(`^(${variable}=).*$`, 'gm'),
  value,
});

export const STAMPS: Stamp[] = [
  { file: '.nvmrc', line: /^()\d.*$/gm, value: NODE_VERSION },
  ...dockerfiles.flatMap((file) => [
    { file, line: /^(ARG NODE_IMAGE=).*$/gm, value: NODE_IMAGE },
    { file, line: /^(ARG DEBIAN_IMAGE=).*$/gm, value: DEBIAN_IMAGE },
  ]),
  {
    file: 'docker/backend.Dockerfile',
    line: /^(ENTRYPOINT \[).*$/gm,
    value: `${['/usr/local/bin/node', ...API_NODE_FLAGS, '/app/server.js'].map((arg) => JSON.stringify(arg)).join(', ')}]`,
  },
  {
    file: 'backend/package.json',
    line: /^( {4}"start": ").*$/gm,
    value: `node ${API_NODE_FLAGS.join(' ')} dist/server.js",`,
  },
  { file: 'docker/compose.yaml', line: /^( +image: )postgres:.*$/gm, value: POSTGRES_IMAGE },
  {
    file: `${CHART_DIR}/values.yaml`,
    line: /^( +repository: postgres\n(?: *#.*\n)* +tag: ).*$/gm,
    value: POSTGRES_IMAGE.slice(POSTGRES_IMAGE.indexOf(':') + 1),
  },
  { file: `${CHART_DIR}/Chart.yaml`, line: /^(name: ).*$/gm, value: CHART_NAME },
  // Each image's name: the chart's default repository, compose's image, the image's title label.
  ...(['backend', 'frontend'] as const).flatMap((component) => [
    {
      file: `${CHART_DIR}/values.yaml`,
      line: new RegExp(`^(${component}:\\n {2}image:\\n(?: *#.*\\n)* +repository: ).*$`, 'gm'),
      value: IMAGE_NAMES[component],
    },
    {
      file: 'docker/compose.yaml',
      line: new RegExp(`^( {2}${component}:\\n {4}image: ).*$`, 'gm'),
      value: `${IMAGE_NAMES[component]}:\${IMAGE_TAG:-dev}`,
    },
    {
      file: `docker/${component}.Dockerfile`,
      line: /^(LABEL org\.opencontainers\.image\.title=).*$/gm,
      value: `"${IMAGE_NAMES[component]}" \\`,
    },
  ]),
  { file: `${CHART_DIR}/values.yaml`, line: /^(ingress:\n(?: .*\n)*? {2}host: ).*$/gm, value: HOST },
  { file: 'kind-config.yaml', line: /^(name: ).*$/gm, value: CLUSTER },
  shellName('scripts/release/manifest.sh', 'images', `"${backend} ${frontend}"`),
  shellName('scripts/release/released-refs.sh', 'images', `"${backend} ${frontend}"`),
  shellName('scripts/release/released-refs.sh', 'chart', CHART_NAME),
  shellName('scripts/chart/publish.sh', 'chart', CHART_NAME),
  shellName('scripts/chart/publish.sh', 'backend_image', backend),
  shellName('scripts/chart/publish.sh', 'frontend_image', frontend),
  shellName('docker/offline/kind-node/build.sh', 'image_name', OFFLINE_NODE_IMAGE_NAME),
  shellName('scripts/aiops/kubeconfig.sh', 'default_namespace', NAMESPACE),
  shellName('scripts/aiops/kubeconfig.sh', 'default_release', RELEASE),
  { file: 'kind-config.yaml', line: /^( *#? *image: )kindest\/node:.*$/gm, value: KIND_NODE_IMAGE },
  { file: 'cluster/traefik.yaml', line: /^( +image: )traefik:.*$/gm, value: TRAEFIK_IMAGE },
  // Traefik reads only the release's namespace: its Role and its watch.
  {
    file: 'cluster/traefik.yaml',
    line: /^(kind: Role(?:Binding)?\nmetadata:\n {2}name: traefik\n {2}namespace: ).*$/gm,
    value: NAMESPACE,
  },
  { file: 'cluster/traefik.yaml', line: /^( +- --providers\.kubernetesingress\.namespaces=).*$/gm, value: NAMESPACE },
  { file: 'cluster/metrics-server.yaml', line: /^( +image: ).*metrics-server:.*$/gm, value: METRICS_SERVER_IMAGE },
  {
    file: 'docker/offline/kind-node/files/manifests/default-cni.yaml',
    line: /^( +image: ).*kube-router:.*$/gm,
    value: KUBE_ROUTER_IMAGE,
  },
];

export const STAMPED_FILES = [...new Set(STAMPS.map((stamp) => stamp.file))];

/** `text` (the content of `file`) with its stamps written; throws when a stamp's line is gone. */
export function stamped(file: string, text: string): string {
  let result = text;
  for (const stamp of STAMPS.filter((s) => s.file === file)) {
    if (!new RegExp(stamp.line.source, 'm').test(result)) {
      throw new Error(`${file} has no line matching ${stamp.line} to write ${stamp.value} into: restore it`);
    }
    result = result.replace(stamp.line, (_, prefix: string) => `${prefix}${stamp.value}`);
  }
  return result;
}

/** Every stamped file as it should be, by path from the root. */
export function stampedFiles(): Map<string, string> {
  return new Map(STAMPED_FILES.map((file) => [file, stamped(file, readFileSync(join(repoRoot, file), 'utf8'))]));
}
