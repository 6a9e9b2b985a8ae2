import type { K8sObject } from '../../scripts/chart/render.js';

type SecurityContext = Record<string, unknown> & {
  capabilities?: { drop?: string[] };
  seccompProfile?: { type?: string };
};
type Container = {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string }[];
  securityContext?: SecurityContext;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  startupProbe?: unknown;
  livenessProbe?: unknown;
  readinessProbe?: unknown;
};
export type PodSpec = {
  securityContext?: SecurityContext;
  containers: Container[];
  automountServiceAccountToken?: boolean;
  volumes?: { name: string; emptyDir?: { sizeLimit?: string } }[];
};

const UNITS: Record<string, number> = { '': 1, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30 };
/** Bytes of a Kubernetes quantity such as 64Mi; NaN for a form this chart does not use. */
export const bytes = (quantity: unknown) => {
  const match = /^(\d+)(Ki|Mi|Gi)?$/.exec(String(quantity));
  return match ? Number(match[1]) * UNITS[match[2] ?? '']! : NaN;
};
export type Pod = { owner: string; labels: Record<string, string>; spec: PodSpec; probed: boolean };

/** Every pod the objects would run: workloads' templates and bare pods (the helm test). */
export function podSpecs(objects: K8sObject[]): Pod[] {
  return objects.flatMap((o): Pod[] => {
    const owner = `${o.kind}/${o.metadata.name}`;
    if (o.kind === 'Pod') return [{ owner, labels: o.metadata.labels ?? {}, spec: o.spec as PodSpec, probed: false }];
    const template = (o.spec as { template?: { metadata: { labels: Record<string, string> }; spec: PodSpec } })
      ?.template;
    return template ? [{ owner, labels: template.metadata.labels, spec: template.spec, probed: true }] : [];
  });
}

/** What Pod Security "restricted" and this chart's own rules find wrong with one pod. */
export function restrictedViolations({ owner, spec, probed }: Pod): string[] {
  const problems: string[] = [];
  const pod = spec.securityContext ?? {};
  if (spec.automountServiceAccountToken !== false) problems.push(`${owner}: mounts a service account token`);
  if (pod.seccompProfile?.type !== 'RuntimeDefault') problems.push(`${owner}: seccompProfile is not RuntimeDefault`);
  for (const container of spec.containers) {
    const at = `${owner} ${container.name}`;
    const own = container.securityContext ?? {};
    if (own.runAsNonRoot !== true && pod.runAsNonRoot !== true) problems.push(`${at}: runAsNonRoot is not set`);
    if ((own.runAsUser ?? pod.runAsUser) === 0) problems.push(`${at}: runs as user 0`);
    if (own.allowPrivilegeEscalation !== false) problems.push(`${at}: allowPrivilegeEscalation is not false`);
    if (!own.capabilities?.drop?.includes('ALL')) problems.push(`${at}: does not drop ALL capabilities`);
    if (own.privileged === true) problems.push(`${at}: is privileged`);
    if (own.readOnlyRootFilesystem !== true) problems.push(`${at}: readOnlyRootFilesystem is not true`);
    for (const kind of ['requests', 'limits'] as const)
      for (const resource of ['cpu', 'memory', 'ephemeral-storage'])
        if (container.resources?.[kind]?.[resource] === undefined) problems.push(`${at}: no ${resource} in ${kind}`);
    if (probed && !(container.startupProbe && container.livenessProbe && container.readinessProbe)) {
      problems.push(`${at}: lacks a startup, liveness or readiness probe`);
    }
    const tag = /:([^:/@]+)(@sha256:[a-f0-9]{64})?$/.exec(container.image)?.[1];
    if (!tag || tag === 'latest') problems.push(`${at}: image ${container.image} is not pinned to a tag`);
  }
  // Scratch volumes are bounded, and fit in what the containers may use of the node's disk.
  const scratch = (spec.volumes ?? []).filter((v) => v.emptyDir);
  for (const volume of scratch)
    if (!(bytes(volume.emptyDir!.sizeLimit) > 0)) problems.push(`${owner}: emptyDir ${volume.name} has no sizeLimit`);
  const allowed = spec.containers.reduce((sum, c) => sum + (bytes(c.resources?.limits?.['ephemeral-storage']) || 0), 0);
  const bounded = scratch.reduce((sum, v) => sum + (bytes(v.emptyDir!.sizeLimit) || 0), 0);
  if (bounded > allowed)
    problems.push(`${owner}: its emptyDir volumes may hold more than its ephemeral-storage limits`);
  return problems;
}
