/** What to collect and how to read it. Pure: the commands run elsewhere. */

export type Command = { file: string; args: [string, ...string[]] };

/** Where else to look: the ingress controller's namespace, and a kind cluster's node logs. */
export type Extra = { ingressNamespace?: string; kindCluster?: string; output?: string };

export function commands(namespace: string, release: string, pods: string[], extra: Extra = {}): Command[] {
  const { ingressNamespace, kindCluster, output = '.' } = extra;
  const ingress: Command[] = ingressNamespace
    ? [
        { file: `${ingressNamespace}.txt`, args: ['kubectl', 'describe', 'all', '-n', ingressNamespace] },
        {
          file: `logs-${ingressNamespace}.txt`,
          args: [
            'kubectl',
            'logs',
            '-n',
            ingressNamespace,
            '--all-containers',
            '--prefix',
            '--tail=500',
            // Every pod of the controller, whichever it is: each carries the label.
            '-l',
            'app.kubernetes.io/name',
          ],
        },
      ]
    : [];
  // kubelet, containerd and the journal of every node, into a folder of its own.
  const kind: Command[] = kindCluster
    ? [{ file: 'kind-export.txt', args: ['kind', 'export', 'logs', `${output}/kind-logs`, '--name', kindCluster] }]
    : [];
  return [
    { file: 'nodes.txt', args: ['kubectl', 'get', 'nodes', '-o', 'wide'] },
    { file: 'events.txt', args: ['kubectl', 'get', 'events', '-A', '--sort-by=.lastTimestamp'] },
    { file: 'pods.txt', args: ['kubectl', 'get', 'pods', '-A', '-o', 'wide'] },
    { file: 'describe-pods.txt', args: ['kubectl', 'describe', 'pods', '-n', namespace] },
    { file: 'helm-history.txt', args: ['helm', 'history', release, '-n', namespace] },
    ...ingress,
    ...kind,
    ...pods.flatMap((pod): Command[] => [
      { file: `logs-${pod}.txt`, args: ['kubectl', 'logs', pod, '-n', namespace, '--all-containers', '--tail=500'] },
      {
        file: `logs-${pod}-previous.txt`,
        args: ['kubectl', 'logs', pod, '-n', namespace, '--all-containers', '--previous', '--tail=200'],
      },
    ]),
  ];
}

export type PodState = { name: string; phase: string; ready: string; restarts: number; reason: string };

/** Reads `kubectl get pods -o json` into the facts a person looks at first. */
export function podStates(json: string): PodState[] {
  type ContainerStatus = { ready: boolean; restartCount: number; state?: Record<string, { reason?: string }> };
  const list = JSON.parse(json) as {
    items: { metadata: { name: string }; status: { phase: string; containerStatuses?: ContainerStatus[] } }[];
  };
  return list.items.map((pod) => {
    const statuses = pod.status.containerStatuses ?? [];
    const waiting = statuses.map((s) => Object.values(s.state ?? {})[0]?.reason).find(Boolean);
    return {
      name: pod.metadata.name,
      phase: pod.status.phase,
      ready: `${statuses.filter((s) => s.ready).length}/${statuses.length}`,
      restarts: statuses.reduce((sum, s) => sum + s.restartCount, 0),
      reason: waiting ?? '',
    };
  });
}

/** A finished pod, or a running one whose containers are all ready. */
function isHealthy(pod: PodState): boolean {
  const [ready, total] = pod.ready.split('/');
  return pod.phase === 'Succeeded' || (pod.phase === 'Running' && ready === total);
}

export function renderMarkdown(namespace: string, pods: PodState[], warnings: string[]): string {
  const unhealthy = pods.filter((p) => !isHealthy(p));
  const lines = [
    `## Cluster diagnostics (namespace ${namespace})`,
    '',
    unhealthy.length === 0
      ? 'All pods are running and ready.'
      : `${unhealthy.length} of ${pods.length} pods are not healthy.`,
    '',
    '| pod | phase | ready | restarts | reason |',
    '| --- | --- | --- | ---: | --- |',
    ...pods.map((p) => `| ${p.name} | ${p.phase} | ${p.ready} | ${p.restarts} | ${p.reason} |`),
  ];
  if (warnings.length > 0) lines.push('', '### Warning events', '', '```', ...warnings.slice(-20), '```');
  lines.push('', 'Full output is in the `cluster-diagnostics` artifact.');
  return `${lines.join('\n')}\n`;
}
