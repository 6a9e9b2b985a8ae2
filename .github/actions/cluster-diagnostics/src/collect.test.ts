import { describe, expect, it } from 'vitest';
import { commands, podStates, renderMarkdown } from './collect.js';

const pod = (name: string, phase: string, ready: boolean[]) => ({
  metadata: { name },
  status: {
    phase,
    containerStatuses: ready.map((r) => ({
      ready: r,
      restartCount: 0,
      state: r ? { running: {} } : { waiting: { reason: 'ContainerCreating' } },
    })),
  },
});

describe('cluster-diagnostics helpers', () => {
  it('counts finished pods and running, ready pods as healthy, and nothing else', () => {
    const pods = podStates(
      JSON.stringify({
        items: [
          pod('migrate', 'Succeeded', [false]),
          pod('web', 'Running', [true, true]),
          pod('api', 'Running', [true, false]),
          pod('db', 'Pending', [false]),
        ],
      }),
    );
    expect(pods.map((p) => p.ready)).toEqual(['0/1', '2/2', '1/2', '0/1']);
    expect(renderMarkdown('todo', pods, [])).toContain('2 of 4 pods are not healthy.');
    expect(renderMarkdown('todo', pods.slice(0, 2), [])).toContain('All pods are running and ready.');
  });

  it("looks at the ingress controller's namespace and kind's node logs only when asked", () => {
    const plain = commands('todo', 'todo', []).map((c) => c.args.join(' '));
    expect(plain.some((c) => c.includes('traefik') || c.startsWith('kind '))).toBe(false);
    const all = commands('todo', 'todo', [], {
      ingressNamespace: 'traefik',
      kindCluster: 'k',
      output: 'out',
    }).map((c) => c.args.join(' '));
    expect(all).toContain('kubectl describe all -n traefik');
    expect(all.some((c) => c.startsWith('kubectl logs -n traefik'))).toBe(true);
    expect(all).toContain('kind export logs out/kind-logs --name k');
  });

  it('collects logs, current and previous, for every pod', () => {
    const files = commands('todo', 'todo', ['a', 'b']).map((c) => c.file);
    expect(files).toEqual(
      expect.arrayContaining(['logs-a.txt', 'logs-a-previous.txt', 'logs-b.txt', 'logs-b-previous.txt', 'events.txt']),
    );
  });
});
