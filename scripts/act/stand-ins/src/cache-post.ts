import { saveAfterRestore } from './cache.js';
import { runStep } from './step.js';

await runStep(saveAfterRestore);
