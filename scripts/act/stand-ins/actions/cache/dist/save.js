import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);
import {
  runStep,
  save
} from "./shared-6FTNSRTV.js";

// src/cache-save.ts
await runStep(save);
