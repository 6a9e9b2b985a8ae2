import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Config } from '../config.js';
import { PUBLIC } from '../http/openapi.js';
import { migrationsApplied } from '../db/migrate.js';

// Probes come every few seconds from Kubernetes, compose and npm run dev: logged only when they fail.
const noLimit = { config: { unlimited: true }, logLevel: 'warn' } as const;
const probe = (operationId: string, summary: string, answers: Record<number, z.ZodType>) => ({
  ...noLimit,
  schema: { tags: ['operations'], operationId, summary, security: PUBLIC, response: answers },
});
const health = z.object({ status: z.string(), database: z.string() });
const readiness = z.object({ status: z.string(), reason: z.string().optional() });

export default async function healthRoutes(app: FastifyInstance, { config }: { config: Config }) {
  app.get(
    '/health',
    probe('health', 'The API and its database', { 200: health, 503: health }),
    async (_request, reply) => {
      try {
        await app.database.ping();
        return { status: 'healthy', database: 'connected' };
      } catch {
        return reply.status(503).send({ status: 'unhealthy', database: 'disconnected' });
      }
    },
  );

  // Liveness answers from the process alone: a database outage must not restart healthy pods.
  const alive = { 200: z.object({ status: z.literal('alive') }) };
  app.get('/health/live', probe('liveness', 'The process answers (no database check)', alive), async () => ({
    status: 'alive',
  }));

  const ready = { 200: readiness, 503: readiness };
  app.get(
    '/health/ready',
    probe('readiness', 'Ready for traffic: database reachable, migrated', ready),
    async (_request, reply) => {
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
    },
  );
}
