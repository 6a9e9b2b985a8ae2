/** cluster:down's plan: the release uninstalled, or the whole cluster deleted; the images on request. */
import { CLUSTER, RELEASE } from '../../project/names.js';
import { IMAGES, imageRef } from '../images/images.js';
import { docker } from '../lib/docker.js';
import type { Options } from './options.js';
import type { Step } from './plan.js';

// Deleting the cluster takes the release with it, and must work when the cluster no longer answers.
export function downPlan(o: Options, helm: string): Step[] {
  const uninstall: Step = {
    title: 'uninstall the release',
    command: [helm, 'uninstall', RELEASE, '--namespace', o.namespace, '--ignore-not-found', '--wait'],
  };
  const deleteCluster: Step = o.minikube
    ? { title: 'delete Minikube', command: ['minikube', 'delete', '--profile', CLUSTER] }
    : { title: 'delete the kind cluster', command: ['kind', 'delete', 'cluster', '--name', CLUSTER] };
  return [
    o['delete-cluster'] ? deleteCluster : uninstall,
    ...(o.images ? [{ title: 'remove the images', command: [docker, 'image', 'rm', ...IMAGES.map(imageRef)] }] : []),
  ];
}
