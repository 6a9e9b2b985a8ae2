/**
 * Validation of rendered objects beyond what helm checks: the Kubernetes OpenAPI schemas
 * (kubernetes-models), and a strict unknown-field check against the client's model attribute
 * maps, since the schemas accept misspelled keys.
 */
import * as k8s from '@kubernetes/client-node';
import type { K8sObject } from './render.js';

type Attribute = { name: string; baseName: string; type: string };
type Model = { getAttributeTypeMap(): Attribute[] };
const models = k8s as unknown as Record<string, Model | undefined>;

/** Errors from the object's OpenAPI schema, or an empty list. */
export async function schemaErrors(object: K8sObject): Promise<string[]> {
  const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion];
  const module = `kubernetes-models/${group ? `${group}/` : ''}${version}/${object.kind}`;
  const { [object.kind]: Model } = (await import(module)) as Record<
    string,
    new (data: unknown) => { validate(): void }
  >;
  try {
    new Model!(object).validate();
    return [];
  } catch (error) {
    return [`${object.kind}/${object.metadata.name}: ${(error as Error).message}`];
  }
}

function modelName(object: K8sObject): string {
  const version = object.apiVersion.split('/').pop()!;
  return `${version.charAt(0).toUpperCase()}${version.slice(1)}${object.kind}`;
}

function walk(value: unknown, type: string, path: string, found: string[]) {
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, array[1]!, `${path}[${i}]`, found));
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) walk(item, map[1]!, `${path}.${key}`, found);
    }
    return;
  }
  const model = models[type];
  if (!model?.getAttributeTypeMap || !value || typeof value !== 'object' || Array.isArray(value)) return;
  const attributes = new Map(model.getAttributeTypeMap().map((attribute) => [attribute.baseName, attribute.type]));
  for (const [key, item] of Object.entries(value)) {
    const attributeType = attributes.get(key);
    if (attributeType === undefined) found.push(`${path}.${key}`);
    else walk(item, attributeType, `${path}.${key}`, found);
  }
}

/** Paths of keys the Kubernetes API does not know (a typo there is silently dropped by the server). */
export function unknownFields(object: K8sObject): string[] {
  const type = modelName(object);
  if (!models[type]) return [`${object.kind}: no model ${type} to check against`];
  const found: string[] = [];
  walk(object, type, `${object.kind}/${object.metadata.name}`, found);
  return found;
}
