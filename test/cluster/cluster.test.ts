import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withHost, withoutHost } from '../../scripts/cluster/hosts.js';
import { TOOLCHAIN } from '../../project/toolchain.js';

const script = (file: string, args: string[], env: Record<string, string> = {}) => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', file, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: result.status, out: result.stdout, err: result.stderr };
};
const cluster = (...args: string[]) => script('scripts/cluster/cluster.ts', args);

describe('cluster scripts', () => {
  const commandsOf = (out: string) => out.split('\n').filter((line) => line.startsWith('  $ '));
  const indexOf = (commands: string[], part: string) => {
    const index = commands.findIndex((c) => c.includes(part));
    expect(index, `a command with ${part}`).toBeGreaterThanOrEqual(0);
    return index;
  };

  it('plan a deploy: images, a restricted namespace, Traefik and metrics-server ready, then a helm upgrade that keeps a failure to read', () => {
    const { status, out } = cluster('deploy', '--dry-run');
    expect(status).toBe(0);
    const commands = commandsOf(out);
    expect(commands[0]).toContain('npm run -s images:build');
    expect(commands[1]).toContain('kind load docker-image --name todo-chatbot todo-backend:dev todo-frontend:dev');
    const namespace = indexOf(commands, 'pod-security.kubernetes.io/enforce=restricted');
    const traefik = indexOf(commands, 'apply -f cluster/traefik.yaml');
    const traefikReady = indexOf(commands, '-n traefik rollout status deployment/traefik');
    const metricsReady = indexOf(commands, '-n kube-system rollout status deployment/metrics-server');
    const metricsApi = indexOf(commands, 'API=apiservice/v1beta1.metrics.k8s.io');
    const install = indexOf(commands, 'helm upgrade --install todo-chatbot helm/todo-chatbot --namespace todo');
    // Traefik's Role lives in the release's namespace; the metrics API only once its server is ready.
    expect(namespace).toBeLessThan(traefik);
    expect(metricsReady).toBeLessThan(metricsApi);
    expect(Math.max(traefikReady, metricsApi)).toBeLessThan(install);
    expect(commands[install]).toContain('--set ingress.className=traefik');
    expect(commands[install]).toContain(
      `--set-json 'networkPolicy.ingressNamespaceSelector={"matchLabels":{"kubernetes.io/metadata.name":"traefik"}}'`,
    );
    expect(commands[install]).toMatch(/--wait --timeout/);
    // --atomic would delete a failed first install before the diagnostics could read it.
    expect(out).not.toContain('--atomic');
    expect(out).not.toContain('ingress-nginx');
  });

  it('refuse a namespace that Traefik does not serve, by name', () => {
    const { status, err } = cluster('deploy', '--dry-run', '--namespace', 'shop');
    expect(status).toBe(1);
    expect(err.trim()).toBe(
      "cluster:deploy: --namespace shop: the cluster's Traefik serves the namespace todo only (cluster/traefik.yaml)",
    );
  });

  it('plan Minikube with its addons and no ingress manifest of ours', () => {
    const up = cluster('up', '--minikube', '--dry-run').out;
    expect(up).toContain(
      'minikube start --profile todo-chatbot --memory 4096 --cpus 2 --addons ingress --addons metrics-server',
    );
    const deploy = cluster('deploy', '--minikube', '--skip-build', '--dry-run').out;
    expect(deploy).toContain('minikube image load');
    expect(deploy).not.toContain('cluster/');
    expect(deploy).not.toContain('images:build');
    // Its ingress addon is ingress-nginx.
    expect(deploy).toContain('--set ingress.className=nginx');
    expect(deploy).toContain('"kubernetes.io/metadata.name":"ingress-nginx"');
  });

  it('plan an offline cluster: build the node image from Debian and Go modules, create the cluster on it', () => {
    const version = TOOLCHAIN.OFFLINE_KUBERNETES_VERSION;
    const commands = cluster('up', '--offline', '--dry-run')
      .out.split('\n')
      .filter((line) => line.startsWith('  $ '));
    expect(commands).toEqual([
      '  $ bash docker/offline/kind-node/build.sh',
      `  $ kind create cluster --config kind-config.yaml --wait 180s --image todo-kind-node:${version}`,
      '  $ kubectl wait node --all --for=condition=Ready --timeout=180s',
    ]);
  });

  it('plan a deploy of a published chart: nothing built or loaded, its own image digests, not on the offline cluster', () => {
    const chart = 'oci://ghcr.io/acme/charts/todo-chatbot';
    const { status, out } = cluster('deploy', '--dry-run', '--chart', chart, '--chart-version', '1.2.0');
    expect(status).toBe(0);
    expect(out).not.toContain('images:build');
    expect(out).not.toContain('kind load');
    expect(out).not.toContain('kind-values.yaml');
    expect(out).toContain(`helm upgrade --install todo-chatbot ${chart} --version 1.2.0 --namespace todo`);
    const offline = cluster('deploy', '--dry-run', '--offline', '--chart', chart);
    expect(offline.status).toBe(1);
    expect(offline.err.trim()).toBe(
      'cluster:deploy: --chart needs a registry for its images: not on the offline cluster',
    );
  });

  it('plan an offline deploy: the database image loaded too, the same Ingress and add-ons as on GitHub', () => {
    const { status, out } = cluster('deploy', '--offline', '--skip-build', '--dry-run');
    expect(status).toBe(0);
    expect(out).toMatch(/kind load docker-image --name todo-chatbot todo-backend:dev todo-frontend:dev postgres:\S+/);
    const online = cluster('deploy', '--skip-build', '--dry-run').out;
    const withoutLoad = (text: string) => commandsOf(text).filter((c) => !c.includes('kind load'));
    expect(withoutLoad(out)).toEqual(withoutLoad(online));
  });

  it('name the missing tool and how to install it, in one line, with exit code 1', () => {
    const { status, err } = script('scripts/cluster/cluster.ts', ['up'], {
      PATH: `${process.execPath.replace(/\/node$/, '')}:/nonexistent`,
    });
    expect(status).toBe(1);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/kind is missing: go install sigs\.k8s\.io\/kind@v0\.32\.0/);
  });

  it('plan a down: uninstall the release, or delete the cluster without asking it first', () => {
    expect(commandsOf(cluster('down', '--dry-run').out)).toEqual([
      '  $ helm uninstall todo-chatbot --namespace todo --ignore-not-found --wait',
    ]);
    // An interrupted run leaves a cluster that may not answer; helm would fail before kind could delete it.
    expect(commandsOf(cluster('down', '--delete-cluster', '--images', '--dry-run').out)).toEqual([
      '  $ kind delete cluster --name todo-chatbot',
      '  $ docker image rm todo-backend:dev todo-frontend:dev',
    ]);
    expect(commandsOf(cluster('down', '--minikube', '--delete-cluster', '--dry-run').out)).toEqual([
      '  $ minikube delete --profile todo-chatbot',
    ]);
  });

  it('reject an unknown option by name', () => {
    const { status, err } = cluster('down', '--delete-clusters');
    expect(status).toBe(1);
    expect(err).toContain('unknown option --delete-clusters');
  });
});

describe('hosts entries', () => {
  const original = '127.0.0.1 localhost\n::1 localhost\n';

  it('add one line, replace it on the next add, and remove only it', () => {
    const once = withHost(original, '127.0.0.1', 'todo.local');
    expect(once).toBe(`${original}127.0.0.1 todo.local # todo-chatbot\n`);
    expect(withHost(once, '192.168.49.2', 'todo.local')).toBe(`${original}192.168.49.2 todo.local # todo-chatbot\n`);
    expect(withoutHost(once, 'todo.local')).toBe(original);
  });

  it('edit the file HOSTS_FILE names, and leave it alone on --dry-run', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hosts-')), 'hosts');
    writeFileSync(file, original);
    expect(script('scripts/cluster/hosts.ts', ['add', '--dry-run'], { HOSTS_FILE: file }).out).toContain('todo.local');
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(script('scripts/cluster/hosts.ts', ['add'], { HOSTS_FILE: file }).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('127.0.0.1 todo.local # todo-chatbot');
    expect(script('scripts/cluster/hosts.ts', ['remove'], { HOSTS_FILE: file }).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(original);
  });
});
