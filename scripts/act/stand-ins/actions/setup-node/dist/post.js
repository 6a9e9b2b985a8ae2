import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);
import {
  runStep,
  saveNpmCache
} from "./shared-NOHVASSN.js";

// src/setup-node-post.ts
await runStep(saveNpmCache);
