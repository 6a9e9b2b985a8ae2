import { save } from './cache.js';
import { runStep } from './step.js';

await runStep(save);
