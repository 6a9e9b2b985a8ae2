import { githubScript } from './github-script.js';
import { runStep } from './step.js';

await runStep(githubScript);
