import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The SPA calls the API on its own origin; in development and preview the server proxies the
// API's paths to the backend, as nginx and the Ingress do in the deployed stack.
const backend = process.env.BACKEND_URL ?? 'http://localhost:8000';
const proxy = Object.fromEntries(['/api', '/health', '/mcp'].map((path) => [path, { target: backend }]));

export default defineConfig({
  plugins: [react()],
  // npm run dev names the port (WEB_PORT) and watches the API there: a port taken is an error, not another port.
  server: { port: Number(process.env.WEB_PORT ?? 5173), strictPort: true, proxy },
  preview: { port: 4173, proxy },
  // licenses.md beside the assets: the notices of every package bundled into them.
  build: { sourcemap: true, license: { fileName: 'licenses.md' } },
});
