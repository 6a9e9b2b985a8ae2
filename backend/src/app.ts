import swagger from '@fastify/swagger';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import authPlugin from './plugins/auth.js';
import databasePlugin from './plugins/database.js';
import drainPlugin from './plugins/drain.js';
import errorsPlugin, { answerNodeRefusals, clientErrorHandler, frameworkErrors } from './plugins/errors.js';
import inputPlugin from './plugins/input.js';
import limitsPlugin from './plugins/limits.js';
import metricsPlugin from './plugins/metrics.js';
import securityHeadersPlugin from './plugins/security-headers.js';
import chatRoutes from './routes/chat.js';
import healthRoutes from './routes/health.js';
import taskRoutes from './routes/tasks.js';
import mcpRoutes from './mcp/routes.js';
import { PUBLIC, SECURITY_SCHEMES } from './http/openapi.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;
const PLUGIN_MARGIN_MS = 30_000;

export type AppOptions = {
  config: Config;
  /** An open database to use instead of the one the configuration names (tests share one). */
  database?: Database | undefined;
  logger?: FastifyServerOptions['logger'];
  /** Where the assistant reads "today" from; tests fix it so dates are predictable. */
  clock?: (() => Date) | undefined;
};

/**
 * Fastify refuses a bare hop count (a client that reaches the API directly could forge the hops);
 * the chart's NetworkPolicy and compose let only the proxies reach it, so the count is stated here.
 */
const proxyTrust = (setting: Config['TRUST_PROXY']) =>
  typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;

export async function buildApp({ config, database, logger, clock }: AppOptions) {
  const app = Fastify({
    logger: logger ?? { level: config.LOG_LEVEL, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: proxyTrust(config.TRUST_PROXY),
    // Time limits for slow or stuck clients; keep-alive outlives common load balancers' 60 s.
    connectionTimeout: 30_000,
    requestTimeout: 60_000,
    keepAliveTimeout: 65_000,
    // Fastify's own 10 s limit per plugin would cut the database wait short of DB_STARTUP_TIMEOUT_MS;
    // the margin covers the last ping (5 s to connect) and the migrations.
    pluginTimeout: config.DB_STARTUP_TIMEOUT_MS + PLUGIN_MARGIN_MS,
    frameworkErrors,
    clientErrorHandler,
  });
  answerNodeRefusals(app.server);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  if (config.authSecretGenerated) {
    app.log.warn(
      'BETTER_AUTH_SECRET is not set: using a random secret for this process only. Sessions end at restart ' +
        "and replicas reject each other's sessions. Set BETTER_AUTH_SECRET (openssl rand -base64 32).",
    );
  }

  // First: it documents only the routes registered after it.
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Todo Chatbot API',
        version: '1.0.0',
        description: 'Tasks and an assistant that manages them.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      // The document is served by the API it describes: its paths are relative to where it was read.
      servers: [{ url: '/' }],
      tags: [
        { name: 'auth', description: 'Sign-up, sign-in and sessions (Better Auth)' },
        { name: 'tasks', description: "The user's tasks" },
        { name: 'chat', description: 'The assistant and its conversations' },
        { name: 'mcp', description: 'The assistant’s tools for other agents' },
        { name: 'operations', description: 'Health, metrics and this document' },
      ],
      components: { securitySchemes: SECURITY_SCHEMES },
    },
    transform: jsonSchemaTransform,
  });

  // Root hooks run in this order, before any route's own.
  await app.register(errorsPlugin);
  await app.register(securityHeadersPlugin);
  await app.register(drainPlugin);
  await app.register(inputPlugin);
  await app.register(limitsPlugin, { config });
  await app.register(databasePlugin, { config, database });
  await app.register(metricsPlugin);
  await app.register(authPlugin, { config });
  await app.register(healthRoutes, { config });
  await app.register(taskRoutes, { prefix: '/api/tasks' });
  await app.register(chatRoutes, { prefix: '/api', config, clock });
  await app.register(mcpRoutes);
  app.get(
    '/api/docs',
    {
      schema: {
        tags: ['operations'],
        operationId: 'openApiDocument',
        summary: 'This OpenAPI document',
        security: PUBLIC,
      },
    },
    () => app.swagger(),
  );

  return app;
}
export type App = Awaited<ReturnType<typeof buildApp>>;
