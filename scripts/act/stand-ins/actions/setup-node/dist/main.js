import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);
import {
  runStep,
  setupNode
} from "./shared-NOHVASSN.js";

// src/setup-node-main.ts
await runStep(setupNode);
