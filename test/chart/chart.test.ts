import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELM_DOCS_INSTALL, README_PATH, renderReadme } from '../../scripts/chart/readme.js';
import { CHART_DIR } from '../../project/names.js';
import { lint, render, scenarios, type K8sObject } from '../../scripts/chart/render.js';
import { schemaErrors, unknownFields } from '../../scripts/chart/validate.js';
import { nativeTool } from '../lib/native-tool.js';
import { podSpecs, restrictedViolations, type PodSpec } from './policy.js';

// npm run chart:check: helm lint and template for the defaults and every ci/*-values.yaml, every
// rendered object validated, then the chart's policies.
const rendered = scenarios().map((scenario) => ({ ...scenario, objects: render({ values: scenario.values }) }));
const byKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);
type Selector = { matchLabels: Record<string, string> };
type Spec = {
  selector?: Selector | Record<string, string>;
  template?: { metadata: { labels: Record<string, string> } };
};

describe.each(rendered)('the chart with $name values', ({ values, objects }) => {
  it('passes helm lint --strict', () => {
    const result = lint(values);
    expect(result.stderr + result.stdout).toContain('0 chart(s) failed');
  });

  it('renders only objects that match the Kubernetes schemas, with no unknown field', async () => {
    const problems = [...(await Promise.all(objects.map(schemaErrors))).flat(), ...objects.flatMap(unknownFields)];
    expect(problems).toEqual([]);
  });

  it('runs every pod under Pod Security "restricted", read-only, with resources, probes and pinned images', () => {
    expect(podSpecs(objects).flatMap(restrictedViolations)).toEqual([]);
  });

  it('selects its own pods: every selector matches the pod template labels', () => {
    for (const workload of objects.filter((o) => ['Deployment', 'StatefulSet'].includes(o.kind))) {
      const spec = workload.spec as Spec;
      expect(spec.template!.metadata.labels).toMatchObject((spec.selector as Selector).matchLabels);
    }
  });

  it('routes to Services and ports that exist', () => {
    const services = new Map(byKind(objects, 'Service').map((s) => [s.metadata.name, s]));
    const pods = podSpecs(objects);
    for (const service of services.values()) {
      const spec = service.spec as { selector: Record<string, string>; ports: { targetPort: string | number }[] };
      const targets = pods.filter((pod) => Object.entries(spec.selector).every(([k, v]) => pod.labels[k] === v));
      expect(targets, `pods behind ${service.metadata.name}`).not.toHaveLength(0);
      const ports = targets.flatMap((pod) => pod.spec.containers.flatMap((c) => c.ports ?? []));
      for (const { targetPort } of spec.ports) {
        expect(ports.some((p) => p.name === targetPort || p.containerPort === targetPort)).toBe(true);
      }
    }
    for (const ingress of byKind(objects, 'Ingress')) {
      const paths = (ingress.spec as { rules: { http: { paths: { backend: { service: { name: string } } }[] } }[] })
        .rules[0]!.http.paths;
      for (const path of paths) expect(services.has(path.backend.service.name)).toBe(true);
    }
  });

  it('keeps secrets out of ConfigMaps', () => {
    for (const configMap of byKind(objects, 'ConfigMap')) {
      const keys = Object.keys((configMap.data ?? {}) as Record<string, string>);
      expect(keys.filter((key) => /SECRET|PASSWORD|TOKEN|API_KEY|DATABASE_URL/.test(key))).toEqual([]);
    }
  });
});

describe('the chart', () => {
  it('lets two releases share a namespace: no name collides', () => {
    const names = (release: string) => new Set(render({ release }).map((o) => `${o.kind}/${o.metadata.name}`));
    const first = names('one');
    const shared = [...names('two')].filter((name) => first.has(name));
    expect(shared).toEqual([]);
  });

  it.each([
    ['backend.replicaCont=3', "additional properties 'replicaCont' not allowed"],
    ['ingress.className=', 'minLength'],
    ['logLevel=loud', 'logLevel'],
    ['postgresql.persistence.size=lots', 'size'],
    ['secrets.betterAuthSecret=short', 'betterAuthSecret'],
  ])('rejects --set %s through values.schema.json', (pair, message) => {
    expect(() => render({ set: [pair] })).toThrow(message);
  });

  it('demands a database URL when the in-chart PostgreSQL is off', () => {
    expect(() => render({ set: ['postgresql.enabled=false'] })).toThrow('externalDatabase.url is required');
  });

  it('leaves the database pod alone when the configuration changes (an upgrade must not restart it)', () => {
    const databasePod = (logLevel: string) =>
      JSON.stringify(render({ set: [`logLevel=${logLevel}`] }).find((o) => o.kind === 'StatefulSet')!.spec);
    expect(databasePod('debug')).toBe(databasePod('info'));
  });

  it('gives the UI the fully qualified address of the API (nginx resolves no search domains)', () => {
    const ui = render({ release: 'todo', namespace: 'shop' }).find(
      (o) => o.kind === 'Deployment' && o.metadata.name.endsWith('frontend'),
    )!;
    const [container] = podSpecs([ui])[0]!.spec.containers;
    expect(container!.env).toContainEqual({
      name: 'BACKEND_URL',
      value: 'http://todo-todo-chatbot-backend.shop.svc.cluster.local:8000',
    });
  });
});

