import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { migrationsApplied } from '../db/migrate.js';

// Probes come every few seconds from Kubernetes, compose and npm run dev: logged only when they fail.
const noLimit = { config: { unlimited: true }, logLevel: 'warn', schema: { tags: ['health'] } } as const;

export default async function healthRoutes(app: FastifyInstance, { config }: { config: Config }) {
  app.get('/health', noLimit, async (_request, reply) => {
    try {
      await app.database.ping();
      return { status: 'healthy', database: 'connected' };
    } catch {
      return reply.status(503).send({ status: 'unhealthy', database: 'disconnected' });
    }
  });

  // Liveness answers from the process alone: a database outage must not restart healthy pods.
  app.get('/health/live', noLimit, async () => ({ status: 'alive' }));

  app.get('/health/ready', noLimit, async (_request, reply) => {
    if (app.isDraining()) return reply.status(503).send({ status: 'not ready', reason: 'shutting down' });
    try {
      await app.database.ping();
      if (!(await migrationsApplied(app.database, config.MIGRATIONS_DIR))) {
        return reply.status(503).send({ status: 'not ready', reason: 'migrations pending' });
      }
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'not ready', reason: 'database unreachable' });
    }
  });
}
