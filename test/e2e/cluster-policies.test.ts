import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELEASE } from '../../project/names.js';
import { connect, startProbe, TEST_LABELS, type Source } from './probes.js';
import { apply, kubectl, namespace, podsOf, until, type Component } from './release.js';

// The chart's NetworkPolicies, enforced (kube-router offline, kindnetd on GitHub): each denied flow,
// and for each a twin, an allowed flow to the same pod and port, so a port that is simply closed
// cannot pass for a policy.
const OUTSIDE = `${namespace}-outsider`;
const sources: Record<string, Source> = {
  // A pod of another namespace, with no label the policies know.
  outsider: { pod: 'policy-outsider', namespace: OUTSIDE, shell: 'node' },
  // A pod of the release's namespace labelled as the release's tests, as helm test's pod is.
  tester: { pod: 'policy-tester', namespace, shell: 'node' },
  backend: { pod: '', namespace, shell: 'node' },
  postgresql: { pod: '', namespace, shell: 'bash' },
};

const PORTS: Record<Component, number> = { backend: 8000, frontend: 3000, postgresql: 5432 };

type Flow = { from: keyof typeof sources; to: Component; twin?: keyof typeof sources };
const denied: Flow[] = [
  { from: 'outsider', to: 'backend', twin: 'tester' },
  { from: 'outsider', to: 'frontend', twin: 'tester' },
  { from: 'outsider', to: 'postgresql', twin: 'backend' },
  { from: 'tester', to: 'postgresql', twin: 'backend' },
  // The API needs the database and the outside world (OpenAI, an external database), not the UI.
  { from: 'backend', to: 'frontend', twin: 'tester' },
  // The database talks to no one.
  { from: 'postgresql', to: 'backend', twin: 'tester' },
];

describe(`NetworkPolicies of release ${RELEASE}`, { timeout: 300_000 }, () => {
  const target = (component: Component) => podsOf(component)[0]!.ip;

  beforeAll(() => {
    apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: OUTSIDE } });
    startProbe(sources.outsider!.pod, OUTSIDE, { 'app.kubernetes.io/name': 'policy-outsider' });
    startProbe(sources.tester!.pod, namespace, TEST_LABELS);
    sources.backend!.pod = podsOf('backend')[0]!.name;
    sources.postgresql!.pod = podsOf('postgresql')[0]!.name;
  });

  afterAll(() => {
    // Gone before the next suite: a pod without a controller stops a node's drain.
    kubectl('delete', 'pod', sources.tester!.pod, '--ignore-not-found', '--wait=true');
    kubectl('delete', 'namespace', OUTSIDE, '--ignore-not-found', '--wait=true', '--timeout=180s');
  });

  for (const flow of denied) {
    const port = PORTS[flow.to];
    it(`denies ${flow.from} → ${flow.to}:${port}, which ${flow.twin} reaches`, async () => {
      const ip = target(flow.to);
      // A new pod's address reaches the policies' allow lists a moment after it starts.
      await until(`${flow.twin} → ${flow.to}:${port} open`, 30_000, () =>
        connect(sources[flow.twin!]!, ip, port) === 'open' ? true : undefined,
      );
      expect(connect(sources[flow.from]!, ip, port), `${flow.from} → ${flow.to}:${port}`).not.toBe('open');
    });
  }
});
