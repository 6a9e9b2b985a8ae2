import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);
import {
  restore,
  runStep
} from "./shared-6FTNSRTV.js";

// src/cache-restore.ts
await runStep(restore);
