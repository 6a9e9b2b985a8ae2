/**
 * Prints the API's OpenAPI document, as GET /api/docs serves it, from an app built in memory: what
 * npm run gen:api-types generates the client types from.
 */
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

const app = await buildApp({
  config: loadConfig({
    BETTER_AUTH_SECRET: 'openapi-document-only-0123456789abcdef',
    PGLITE_DATA_DIR: 'memory://',
    LOG_LEVEL: 'silent',
  }),
});
await app.ready();
process.stdout.write((await app.inject({ url: '/api/docs' })).body);
await app.close();
