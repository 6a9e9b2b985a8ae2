/** The project's names, written once: the scripts and the workflow sources import them. */

/** The images this repository builds. */
export const IMAGE_NAMES = { backend: 'todo-backend', frontend: 'todo-frontend' } as const;
/** The tag of images built here and in CI (releases tag by version and pin by digest). */
export const DEV_TAG = 'dev';
export const devImage = (name: string) => `${name}:${DEV_TAG}`;

export const CHART_NAME = 'todo-chatbot';
export const CHART_DIR = `helm/${CHART_NAME}`;
/** The Helm release, in the namespace below, on the cluster below (kind-config.yaml's name is stamped from it). */
export const RELEASE = 'todo-chatbot';
export const NAMESPACE = 'todo';
export const CLUSTER = 'todo-chatbot';
/**
 * The ingress controllers of the clusters: Traefik on kind, which cluster:deploy installs
 * (cluster/traefik.yaml), and Minikube's ingress addon, ingress-nginx.
 */
export const INGRESS = {
  kind: { className: 'traefik', namespace: 'traefik' },
  minikube: { className: 'nginx', namespace: 'ingress-nginx' },
} as const;
/** The name the Ingress answers to; hosts:add points it at the cluster. */
export const HOST = 'todo.local';
export const PUBLIC_URL = `http://${HOST}`;
export const COMPOSE_PROJECT_NAME = 'todo-chatbot';
/** The kind node image built offline (docker/offline/kind-node), tagged with its Kubernetes version. */
export const OFFLINE_NODE_IMAGE_NAME = 'todo-kind-node';
