import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { waitForDatabase } from '../db/wait-for-database.js';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
  }
}

export type DatabasePluginOptions = { config: Config; database?: Database | undefined };

/** Opens the database (unless one is given), waits for it, applies migrations, and closes what it opened. */
export default fp(
  async function databasePlugin(app: FastifyInstance, opts: DatabasePluginOptions) {
    const database =
      opts.database ??
      (await openDatabase({
        url: opts.config.DATABASE_URL,
        pgliteDataDir: opts.config.PGLITE_DATA_DIR,
        poolMax: opts.config.DB_POOL_MAX,
      }));
    if (!opts.database) app.addHook('onClose', () => database.close());
    await waitForDatabase(database, { timeoutMs: opts.config.DB_STARTUP_TIMEOUT_MS, log: app.log });
    app.log.info({ database: database.kind }, 'applying database migrations');
    await runMigrations(database, opts.config.MIGRATIONS_DIR);
    app.decorate('database', database);
  },
  { name: 'database' },
);
