/**
 * Pods that try TCP connections inside the cluster, for the NetworkPolicy and autoscaling suites.
 * They run the API's image (its Node is the one tool they need), as restricted Pod Security asks.
 */
import { CHART_NAME, RELEASE } from '../../project/names.js';
import { apply, kubectl, name } from './release.js';

/** The labels the chart's policies give the release's test pods (helm test's). */
export const TEST_LABELS = {
  'app.kubernetes.io/name': CHART_NAME,
  'app.kubernetes.io/instance': RELEASE,
  'app.kubernetes.io/component': 'test',
};

const IDLE = 'setInterval(() => {}, 1 << 30)';

/**
 * Starts a pod that runs `script` with Node (idles by default), on the nodes `nodeSelector` picks,
 * and waits until it is ready unless told not to. A pod that runs already is left as it is.
 */
export function startProbe(
  pod: string,
  namespace: string,
  labels: Record<string, string>,
  script = IDLE,
  { ready = true, nodeSelector = {} as Record<string, string> } = {},
): void {
  const container = kubectl(
    'get',
    `deployment/${name('backend')}`,
    '-o',
    'jsonpath={.spec.template.spec.containers[0]}',
  );
  const { image, imagePullPolicy } = JSON.parse(container) as { image: string; imagePullPolicy: string };
  apply({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: pod, namespace, labels },
    spec: {
      automountServiceAccountToken: false,
      terminationGracePeriodSeconds: 0,
      nodeSelector,
      securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name: 'probe',
          image,
          imagePullPolicy,
          command: ['/usr/local/bin/node', '-e', script],
          resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '500m', memory: '128Mi' } },
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
          },
        },
      ],
    },
  });
  if (ready) kubectl('wait', '--namespace', namespace, `pod/${pod}`, '--for=condition=Ready', '--timeout=180s');
}

// Prints `open`, or why not: a dropped packet times out, a closed port is refused.
const CONNECT = [
  'const [host, port] = process.argv.slice(1);',
  "const socket = require('node:net').connect({ host, port: Number(port), timeout: 3000 });",
  'const end = (word) => { console.log(word); socket.destroy(); };',
  "socket.on('connect', () => end('open'));",
  "socket.on('timeout', () => end('timeout'));",
  "socket.on('error', (error) => end(error.code));",
].join('\n');

/** A pod to connect from: `node` where the image has Node, `bash` (its /dev/tcp) where it has bash. */
export type Source = { pod: string; namespace: string; shell: 'node' | 'bash' };

/** `open`, or what the connection from `source` to ip:port met instead. */
export function connect(source: Source, ip: string, port: number): string {
  const command =
    source.shell === 'node'
      ? ['/usr/local/bin/node', '-e', CONNECT, ip, String(port)]
      : [
          'bash',
          '-c',
          'timeout 3 bash -c "exec 3<>/dev/tcp/$0/$1" "$0" "$1" && echo open || echo closed',
          ip,
          String(port),
        ];
  return kubectl('exec', '--namespace', source.namespace, source.pod, '--', ...command).trim();
}
