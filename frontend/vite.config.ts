import react from '@vitejs/plugin-react';
import { createLogger, defineConfig, type ProxyOptions } from 'vite';

// The SPA calls the API on its own origin; in development and preview the server proxies the
// API's paths to the backend, as nginx and the Ingress do in the deployed stack.
const backend = process.env.BACKEND_URL ?? 'http://localhost:8000';
// What nginx answers when the API cannot be reached, so the UI sees one shape everywhere.
const UNAVAILABLE = JSON.stringify({ error: { code: 'backend_unavailable', message: 'the API is not reachable' } });

const answerUnavailable: ProxyOptions['configure'] = (proxy) => {
  proxy.on('error', (_error, _request, response) => {
    if ('writeHead' in response && !response.headersSent) {
      response.writeHead(503, { 'content-type': 'application/json' }).end(UNAVAILABLE);
    }
  });
};
const proxy = Object.fromEntries(
  ['/api', '/health', '/mcp'].map((path) => [path, { target: backend, configure: answerUnavailable }]),
);

/**
 * Vite logs every request the API refuses with a stack trace; while the API starts or is down that
 * is one trace per request. One line instead, at most every 10 s.
 */
function quietWhileApiDown() {
  const logger = createLogger();
  const logError = logger.error.bind(logger);
  let saidAt = 0;
  logger.error = (message, options) => {
    const code = (options?.error as NodeJS.ErrnoException | null | undefined)?.code;
    if (!message.includes('proxy error') || (code !== 'ECONNREFUSED' && code !== 'ECONNRESET')) {
      return logError(message, options);
    }
    if (Date.now() - saidAt < 10_000) return;
    saidAt = Date.now();
    logger.warn(`the API (${backend}) does not answer: /api answers 503 until it does`, { timestamp: true });
  };
  return logger;
}

export default defineConfig({
  plugins: [react()],
  customLogger: quietWhileApiDown(),
  // npm run dev names the port (WEB_PORT) and watches the API there: a port taken is an error, not another port.
  server: { port: Number(process.env.WEB_PORT ?? 5173), strictPort: true, proxy },
  preview: { port: Number(process.env.WEB_PORT ?? 4173), strictPort: true, proxy },
  // licenses.md beside the assets: the notices of every package bundled into them.
  build: { sourcemap: true, license: { fileName: 'licenses.md' } },
});
