/** The images this repository builds, and what `images:check` holds them to. */
import { DEV_TAG, IMAGE_NAMES } from '../../project/names.js';

export type ImageSpec = {
  name: string;
  dockerfile: string;
  budgetMB: number;
  port: number;
  /** How images:check starts it alone: environment, and the path that must answer 200. */
  smoke: { env: Record<string, string>; path: string };
};

export const IMAGES: ImageSpec[] = [
  {
    name: IMAGE_NAMES.backend,
    dockerfile: 'docker/backend.Dockerfile',
    budgetMB: 150,
    port: 8000,
    smoke: { env: { ENVIRONMENT: 'development', PGLITE_DATA_DIR: 'memory://' }, path: '/health/ready' },
  },
  {
    name: IMAGE_NAMES.frontend,
    dockerfile: 'docker/frontend.Dockerfile',
    budgetMB: 100,
    port: 3000,
    // Nothing listens on port 9: the UI must serve regardless, and answer /health with a JSON 503.
    smoke: { env: { BACKEND_URL: 'http://127.0.0.1:9' }, path: '/' },
  },
];

export const imageTag = () => process.env.IMAGE_TAG ?? DEV_TAG;
export const imageRef = (image: ImageSpec) => `${image.name}:${imageTag()}`;
