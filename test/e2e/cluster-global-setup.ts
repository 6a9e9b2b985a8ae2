import { startCrashLoop, stopCrashLoop } from './crash-loop.js';

// The AI-ops suites' crash loop takes over a minute to settle: it starts before every suite.
export default function setup() {
  startCrashLoop();
  return () => {
    stopCrashLoop();
  };
}