describe('image digests', () => {
  const digest = `sha256:${'ab'.repeat(32)}`;
  const images = (set: string[]) =>
    podSpecs(render({ set }).filter((o) => o.kind === 'Deployment'))
      .flatMap((pod) => pod.spec.containers)
      .map((c) => c.image);

  it('pin what runs to the digest a published chart carries, beside the tag', () => {
    const pinned = images([`backend.image.digest=${digest}`, `frontend.image.digest=${digest}`]);
    expect(pinned.filter((image) => /todo-(backend|frontend)/.test(image))).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^todo-backend:[^@]+@${digest}$`))]),
    );
    for (const image of pinned.filter((i) => /todo-(backend|frontend)/.test(i))) expect(image).toContain(`@${digest}`);
    expect(images([]).every((image) => !image.includes('@'))).toBe(true);
  });

  it('refuses a digest that is not sha256 hex', () => {
    expect(() => render({ set: ['backend.image.digest=latest'] })).toThrow(/digest/);
  });
});

describe('the checks themselves', () => {
  const deployment = render().find((o) => o.kind === 'Deployment')!;

  it('find a misspelled key that the schemas accept', async () => {
    const typo = structuredClone(deployment) as K8sObject & { spec: { template: { spec: Record<string, unknown> } } };
    typo.spec.template.spec.securityContxt = { runAsNonRoot: true };
    expect(await schemaErrors(typo)).toEqual([]);
    expect(unknownFields(typo)).toEqual([`Deployment/${deployment.metadata.name}.spec.template.spec.securityContxt`]);
  });

  it('find a container without a bound on its disk, or scratch space beyond it', () => {
    const [pod] = podSpecs([structuredClone(deployment)]);
    delete pod!.spec.containers[0]!.resources!.limits!['ephemeral-storage'];
    pod!.spec.volumes = [
      { name: 'tmp', emptyDir: {} },
      { name: 'big', emptyDir: { sizeLimit: '10Gi' } },
    ];
    const problems = restrictedViolations(pod!).join('\n');
    expect(problems).toContain('no ephemeral-storage in limits');
    expect(problems).toContain('emptyDir tmp has no sizeLimit');
    expect(problems).toContain('its emptyDir volumes may hold more than its ephemeral-storage limits');
  });

  it('find a container that could run as root or write its filesystem', () => {
    const loose = structuredClone(deployment);
    const [pod] = podSpecs([loose]);
    delete pod!.spec.securityContext;
    pod!.spec.containers[0]!.securityContext = { readOnlyRootFilesystem: false };
    expect(restrictedViolations(pod!).join('\n')).toMatch(/runAsNonRoot[\s\S]*readOnlyRootFilesystem/);
  });
});

describe('the chart README (helm-docs)', () => {
  const helmDocs = nativeTool('helm-docs', process.env.HELM_DOCS, `${HELM_DOCS_INSTALL} (the test and chart jobs do)`);
  /** The described keys of a README's values table, and those without a description. */
  const rows = (readme: string) =>
    readme
      .split('\n')
      .filter((line) => /^\| [^-]/.test(line) && !line.startsWith('| Key |'))
      .map((line) => line.split(' | ').map((cell) => cell.replace(/^\| |\s\|$/g, '').trim()));

  it.skipIf(!helmDocs)(
    'is what helm-docs makes of values.yaml, a described row for every key (npm run chart:readme)',
    () => {
      const readme = renderReadme(undefined, helmDocs);
      expect(readFileSync(README_PATH, 'utf8')).toBe(readme);
      const keys = rows(readme);
      expect(keys.length).toBeGreaterThan(50);
      expect(keys.filter(([, , , description]) => !description).map(([key]) => key)).toEqual([]);
    },
  );

  it.skipIf(!helmDocs)('shows a key left without its comment as a row with no description', () => {
    const copy = mkdtempSync(join(tmpdir(), 'chart-readme-'));
    cpSync(CHART_DIR, join(copy, 'chart'), { recursive: true });
    const values = join(copy, 'chart', 'values.yaml');
    writeFileSync(values, `${readFileSync(values, 'utf8')}undocumentedKnob: 3\n`);
    const keys = rows(renderReadme(join(copy, 'chart'), helmDocs));
    expect(keys.filter(([, , , description]) => !description).map(([key]) => key)).toEqual(['undocumentedKnob']);
  });
});

describe('where the pods run', () => {
  type Scheduled = PodSpec & {
    nodeSelector?: Record<string, string>;
    affinity?: Record<string, unknown>;
    tolerations?: Record<string, unknown>[];
    topologySpreadConstraints?: { topologyKey: string; labelSelector: Selector; matchLabelKeys?: string[] }[];
  };
  const pods = (set: string[] = []): Record<string, { labels: Record<string, string>; spec: Scheduled }> =>
    Object.fromEntries(
      podSpecs(render({ set }).filter((o) => o.kind !== 'Pod')).map((pod) => [
        pod.labels['app.kubernetes.io/component'],
        { ...pod, spec: pod.spec as Scheduled },
      ]),
    );

  it('spreads the API and UI pods over nodes by default, each counting its own rollout', () => {
    const defaults = pods();
    for (const component of ['backend', 'frontend']) {
      const { spec, labels } = defaults[component]!;
      expect(spec.topologySpreadConstraints, component).toHaveLength(1);
      const [spread] = spec.topologySpreadConstraints!;
      expect(spread!.topologyKey).toBe('kubernetes.io/hostname');
      expect(labels).toMatchObject(spread!.labelSelector.matchLabels);
      expect(spread!.labelSelector.matchLabels['app.kubernetes.io/component']).toBe(component);
      expect(spread!.matchLabelKeys).toEqual(['pod-template-hash']);
    }
    expect(defaults.postgresql!.spec.topologySpreadConstraints).toBeUndefined();
  });

  it.each(['backend', 'frontend', 'postgresql'])(
    'gives %s the nodeSelector, affinity, tolerations and spread set for it',
    (component) => {
      const zone = 'topology.kubernetes.io/zone';
      const set = [
        `${component}.nodeSelector.disk=ssd`,
        `${component}.tolerations[0].key=dedicated`,
        `${component}.tolerations[0].operator=Equal`,
        `${component}.tolerations[0].value=todo`,
        `${component}.tolerations[0].effect=NoSchedule`,
        `${component}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key=${zone}`,
        `${component}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator=Exists`,
        `${component}.topologySpreadConstraints[0].maxSkew=2`,
        `${component}.topologySpreadConstraints[0].topologyKey=${zone}`,
        `${component}.topologySpreadConstraints[0].whenUnsatisfiable=DoNotSchedule`,
      ];
      const all = pods(set);
      const { spec, labels } = all[component]!;
      expect(spec.nodeSelector).toEqual({ disk: 'ssd' });
      expect(spec.tolerations).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'todo', effect: 'NoSchedule' }]);
      expect(JSON.stringify(spec.affinity)).toContain(zone);
      expect(spec.topologySpreadConstraints).toMatchObject([
        { maxSkew: 2, topologyKey: zone, whenUnsatisfiable: 'DoNotSchedule' },
      ]);
      expect(labels).toMatchObject(spec.topologySpreadConstraints![0]!.labelSelector.matchLabels);
      for (const [other, pod] of Object.entries(all))
        if (other !== component)
          expect(pod.spec.nodeSelector, `${other} took ${component}'s nodeSelector`).toBeUndefined();
    },
  );

  it('refuses a misspelt field in a spread constraint or a toleration, and an unknown affinity', () => {
    expect(() => render({ set: ['backend.topologySpreadConstraints[0].maxSkw=1'] })).toThrow(
      /topologySpreadConstraints/,
    );
    expect(() => render({ set: ['frontend.tolerations[0].efect=NoSchedule'] })).toThrow(/tolerations/);
    expect(() => render({ set: ['postgresql.affinity.nodeAffinty.x=1'] })).toThrow(/affinity/);
  });

  it('pins PostgreSQL to a digest when one is given', () => {
    const digest = `sha256:${'cd'.repeat(32)}`;
    const [container] = pods([`postgresql.image.digest=${digest}`]).postgresql!.spec.containers;
    expect(container!.image).toMatch(new RegExp(`^postgres:[^@]+@${digest}$`));
    expect(() => render({ set: ['postgresql.image.digest=17'] })).toThrow(/digest/);
  });
});
