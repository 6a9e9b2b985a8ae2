import { restore } from './cache.js';
import { runStep } from './step.js';

await runStep(restore);
