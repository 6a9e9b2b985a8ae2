import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Database, Db } from './client.js';

/** The migrations beside the sources; bundles set MIGRATIONS_DIR instead. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

// Any constant shared by every replica; it names this application's migration lock.
export const MIGRATION_LOCK_KEY = 727_310_001;

type Migrator = (db: Db, config: { migrationsFolder: string }) => Promise<void>;

async function migratorFor(kind: Database['kind']): Promise<Migrator> {
  const module =
    kind === 'postgres'
      ? await import('drizzle-orm/node-postgres/migrator')
      : await import('drizzle-orm/pglite/migrator');
  return module.migrate as unknown as Migrator;
}

/**
 * Applies pending migrations while holding a PostgreSQL advisory lock, so replicas that start
 * together take turns: the first applies, the others find nothing left to do.
 */
export async function runMigrations(database: Database, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  const migrate = await migratorFor(database.kind);
  await database.withConnection(async (db) => {
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      await migrate(db, { migrationsFolder });
    } finally {
      await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  });
}

// The migration files never change while the process runs: hash them once per folder.
const lastHashes = new Map<string, string | null>();
function lastMigrationHash(migrationsFolder: string): string | null {
  if (!lastHashes.has(migrationsFolder)) {
    lastHashes.set(migrationsFolder, readMigrationFiles({ migrationsFolder }).at(-1)?.hash ?? null);
  }
  return lastHashes.get(migrationsFolder) ?? null;
}

/** True when every migration in the folder is recorded as applied. */
export async function migrationsApplied(database: Database, migrationsFolder = MIGRATIONS_FOLDER): Promise<boolean> {
  const hash = lastMigrationHash(migrationsFolder);
  if (hash === null) return true;
  const result = (await database.db.execute(
    sql`select exists(select 1 from drizzle.__drizzle_migrations where hash = ${hash}) as applied`,
  )) as unknown as { rows: { applied: boolean }[] };
  return Boolean(result.rows[0]?.applied);
}
