import { saveNpmCache } from './setup-node.js';
import { runStep } from './step.js';

await runStep(saveNpmCache);
