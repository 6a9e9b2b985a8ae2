import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { PUBLIC } from '../http/openapi.js';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics on a registry of this app's own, so several apps in one process never clash. */
export default fp(
  async function metricsPlugin(app: FastifyInstance) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const labelNames = ['method', 'route', 'status_code'] as const;
    const requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests served',
      labelNames,
      registers: [registry],
    });
    const duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
    const pool = (
      name: string,
      help: string,
      pick: (s: ReturnType<FastifyInstance['database']['poolStats']>) => number,
    ) =>
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(pick(app.database.poolStats()));
        },
      });
    pool('db_pool_connections_total', 'Database connections open', (s) => s.total);
    pool('db_pool_connections_idle', 'Database connections idle', (s) => s.idle);
    pool('db_pool_requests_waiting', 'Queries waiting for a database connection', (s) => s.waiting);

    app.addHook('onResponse', (request, reply, done) => {
      const labels = {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status_code: String(reply.statusCode),
      };
      requests.inc(labels);
      duration.observe(labels, reply.elapsedTime / 1000);
      done();
    });

    const schema = {
      tags: ['operations'],
      operationId: 'metrics',
      security: PUBLIC,
      summary: 'Prometheus metrics (text exposition format): requests, latencies, database pool',
    };
    app.get('/metrics', { schema, config: { unlimited: true } }, async (_request, reply) => {
      reply.header('content-type', registry.contentType);
      return registry.metrics();
    });
  },
  { name: 'metrics', dependencies: ['database'] },
);
