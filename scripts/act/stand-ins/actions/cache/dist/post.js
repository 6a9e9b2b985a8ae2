import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);
import {
  runStep,
  saveAfterRestore
} from "./shared-6FTNSRTV.js";

// src/cache-post.ts
await runStep(saveAfterRestore);
